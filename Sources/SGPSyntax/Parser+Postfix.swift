extension Parser {
    /// postfix = primary { "(" arguments ")" | "[" subscripts "]" | "." NAME }
    mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        // Like operator chains, postfix chains (`f()()`, `a.b.c`) nest the tree: count each link.
        var levels = 0
        defer { depth -= levels }
        while true {
            let t = peek()
            if t.is(.leftParen) || t.is(.leftBracket) || t.is(.dot) {
                try enter()
                levels += 1
            }
            switch t.kind {
            case .punct(.leftParen):
                let args = try parseArguments()
                e = Expr(.call(callee: e, args: args), Span(e.span.start, lastEnd))
            case .punct(.leftBracket):
                let subscripts = try parseSubscripts()
                e = Expr(.index(base: e, subscripts: subscripts), Span(e.span.start, lastEnd))
            case .punct(.dot):
                advance()
                let n = advance()
                guard case .identifier(let name) = n.kind else {
                    throw failure("expected field name after '.'" + found(n), at: n)
                }
                e = Expr(.field(base: e, name: name, nameSpan: n.span), e.span.to(n.span))
            default:
                return e
            }
        }
    }

    /// arguments = [ argument { "," argument } [","] ] ;  argument = [ NAME "=" ] expression
    ///
    /// Keyword arguments follow positional ones, each keyword at most once.
    mutating func parseArguments() throws -> [Argument] {
        let open = advance()
        skipNewlines.append(true)
        defer { skipNewlines.removeLast() }
        var args: [Argument] = []
        // Label spans by name id, so duplicate checks stay linear in long argument lists.
        var labels: [Int: Span] = [:]
        var firstKeyword: Argument?
        while !peek().is(.rightParen) && peek().kind != .eof {
            let arg = try parseArgument()
            if let label = arg.label {
                let span = arg.labelSpan ?? arg.value.span
                if let previous = labels[label.id] {
                    throw failure("duplicate keyword argument '\(label.text)'", span: span,
                                  notes: [Diagnostic.Note("first given here", span: previous)])
                }
                labels[label.id] = span
                if firstKeyword == nil { firstKeyword = arg }
            } else if let k = firstKeyword {
                throw failure("positional argument follows keyword argument", span: arg.value.span,
                              notes: [Diagnostic.Note("keyword argument '\(k.label?.text ?? "")' here", span: k.labelSpan)],
                              help: "move positional arguments before keyword arguments")
            }
            args.append(arg)
            if match(.comma) == nil { break }
        }
        try expect(.rightParen, "expected ')' after arguments", opened: open)
        return args
    }

    /// argument = [ NAME "=" ] expression
    mutating func parseArgument() throws -> Argument {
        let t = peek()
        if case .identifier(let label) = t.kind, peekSecond().is(.equal) {
            advance()
            let equal = advance()
            if peek().is(.rightParen) || peek().is(.comma) {
                throw failure("expected a value after '\(label.text)='", at: peek(),
                              notes: [Diagnostic.Note("keyword argument '\(label.text)' here", span: t.span.to(equal.span))])
            }
            let value = try parseExpression()
            return Argument(label: label, labelSpan: t.span, value: value)
        }
        return Argument(label: nil, labelSpan: nil, value: try parseExpression())
    }

    /// subscripts = subscript { "," subscript } ;  subscript = expression | [expression] ":" [expression] [":" [expression]]
    mutating func parseSubscripts() throws -> [Subscript] {
        let open = advance()
        skipNewlines.append(true)
        defer { skipNewlines.removeLast() }
        if peek().is(.rightBracket) {
            throw failure("expected an index inside '[]'", at: peek(), notes: [Diagnostic.Note("'[' opened here", span: open.span)])
        }
        var subscripts: [Subscript] = []
        repeat {
            if peek().is(.rightBracket) { break }
            subscripts.append(try parseSubscript())
        } while match(.comma) != nil
        try expect(.rightBracket, "expected ']' after index", opened: open)
        return subscripts
    }

    /// One index or slice `start:stop:step` (every part optional).
    mutating func parseSubscript() throws -> Subscript {
        let startOffset = peek().span.start
        let start = peek().is(.colon) ? nil : try parseExpression()
        guard match(.colon) != nil else {
            // An index (start is non-nil here: a leading ':' would have matched).
            return .index(start ?? Expr(.nil, Span(startOffset, startOffset)))
        }
        let stop = sliceBoundEnds() ? nil : try parseExpression()
        var step: Expr?
        if match(.colon) != nil {
            step = sliceBoundEnds() ? nil : try parseExpression()
        }
        return .slice(start: start, stop: stop, step: step, span: Span(startOffset, lastEnd))
    }

    /// Whether an omitted slice part ends here.
    mutating func sliceBoundEnds() -> Bool {
        let t = peek()
        return t.is(.colon) || t.is(.comma) || t.is(.rightBracket)
    }
}
