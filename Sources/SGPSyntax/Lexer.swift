/// Turns source bytes into tokens.
///
/// Newlines are tokens (they end statements) except where a line clearly continues: after a binary operator,
/// `=`, `,` or `:`, and before a line that starts with `|>` or `.`. Inside brackets the parser skips them.
/// String interpolation is lexed in place: `"a{x}b"` becomes `interpolation("a")`, the tokens of `x`, then
/// `string("b")`, so expressions inside strings carry true spans.
public struct Lexer {
    /// The result of lexing one source.
    public struct Output: Sendable {
        /// The tokens, ending with one `eof`.
        public var tokens: [Token]
        /// Lexical errors (unterminated strings, stray characters), capped at `SyntaxLimits.maxErrors`.
        public var diagnostics: [Diagnostic]
        /// True when a string literal was still open at the end of the input (the REPL should read more).
        public var unterminatedAtEnd: Bool
        /// True when a lexical error lies after the last token: the parser's errors at the end echo it.
        public var errorAfterLastToken: Bool
    }

    /// Lexes a whole source.
    public static func tokenize(_ source: Source) -> Output {
        var lexer = Lexer(source)
        lexer.run()
        return Output(tokens: lexer.tokens, diagnostics: lexer.diagnostics, unterminatedAtEnd: lexer.unterminatedAtEnd,
                      errorAfterLastToken: lexer.errorAfterLastToken)
    }

    /// An interpolation we are inside of: the string's quote, where it opened, and `{` nesting within the code.
    struct OpenInterpolation {
        var quote: UInt8
        var openQuote: Int
        var braceDepth: Int
    }

    private static let keywords: [String: Keyword] = Dictionary(uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

    let source: Source
    let bytes: [UInt8]
    var pos = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    var unterminatedAtEnd = false
    var errorAfterLastToken = false
    /// Names and keywords already lexed in this source.
    var seenNames: [String: TokenKind] = [:]
    var interpolations: [OpenInterpolation] = []

    init(_ source: Source) {
        self.source = source
        self.bytes = source.bytes
        tokens.reserveCapacity(bytes.count / 3 + 1)
    }

    mutating func run() {
        while pos < bytes.count { lexOne() }
        if let outer = interpolations.first, !unterminatedAtEnd {
            error("unterminated string", Span(outer.openQuote, outer.openQuote + 1),
                  notes: [Diagnostic.Note("strings end on the line they start; use '\\n' for a line break")])
            unterminatedAtEnd = true
        }
        interpolations.removeAll()
        // End-of-input errors point just past the last real token, not at a trailing blank line or comment.
        // A lexical error after the last token (a stray character, an unterminated string) moves it further, and
        // then parse errors at the end are echoes of that error.
        let lastToken = tokens.last(where: { !$0.isNewline })?.span.end ?? 0
        let lastError = diagnostics.map(\.span.end).max() ?? 0
        if lastError > lastToken { errorAfterLastToken = true }
        let end = max(lastToken, lastError)
        tokens.append(Token(.eof, Span(end, end)))
    }

    func byte(at i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    private mutating func lexOne() {
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
            pos += 1
        case UInt8(ascii: "\n"):
            newline(at: pos)
            pos += 1
        case UInt8(ascii: "#"):
            while pos < bytes.count && bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let open = pos
            pos += 1
            lexStringPiece(quote: c, pieceStart: open, openQuote: open)
        case UInt8(ascii: "}") where interpolations.last?.braceDepth == 0:
            // The `}` that closes an interpolation: the string continues.
            let open = interpolations.removeLast()
            let start = pos
            pos += 1
            lexStringPiece(quote: open.quote, pieceStart: start, openQuote: open.openQuote)
        default:
            if c >= 0x80 {
                lexNonASCII()
            } else if Lexer.isIdentifierStart(c) {
                lexIdentifier()
            } else {
                lexPunct()
            }
        }
    }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c >= 0x80
    }

    static func isIdentifierPart(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Emits a newline unless the line obviously continues or the previous token already ended one.
    private mutating func newline(at offset: Int) {
        guard let last = tokens.last else { return }
        switch last.kind {
        case .newline: return
        case .punct(let p) where Lexer.continuesLine(p): return
        case .keyword(.and), .keyword(.or), .keyword(.not): return
        default: tokens.append(Token(.newline, Span(offset, offset + 1)))
        }
    }

    /// Punctuation after which a line break does not end the statement.
    static func continuesLine(_ p: Punct) -> Bool {
        switch p {
        case .rightParen, .rightBracket, .rightBrace, .semicolon: return false
        default: return true
        }
    }

    mutating func emit(_ kind: TokenKind, from start: Int) {
        tokens.append(Token(kind, Span(start, pos)))
    }

    mutating func error(_ message: String, _ span: Span, notes: [Diagnostic.Note] = [], help: String? = nil) {
        guard diagnostics.count < SyntaxLimits.maxErrors else { return }
        diagnostics.append(Diagnostic(.error, message, span: span, source: source, notes: notes, help: help))
    }

    mutating func lexIdentifier() {
        let start = pos
        pos = nameEnd(from: pos)
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        // One hash per repeated name instead of a keyword lookup plus a locked trip to the shared table.
        if let kind = seenNames[text] {
            emit(kind, from: start)
            return
        }
        let kind: TokenKind
        if let k = Lexer.keywords[text] { kind = .keyword(k) } else { kind = .identifier(NameTable.shared.intern(text)) }
        seenNames[text] = kind
        emit(kind, from: start)
    }

    /// Digits with `_` separators, an optional fraction (a `.` followed by a digit, so `1..3` is a range) and an
    /// optional exponent.
    private mutating func lexNumber() {
        let start = pos
        var digits: [UInt8] = []
        func take(_ lexer: inout Lexer, into digits: inout [UInt8]) {
            while lexer.pos < lexer.bytes.count {
                let c = lexer.bytes[lexer.pos]
                if Lexer.isDigit(c) { digits.append(c) } else if c != UInt8(ascii: "_") { break }
                lexer.pos += 1
            }
        }
        take(&self, into: &digits)
        if byte(at: pos) == UInt8(ascii: "."), Lexer.isDigit(byte(at: pos + 1)) {
            digits.append(UInt8(ascii: "."))
            pos += 1
            take(&self, into: &digits)
        }
        let e = byte(at: pos)
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let sign = byte(at: pos + 1)
            let hasSign = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
            if Lexer.isDigit(byte(at: pos + (hasSign ? 2 : 1))) {
                digits.append(UInt8(ascii: "e"))
                if hasSign { digits.append(sign) }
                pos += hasSign ? 2 : 1
                take(&self, into: &digits)
            }
        }
        if nameEnd(from: pos) > pos {
            // `3x`: swallow the letters so the error is reported once, as a whole.
            let numberEnd = pos
            pos = nameEnd(from: pos)
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            let head = String(decoding: bytes[start..<numberEnd], as: UTF8.self)
            let tail = String(decoding: bytes[numberEnd..<pos], as: UTF8.self)
            error("invalid number '\(text)'", Span(start, pos), help: "write '\(head) * \(tail)' to multiply")
        }
        let value = Double(String(decoding: digits, as: UTF8.self)) ?? 0
        if !value.isFinite {
            error("number is too large", Span(start, pos))
            emit(.number(0), from: start)
        } else {
            emit(.number(value), from: start)
        }
    }
}
