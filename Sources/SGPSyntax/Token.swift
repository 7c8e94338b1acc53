/// Reserved words of the language.
public enum Keyword: String, Sendable, CaseIterable {
    case fn, end, `if`, then, elif, `else`, `for`, `in`, `while`, `do`, `return`, `break`, `continue`
    case and, or, not, `true`, `false`, `nil`, use, `as`
}

/// Operators and punctuation.
public enum Punct: String, Sendable, CaseIterable {
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", caret = "^", at = "@"
    case equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "=", plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/="
    case arrow = "->", pipe = "|>", dotDot = "..", dot = ".", comma = ",", colon = ":", semicolon = ";"
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]", leftBrace = "{", rightBrace = "}"

    /// The bracket that closes this one, for opening brackets.
    public var closing: Punct? {
        switch self {
        case .leftParen: return .rightParen
        case .leftBracket: return .rightBracket
        case .leftBrace: return .rightBrace
        default: return nil
        }
    }
}

/// What a token is, with its decoded payload.
public enum TokenKind: Sendable, Equatable {
    case number(Double)
    /// A complete string literal, or the last piece of an interpolated one (the text after the final `}`).
    case string(String)
    /// A string piece that is followed by an interpolated expression: the text before `{`.
    case interpolation(String)
    case identifier(Name)
    case keyword(Keyword)
    case punct(Punct)
    /// A statement-terminating line break (the lexer drops those that continue a line).
    case newline
    case eof
}

/// A token and where it came from.
public struct Token: Sendable, Equatable {
    /// What the token is.
    public var kind: TokenKind
    /// Its source text.
    public var span: Span
    /// A token.
    public init(_ kind: TokenKind, _ span: Span) { self.kind = kind; self.span = span }

    /// How the token reads in a message: `')'`, `name 'x'`, `number 3`, `end of input`.
    public var displayName: String {
        switch kind {
        case .number(let v): return "number \(formatNumber(v))"
        case .string, .interpolation: return "string"
        case .identifier(let n): return "name '\(n.text)'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .punct(let p): return "'\(p.rawValue)'"
        case .newline: return "end of line"
        case .eof: return "end of input"
        }
    }

    /// True for a `newline` or `eof` token.
    var endsLine: Bool {
        switch kind {
        case .newline, .eof: return true
        default: return false
        }
    }

    // Pattern matches rather than `==` on the whole enum: these run several times per token.
    func `is`(_ p: Punct) -> Bool {
        if case .punct(let q) = kind { return q == p }
        return false
    }

    func `is`(_ k: Keyword) -> Bool {
        if case .keyword(let q) = kind { return q == k }
        return false
    }

    var isNewline: Bool {
        if case .newline = kind { return true }
        return false
    }
}

/// Formats a number as it would be written: integers without a fractional part.
public func formatNumber(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
}
