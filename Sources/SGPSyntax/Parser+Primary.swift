extension Parser {
    /// primary = NUMBER | string | "true" | "false" | "nil" | NAME | "(" expression ")" | list | record
    mutating func parsePrimary() throws -> Expr {
        let t = peek()
        switch t.kind {
        case .number(let v):
            advance()
            return Expr(.number(v), t.span)
        case .string, .interpolation:
            return try parseString()
        case .keyword(.true), .keyword(.false):
            advance()
            return Expr(.bool(t.is(.true)), t.span)
        case .keyword(.nil):
            advance()
            return Expr(.nil, t.span)
        case .identifier(let name):
            advance()
            return Expr(.name(name), t.span)
        case .punct(.leftParen):
            return try parseGroup()
        case .punct(.leftBracket):
            return try parseList()
        case .punct(.leftBrace):
            return try parseRecord()
        case .eof, .newline:
            throw failure("expected an expression" + found(t), at: t)
        default:
            throw unexpected(t, help: primaryHelp(t))
        }
    }

    func primaryHelp(_ t: Token) -> String? {
        switch t.kind {
        case .punct(.equal): return "use '==' to compare"
        case .keyword(.then), .keyword(.do): return "'\(rawText(t))' follows a condition or loop header"
        case .keyword(.return): return "'return' starts a statement; after '=' or '->' write only the expression"
        default: return nil
        }
    }

    /// group = "(" expression ")"
    mutating func parseGroup() throws -> Expr {
        let open = advance()
        skipNewlines.append(true)
        defer { skipNewlines.removeLast() }
        if peek().is(.rightParen) {
            throw failure("empty parentheses are not an expression", at: peek(),
                          help: "a lambda without parameters is written: () -> expression")
        }
        let inner = try parseExpression()
        if peek().is(.comma) {
            throw failure("unexpected ',' in parentheses", at: peek(),
                          notes: [Diagnostic.Note("'(' opened here", span: open.span)],
                          help: "use [a, b] for a list, or add '-> body' to make a lambda")
        }
        try expect(.rightParen, "expected ')' after expression", opened: open)
        return Expr(inner.kind, Span(open.span.start, lastEnd))
    }

    /// list = "[" [ expression { "," expression } [","] ] "]"
    mutating func parseList() throws -> Expr {
        let open = advance()
        skipNewlines.append(true)
        defer { skipNewlines.removeLast() }
        var elements: [Expr] = []
        while !peek().is(.rightBracket) && peek().kind != .eof {
            elements.append(try parseExpression())
            if match(.comma) == nil { break }
        }
        try expect(.rightBracket, "expected ']' after list elements", opened: open)
        return Expr(.list(elements), Span(open.span.start, lastEnd))
    }

    /// record = "{" [ field { "," field } [","] ] "}" ;  field = (NAME | STRING) ":" expression
    mutating func parseRecord() throws -> Expr {
        let open = advance()
        skipNewlines.append(true)
        defer { skipNewlines.removeLast() }
        var fields: [(key: Name, value: Expr)] = []
        var keySpans: [Int: Span] = [:]
        while !peek().is(.rightBrace) && peek().kind != .eof {
            let k = advance()
            let key: Name
            switch k.kind {
            case .identifier(let n): key = n
            case .string(let s): key = NameTable.shared.intern(s)
            default:
                throw failure("expected field name in record" + found(k), at: k,
                              notes: [Diagnostic.Note("'{' opened here", span: open.span)])
            }
            if let first = keySpans[key.id] {
                throw failure("duplicate field '\(key.text)' in record", at: k,
                              notes: [Diagnostic.Note("first defined here", span: first)])
            }
            keySpans[key.id] = k.span
            try expect(.colon, "expected ':' after field name '\(key.text)'")
            fields.append((key: key, value: try parseExpression()))
            if match(.comma) == nil { break }
        }
        try expect(.rightBrace, "expected '}' after record fields", opened: open)
        return Expr(.record(fields), Span(open.span.start, lastEnd))
    }

    /// string = STRING | { INTERPOLATION expression } STRING — the lexer splits `"a{x}b"` into
    /// `interpolation("a")`, the tokens of `x`, `string("b")`.
    mutating func parseString() throws -> Expr {
        let first = peek()
        var parts: [StringPart] = []
        while true {
            let t = advance()
            switch t.kind {
            case .string(let s):
                if !s.isEmpty { parts.append(.text(s)) }
                return Expr(.string(parts), first.span.to(t.span))
            case .interpolation(let s):
                if !s.isEmpty { parts.append(.text(s)) }
                parts.append(.expr(try parseInterpolatedExpression(opener: t)))
            default:
                throw unexpected(t)
            }
        }
    }

    /// The expression inside `{...}`, which must be followed by the rest of the string.
    mutating func parseInterpolatedExpression(opener: Token) throws -> Expr {
        skipNewlines.append(true)
        defer { skipNewlines.removeLast() }
        let brace = Span(max(opener.span.start, opener.span.end - 1), opener.span.end)
        let next = peek()
        if isStringContinuation(next) {
            throw failure("empty interpolation '{}' in string", span: brace.to(Span(next.span.start, next.span.start + 1)),
                          help: "write '{{' and '}}' for literal braces")
        }
        let e = try parseExpression()
        guard isStringContinuation(peek()) else {
            throw failure("expected '}' to close interpolation" + found(peek()), at: peek(),
                          notes: [Diagnostic.Note("'{' opened here", span: brace)],
                          help: peek().is(.colon) ? "format specifiers are not supported inside '{...}'"
                              : "a '{' in a string starts an interpolation; write '{{' for a literal brace")
        }
        return e
    }

    /// Whether `t` is the rest of a string after an interpolation (it starts at the closing `}`), rather than a
    /// new string literal nested inside the interpolated expression.
    func isStringContinuation(_ t: Token) -> Bool {
        switch t.kind {
        case .string, .interpolation:
            return t.span.start < source.bytes.count && source.bytes[t.span.start] == UInt8(ascii: "}")
        default:
            return false
        }
    }
}
