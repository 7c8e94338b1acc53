extension Parser {
    /// expression = binary(pipe) ; binary operators and their precedence come from `OperatorTable`.
    mutating func parseExpression() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        return try parseBinary(.pipe)
    }

    /// Precedence climbing over `OperatorTable.binary`: parses operators binding at least as tight as `minimum`.
    mutating func parseBinary(_ minimum: Precedence) throws -> Expr {
        var left = try parseOperand()
        // Each operator in a chain (`1 + 1 + ...`) nests the tree one level deeper; counting it bounds the depth
        // the evaluator and the tree's own deallocation recurse through.
        var levels = 0
        defer { depth -= levels }
        while let entry = OperatorTable.binary(for: peek()), entry.precedence >= minimum {
            try enter()
            levels += 1
            let opToken = advance()
            let right: Expr
            if entry.associativity == .right {
                // Right-associative chains (`a^b^c`) recurse once per operator: count them as nesting.
                try enter()
                defer { depth -= 1 }
                right = try parseBinary(entry.precedence)
            } else {
                right = try parseBinary(Precedence(rawValue: entry.precedence.rawValue + 1) ?? .power)
            }
            left = combine(entry.op, left, right)
            if entry.associativity == .none, let next = OperatorTable.binary(for: peek()), next.precedence == entry.precedence {
                throw chainedOperator(first: opToken, second: peek(), precedence: entry.precedence)
            }
        }
        return left
    }

    /// Builds a binary node; `x |> f(a)` becomes `f(x, a)` and `x |> f` becomes `f(x)`.
    func combine(_ op: BinaryOp, _ left: Expr, _ right: Expr) -> Expr {
        let span = left.span.to(right.span)
        guard op == .pipe else { return Expr(.binary(op, left, right), span) }
        let piped = Argument(label: nil, labelSpan: nil, value: left)
        if case .call(let callee, let args) = right.kind {
            return Expr(.call(callee: callee, args: [piped] + args), span)
        }
        return Expr(.call(callee: right, args: [piped]), span)
    }

    func chainedOperator(first: Token, second: Token, precedence: Precedence) -> ParseFailure {
        let a = rawText(first), b = rawText(second)
        if precedence == .range {
            return failure("ranges cannot be chained", at: second,
                           notes: [Diagnostic.Note("first '\(a)' here", span: first.span)])
        }
        return failure("comparisons cannot be chained", at: second,
                       notes: [Diagnostic.Note("first comparison '\(a)' here", span: first.span)],
                       help: "write 'a \(a) b and b \(b) c'")
    }

    /// operand = prefix-op operand | lambda | conditional | anonymous-fn | postfix
    mutating func parseOperand() throws -> Expr {
        let t = peek()
        if let entry = OperatorTable.prefix(for: t) {
            advance()
            try enter()
            defer { depth -= 1 }
            // The operand binds at the next level up: `-x^2` is `-(x^2)`, `not a == b` is `not (a == b)`.
            let operand = try parseBinary(Precedence(rawValue: entry.precedence.rawValue + 1) ?? .power)
            let span = t.span.to(operand.span)
            if entry.op == .neg, case .number(let v) = operand.kind {
                return Expr(.number(-v), span)
            }
            if entry.op == .plus, case .number = operand.kind {
                return Expr(operand.kind, span)
            }
            return Expr(.unary(entry.op, operand), span)
        }
        switch t.kind {
        case .keyword(.if):
            return try parseConditional()
        case .keyword(.fn):
            return try parseAnonymousFunction()
        case .identifier where peekSecond().is(.arrow):
            return try parseShortLambda()
        case .punct(.leftParen) where isLambdaAhead():
            return try parseLambda()
        default:
            return try parsePostfix()
        }
    }

    /// conditional = "if" expression "then" expression { "elif" expression "then" expression } "else" expression
    mutating func parseConditional() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let ifToken = advance()
        let cond = try parseExpression()
        guard match(.then) != nil else {
            throw failure("expected 'then' after condition of 'if' expression" + found(peek()), at: peek(),
                          notes: [Diagnostic.Note("'if' here", span: ifToken.span)])
        }
        let yes = try parseExpression()
        let no: Expr
        if peek().is(.elif) {
            no = try parseConditional()
        } else if match(.else) != nil {
            no = try parseExpression()
        } else {
            throw failure("expected 'else' in 'if' expression" + found(peek()), at: peek(),
                          notes: [Diagnostic.Note("'if' here", span: ifToken.span)],
                          help: "an 'if' used as a value needs both branches: if c then a else b")
        }
        return Expr(.conditional(cond: cond, then: yes, else: no), ifToken.span.to(no.span))
    }

    /// lambda = "(" params ")" "->" expression
    mutating func parseLambda() throws -> Expr {
        let open = peek()
        let params = try parseParameterList(after: "'('", consumeOpen: true)
        try expect(.arrow, "expected '->' after lambda parameters")
        return try lambdaBody(params: params, start: open.span)
    }

    /// short-lambda = NAME "->" expression
    mutating func parseShortLambda() throws -> Expr {
        let nameToken = advance()
        advance()
        guard case .identifier(let name) = nameToken.kind else { throw unexpected(nameToken) }
        return try lambdaBody(params: [Param(name: name, defaultValue: nil, span: nameToken.span)], start: nameToken.span)
    }

    mutating func lambdaBody(params: [Param], start: Span) throws -> Expr {
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            functionDepth -= 1
            loopDepth = savedLoops
        }
        let body = try parseExpression()
        let block = Block(statements: [Stmt(.return(body), body.span)], span: body.span)
        return Expr(.lambda(params: params, body: block), start.to(body.span))
    }

    /// anonymous-fn = "fn" "(" params ")" ( "=" expression | block "end" )
    mutating func parseAnonymousFunction() throws -> Expr {
        let fnToken = advance()
        guard peek().is(.leftParen) else {
            if isIdentifier(peek()) {
                throw failure("a named function cannot be used as a value", at: peek(),
                              help: "define it on its own line, or write an anonymous 'fn (params) ... end'")
            }
            throw failure("expected '(' after 'fn'" + found(peek()), at: peek())
        }
        let params = try parseParameterList(after: "'fn'")
        // The body is a block even inside brackets: newlines separate its statements again.
        skipNewlines.append(false)
        defer { skipNewlines.removeLast() }
        let body = try parseFunctionBody(opener: fnToken)
        return Expr(.lambda(params: params, body: body), fnToken.span.to(Span(lastEnd, lastEnd)))
    }

    /// Whether the `(` at the current token opens a lambda's parameter list: its matching `)` is followed by `->`.
    mutating func isLambdaAhead() -> Bool {
        _ = peek()
        if closers.isEmpty { closers = Parser.matchBrackets(tokens) }
        let close = closers[index]
        guard close > index else { return false }
        var j = close + 1
        if skipNewlines.last == true {
            while j < tokens.count && tokens[j].isNewline { j += 1 }
        }
        return j < tokens.count && tokens[j].is(.arrow)
    }

    /// For each opening bracket, the index of the bracket that closes it (any kind), or -1: one pass, so deciding
    /// "lambda or group" at every `(` stays linear even on pathological input.
    static func matchBrackets(_ tokens: [Token]) -> [Int] {
        var result = [Int](repeating: -1, count: tokens.count)
        var open: [Int] = []
        for (i, t) in tokens.enumerated() {
            guard case .punct(let p) = t.kind else { continue }
            switch p {
            case .leftParen, .leftBracket, .leftBrace: open.append(i)
            case .rightParen, .rightBracket, .rightBrace:
                if let o = open.popLast() { result[o] = i }
            default: break
            }
        }
        return result
    }
}
