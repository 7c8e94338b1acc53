extension Lexer {
    /// Two-character operators, tried before single characters (longest match).
    private static let twoCharacter: [String: Punct] = {
        var table: [String: Punct] = [:]
        for p in Punct.allCases where p.rawValue.utf8.count == 2 { table[p.rawValue] = p }
        return table
    }()

    private static let oneCharacter: [UInt8: Punct] = {
        var table: [UInt8: Punct] = [:]
        for p in Punct.allCases where p.rawValue.utf8.count == 1 { table[p.rawValue.utf8.first ?? 0] = p }
        return table
    }()

    /// Operators people bring from other languages, with what to write instead and the token that stands in for
    /// them so parsing continues sensibly (nil: none).
    private static let foreign: [String: (message: String, help: String, replacement: TokenKind?)] = [
        "**": ("'**' is not an operator", "use '^' for powers", .punct(.caret)),
        "&&": ("'&&' is not an operator", "use 'and'", .keyword(.and)),
        "||": ("'||' is not an operator", "use 'or'", .keyword(.or)),
        "++": ("'++' is not an operator", "write 'x += 1'", nil),
    ]

    var interpolationDepth: Int { interpolations.count }

    mutating func beginInterpolation(quote: UInt8, openQuote: Int) {
        interpolations.append(OpenInterpolation(quote: quote, openQuote: openQuote, braceDepth: 0))
    }

    mutating func lexPunct() {
        let start = pos
        let c = bytes[pos]
        if pos + 1 < bytes.count {
            let pair = String(decoding: bytes[pos..<pos + 2], as: UTF8.self)
            if let p = Lexer.twoCharacter[pair] {
                pos += 2
                punct(p, from: start)
                return
            }
            if let f = Lexer.foreign[pair] {
                pos += 2
                error(f.message, Span(start, pos), help: f.help)
                if let r = f.replacement { emit(r, from: start) }
                return
            }
            if pair == "//" {
                // Most likely a comment from C or JavaScript: report once and skip the line like a comment.
                error("'//' is not an operator or a comment", Span(start, start + 2),
                      help: "comments start with '#'; for floor division write floor(a / b)")
                while pos < bytes.count && bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
                return
            }
        }
        if let p = Lexer.oneCharacter[c] {
            pos += 1
            punct(p, from: start)
            return
        }
        pos += 1
        let shown = c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
        var help: String?
        switch c {
        case UInt8(ascii: "!"): help = "use 'not' for negation and '!=' for inequality"
        case UInt8(ascii: "&"): help = "use 'and'"
        case UInt8(ascii: "|"): help = "use 'or', or '|>' to pipe"
        case UInt8(ascii: "`"): help = "strings are written with \" or '"
        default: help = nil
        }
        error("unexpected character \(shown)", Span(start, pos), help: help)
    }

    /// Emits punctuation, tracking `{`/`}` inside interpolations and joining lines that start with `|>` or `.`.
    private mutating func punct(_ p: Punct, from start: Int) {
        switch p {
        case .leftBrace:
            if !interpolations.isEmpty { interpolations[interpolations.count - 1].braceDepth += 1 }
        case .rightBrace:
            if !interpolations.isEmpty { interpolations[interpolations.count - 1].braceDepth -= 1 }
        case .pipe, .dot:
            if tokens.last?.isNewline == true { tokens.removeLast() }
        default:
            break
        }
        emit(.punct(p), from: start)
    }
}
