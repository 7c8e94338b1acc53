/// Recursive-descent parser: tokens in, a `Block` and diagnostics out.
///
/// One small function per grammar rule, split by concern: statements (`Parser+Statements`), blocks and recovery
/// (`Parser+Blocks`), expressions by precedence (`Parser+Expressions`), postfix forms (`Parser+Postfix`) and
/// primaries (`Parser+Primary`). Errors are thrown as `ParseFailure` and caught at statement boundaries, where
/// the parser skips to the next line (panic mode) and carries on, so one parse reports several errors.
public struct Parser {
    /// Parses a whole source. The block is usable only when no diagnostic is an error.
    public static func parse(_ source: Source) -> (Block, [Diagnostic]) {
        let result = run(source)
        return (result.block, result.diagnostics)
    }

    /// True when `text` is the start of a longer input: open brackets, a block without `end`, a trailing
    /// operator or comma, or a string still open at the end. The REPL then reads another line.
    public static func isIncomplete(_ text: String) -> Bool {
        let result = run(Source(name: "<repl>", text: text))
        return result.incomplete
    }

    static func run(_ source: Source) -> (block: Block, diagnostics: [Diagnostic], incomplete: Bool) {
        LargeStack.run { parseOnThisThread(source) }
    }

    static func parseOnThisThread(_ source: Source) -> (block: Block, diagnostics: [Diagnostic], incomplete: Bool) {
        guard source.bytes.count <= SyntaxLimits.maxSourceBytes else {
            let d = Diagnostic(.error, "source is too large (\(source.bytes.count) bytes; limit \(SyntaxLimits.maxSourceBytes))",
                               span: Span(0, 0), source: source, help: "load data with a builtin instead of pasting it")
            return (Block(statements: [], span: Span(0, 0)), [d], false)
        }
        let lexed = Lexer.tokenize(source)
        var parser = Parser(source: source, tokens: lexed.tokens, lexerErrors: lexed.diagnostics.count,
                            quietAtEnd: lexed.unterminatedAtEnd || lexed.errorAfterLastToken)
        let block = parser.parseProgram()
        var all = (lexed.diagnostics + parser.diagnostics).enumerated()
            .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
            .map(\.element)
        if all.count > SyntaxLimits.maxErrors {
            all = Array(all.prefix(SyntaxLimits.maxErrors))
        }
        if parser.stoppedEarly || lexed.diagnostics.count >= SyntaxLimits.maxErrors {
            all.append(Diagnostic(.note, "too many errors (stopped after \(SyntaxLimits.maxErrors))",
                                  span: Span(source.bytes.count, source.bytes.count), source: source))
        }
        // Incomplete only when the first problem is that the input simply ran out.
        let onlyEndLexerError = lexed.diagnostics.count == 1 && lexed.unterminatedAtEnd
        let incomplete = lexed.diagnostics.isEmpty ? parser.firstErrorAtEnd : onlyEndLexerError
        return (block, all, incomplete)
    }

    let source: Source
    let tokens: [Token]
    /// Index of the current token; never moves past the final `eof`.
    var index = 0
    /// End offset of the last consumed token, for spans.
    var lastEnd = 0
    /// Newline handling per nesting: `true` inside brackets (newlines skipped), `false` in blocks.
    var skipNewlines: [Bool] = [false]
    /// Current nesting depth, bounded by `SyntaxLimits.maxNestingDepth`.
    var depth = 0
    /// Enclosing functions and loops, for `return` / `break` checks.
    var functionDepth = 0
    var loopDepth = 0
    var diagnostics: [Diagnostic] = []
    /// Matching closing bracket per token index, computed on first need (`isLambdaAhead`).
    var closers: [Int] = []
    let lexerErrors: Int
    /// Errors at the end of input are not reported: a lexical error there already explains them.
    let quietAtEnd: Bool
    /// Set by a fatal error (nesting too deep, too many errors): every loop stops.
    var fatal = false
    var stoppedEarly = false
    /// Set once a fatal error is reported: later errors are consequences of it.
    var silenced = false
    /// Whether the first reported error was found at the end of the input.
    var firstErrorAtEnd = false

    init(source: Source, tokens: [Token], lexerErrors: Int, quietAtEnd: Bool) {
        self.source = source
        self.tokens = tokens
        self.lexerErrors = lexerErrors
        self.quietAtEnd = quietAtEnd
    }

    // MARK: Tokens

    /// The current token, skipping newlines inside brackets.
    mutating func peek() -> Token {
        if skipNewlines.last == true {
            while index + 1 < tokens.count && tokens[index].isNewline { index += 1 }
        }
        return tokens[min(index, tokens.count - 1)]
    }

    /// The token after the current one (same newline rule).
    mutating func peekSecond() -> Token {
        _ = peek()
        var i = index + 1
        if skipNewlines.last == true {
            while i + 1 < tokens.count && tokens[i].isNewline { i += 1 }
        }
        return tokens[min(i, tokens.count - 1)]
    }

    /// Consumes and returns the current token (the final `eof` is never consumed).
    @discardableResult
    mutating func advance() -> Token {
        let t = peek()
        if index + 1 < tokens.count { index += 1 }
        lastEnd = t.span.end
        return t
    }

    /// Consumes the current token when it is `p`.
    mutating func match(_ p: Punct) -> Token? {
        peek().is(p) ? advance() : nil
    }

    /// Consumes the current token when it is `k`.
    mutating func match(_ k: Keyword) -> Token? {
        peek().is(k) ? advance() : nil
    }

    /// Consumes `p` or fails with `message`, noting where the bracket `opened`.
    @discardableResult
    mutating func expect(_ p: Punct, _ message: String, opened: Token? = nil) throws -> Token {
        if let t = match(p) { return t }
        var notes: [Diagnostic.Note] = []
        if let o = opened { notes.append(Diagnostic.Note("'\(rawText(o))' opened here", span: o.span)) }
        throw failure(message + found(peek()), at: peek(), notes: notes)
    }

    /// ", found X" for the messages that say what was expected.
    func found(_ t: Token) -> String { ", found \(t.displayName)" }

    func rawText(_ t: Token) -> String {
        let s = min(t.span.start, source.bytes.count), e = min(t.span.end, source.bytes.count)
        return String(decoding: source.bytes[s..<e], as: UTF8.self)
    }

    /// Enters one nesting level, failing fatally past `SyntaxLimits.maxNestingDepth`; pair with
    /// `defer { depth -= 1 }`. Inline rather than a closure wrapper so each level costs fewer stack frames.
    mutating func enter() throws {
        guard depth < SyntaxLimits.maxNestingDepth else {
            fatal = true
            throw failure("nesting is too deep (limit \(SyntaxLimits.maxNestingDepth) levels)", at: peek(),
                          help: "split the expression into named parts")
        }
        depth += 1
    }
}
