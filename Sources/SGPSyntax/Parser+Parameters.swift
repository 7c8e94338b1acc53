extension Parser {
    /// params = "(" [ param { "," param } [","] ] ")" ;  param = NAME [ "=" expression ]
    ///
    /// Parameters with defaults must come after those without, and names must be distinct.
    mutating func parseParameterList(after what: String, consumeOpen: Bool = true) throws -> [Param] {
        let open = peek()
        try expect(.leftParen, "expected '(' after \(what)")
        skipNewlines.append(true)
        defer { skipNewlines.removeLast() }
        var params: [Param] = []
        // Spans by name id: a dictionary keeps duplicate checks linear in machine-written parameter lists.
        var seen: [Int: Span] = [:]
        var firstDefault: Param?
        while !peek().is(.rightParen) && peek().kind != .eof {
            let param = try parseParameter()
            if let previous = seen[param.name.id] {
                throw failure("duplicate parameter '\(param.name.text)'", span: param.span,
                              notes: [Diagnostic.Note("first defined here", span: previous)])
            }
            seen[param.name.id] = param.span
            if param.defaultValue != nil {
                if firstDefault == nil { firstDefault = param }
            } else if let d = firstDefault {
                throw failure("parameter '\(param.name.text)' without a default follows one with a default", span: param.span,
                              notes: [Diagnostic.Note("'\(d.name.text)' has a default here", span: d.span)],
                              help: "give '\(param.name.text)' a default or move it before '\(d.name.text)'")
            }
            params.append(param)
            if match(.comma) == nil { break }
        }
        try expect(.rightParen, "expected ')' after parameters", opened: open)
        return params
    }

    /// param = NAME [ "=" expression ]
    mutating func parseParameter() throws -> Param {
        let t = advance()
        guard case .identifier(let name) = t.kind else {
            throw failure("expected parameter name" + found(t), at: t)
        }
        guard match(.equal) != nil else { return Param(name: name, defaultValue: nil, span: t.span) }
        let value = try parseExpression()
        return Param(name: name, defaultValue: value, span: t.span.to(value.span))
    }
}
