/// A syntax error in flight: thrown by a grammar rule, caught at a statement boundary and reported.
struct ParseFailure: Error {
    var diagnostic: Diagnostic
    /// Whether the offending token was the end of input (the REPL reads more instead of reporting).
    var atEnd: Bool
}

extension Parser {
    /// Builds the error for an unexpected `token`.
    func failure(_ message: String, at token: Token, notes: [Diagnostic.Note] = [], help: String? = nil) -> ParseFailure {
        return ParseFailure(diagnostic: Diagnostic(.error, message, span: token.span, source: source, notes: notes, help: help),
                            atEnd: token.kind == .eof)
    }

    /// Builds an error about an arbitrary span (not at end of input).
    func failure(_ message: String, span: Span, notes: [Diagnostic.Note] = [], help: String? = nil) -> ParseFailure {
        ParseFailure(diagnostic: Diagnostic(.error, message, span: span, source: source, notes: notes, help: help),
                     atEnd: false)
    }

    /// "unexpected X": the error for a token that cannot start or continue what we are parsing.
    func unexpected(_ token: Token, help: String? = nil) -> ParseFailure {
        failure("unexpected \(token.displayName)", at: token, help: help)
    }

    /// Records an error, unless parsing already stopped; stops after `SyntaxLimits.maxErrors`.
    mutating func report(_ f: ParseFailure) {
        guard !silenced else { return }
        // After a lexical error past the last token (say, a string running to the end), errors at the end echo it.
        if f.atEnd && quietAtEnd { return }
        if diagnostics.isEmpty && lexerErrors == 0 { firstErrorAtEnd = f.atEnd }
        diagnostics.append(f.diagnostic)
        if diagnostics.count + lexerErrors >= SyntaxLimits.maxErrors {
            fatal = true
            stoppedEarly = true
        }
        // A fatal error is the last one worth reading: what follows is the unwinding echoing it.
        if fatal { silenced = true }
    }

    /// Records an error without unwinding (for checks such as `return` outside a function).
    mutating func report(_ message: String, span: Span, notes: [Diagnostic.Note] = [], help: String? = nil) {
        report(failure(message, span: span, notes: notes, help: help))
    }
}
