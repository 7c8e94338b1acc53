extension Parser {
    /// statement = function | if | for | while | return | break | continue | use | assignment | expression
    mutating func parseStatement() throws -> Stmt {
        let t = peek()
        let kind: StmtKind
        switch t.kind {
        case .keyword(.fn) where isIdentifier(peekSecond()): kind = try parseFunction()
        case .keyword(.if): kind = try parseIf()
        case .keyword(.for): kind = try parseFor()
        case .keyword(.while): kind = try parseWhile()
        case .keyword(.return): kind = try parseReturn()
        case .keyword(.break), .keyword(.continue): kind = parseLoopJump()
        case .keyword(.use): kind = try parseUse()
        default: kind = try parseAssignmentOrExpression()
        }
        let span = Span(t.span.start, lastEnd)
        let suppressed = try parseTerminator(statementStart: t)
        return Stmt(kind, span, suppressed: suppressed)
    }

    func isIdentifier(_ t: Token) -> Bool {
        if case .identifier = t.kind { return true }
        return false
    }

    /// function = "fn" NAME "(" params ")" ( "=" expression | block "end" )
    mutating func parseFunction() throws -> StmtKind {
        let fnToken = advance()
        let nameToken = advance()
        guard case .identifier(let name) = nameToken.kind else { throw unexpected(nameToken) }
        var params: [Param] = []
        do {
            params = try parseParameterList(after: "function name '\(name.text)'")
        } catch let f as ParseFailure {
            report(f)
            // A broken one-liner (`fn f(x y) = 1`) has no body block: do not look for an `end`.
            let oneLiner = restOfLineContains(.equal)
            skipRestOfLine()
            if oneLiner {
                return .function(name: name, nameSpan: nameToken.span, params: [], body: Block(statements: [], span: nameToken.span))
            }
        }
        let body = try parseFunctionBody(opener: fnToken)
        return .function(name: name, nameSpan: nameToken.span, params: params, body: body)
    }

    /// The body after a parameter list: `= expression` or a block closed by `end`. Shared by named and
    /// anonymous functions.
    mutating func parseFunctionBody(opener: Token) throws -> Block {
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            functionDepth -= 1
            loopDepth = savedLoops
        }
        if match(.equal) != nil {
            let value = try parseExpression()
            return Block(statements: [Stmt(.return(value), value.span)], span: value.span)
        }
        if let colon = match(.colon) {
            // Python habit: report it and read the body as if the ':' were not there.
            report(failure("expected '=' or a new line after parameters, found ':'", at: colon,
                           help: "blocks are closed with 'end', not introduced with ':'"))
        }
        let body = try parseBlock(endingAt: [.end])
        do {
            try expectEnd(closing: opener)
        } catch var f as ParseFailure {
            // `fn f(x) x^2` followed by more lines: most likely a one-liner missing its '='.
            if let first = body.statements.first,
               source.location(of: first.span.start).line == source.location(of: opener.span.start).line {
                f.diagnostic.help = "a one-line function is written: fn name(params) = expression"
            }
            throw f
        }
        return body
    }

    /// if = "if" expression ["then"] block { "elif" expression ["then"] block } ["else" block] "end"
    mutating func parseIf() throws -> StmtKind {
        let ifToken = advance()
        var branches: [(cond: Expr, body: Block)] = []
        var elseBody: Block?
        var keyword = ifToken
        while true {
            let cond = parseHeader { p in
                let c = try p.parseExpression()
                try p.expectBlockStart(.then, after: "condition")
                return c
            }
            branches.append((cond: cond ?? Expr(.nil, keyword.span), body: try parseBlock(endingAt: [.end, .elif, .else])))
            guard let elif = match(.elif) else { break }
            keyword = elif
        }
        var elseIf: Token?
        if match(.else) != nil {
            if peek().is(.if) { elseIf = peek() }
            elseBody = try parseBlock(endingAt: [.end, .elif, .else])
            if peek().is(.elif) || peek().is(.else) {
                throw failure("'\(rawText(peek()))' after 'else'", at: peek(),
                              help: "'else' must be the last branch of an 'if'")
            }
        }
        do {
            try expectEnd(closing: ifToken)
        } catch var f as ParseFailure {
            if let inner = elseIf {
                f.diagnostic.notes.append(Diagnostic.Note("'else if' opens a new 'if' here, which needs its own 'end'", span: inner.span))
                f.diagnostic.help = "write 'elif' to add a branch to the same 'if'"
            } else if source.location(of: ifToken.span.start).line == source.location(of: lastEnd).line {
                f.diagnostic.help = "close it with 'end', or use it as a value: y = if c then a else b"
            }
            throw f
        }
        return .if(branches: branches, elseBody: elseBody)
    }

    /// for = "for" NAME "in" expression ["do"] block "end"
    mutating func parseFor() throws -> StmtKind {
        let forToken = advance()
        let header = parseHeader { p -> (Name, Span, Expr) in
            let v = p.advance()
            guard case .identifier(let name) = v.kind else {
                throw p.failure("expected loop variable after 'for'" + p.found(v), at: v)
            }
            guard p.match(.in) != nil else {
                throw p.failure("expected 'in' after loop variable '\(name.text)'" + p.found(p.peek()), at: p.peek())
            }
            let iterable = try p.parseExpression()
            try p.expectBlockStart(.do, after: "loop header")
            return (name, v.span, iterable)
        }
        loopDepth += 1
        defer { loopDepth -= 1 }
        let body = try parseBlock(endingAt: [.end])
        try expectEnd(closing: forToken)
        let (name, span, iterable) = header ?? (NameTable.shared.intern("_"), forToken.span, Expr(.nil, forToken.span))
        return .for(variable: name, variableSpan: span, iterable: iterable, body: body)
    }

    /// while = "while" expression ["do"] block "end"
    mutating func parseWhile() throws -> StmtKind {
        let whileToken = advance()
        let cond = parseHeader { p in
            let c = try p.parseExpression()
            try p.expectBlockStart(.do, after: "condition")
            return c
        }
        loopDepth += 1
        defer { loopDepth -= 1 }
        let body = try parseBlock(endingAt: [.end])
        try expectEnd(closing: whileToken)
        return .while(cond: cond ?? Expr(.nil, whileToken.span), body: body)
    }

    /// Parses a block header; on error reports it and skips the rest of the line so the body is still parsed
    /// (and its `end` still closes the block), instead of cascading errors down the file.
    mutating func parseHeader<T>(_ rule: (inout Parser) throws -> T) -> T? {
        let savedModes = skipNewlines.count
        do {
            return try rule(&self)
        } catch let f as ParseFailure {
            report(f)
            skipNewlines.removeLast(max(0, skipNewlines.count - savedModes))
            skipRestOfLine()
            return nil
        } catch {
            return nil
        }
    }

    /// After a header: the optional `then`/`do`, which must be followed by the body on the same line or a new one.
    mutating func expectBlockStart(_ keyword: Keyword, after what: String) throws {
        if match(keyword) != nil { return }
        let t = peek()
        if t.isNewline || t.is(.semicolon) { return }
        var help: String?
        if t.is(.equal) { help = "use '==' to compare" }
        if t.is(.colon) { help = "blocks are closed with 'end', not introduced with ':'" }
        throw failure("expected '\(keyword.rawValue)' or a new line after \(what)" + found(t), at: t, help: help)
    }

    /// return = "return" [expression]
    mutating func parseReturn() throws -> StmtKind {
        let t = advance()
        if functionDepth == 0 { report("'return' outside a function", span: t.span) }
        let next = peek()
        switch next.kind {
        case .newline, .eof, .punct(.semicolon), .keyword(.end), .keyword(.else), .keyword(.elif):
            return .return(nil)
        default:
            return .return(try parseExpression())
        }
    }

    /// "break" | "continue"
    mutating func parseLoopJump() -> StmtKind {
        let t = advance()
        let isBreak = t.is(.break)
        if loopDepth == 0 { report("'\(isBreak ? "break" : "continue")' outside a loop", span: t.span) }
        return isBreak ? .break : .continue
    }

    /// use = "use" STRING ["as" NAME]
    mutating func parseUse() throws -> StmtKind {
        advance()
        let pathToken = advance()
        guard case .string(let path) = pathToken.kind else {
            if case .interpolation = pathToken.kind {
                throw failure("module path must be a plain string", at: pathToken, help: "interpolation is not allowed in 'use'")
            }
            throw failure("expected a module path string after 'use'" + found(pathToken), at: pathToken,
                          help: "write: use \"file.sgp\" as name")
        }
        var alias: Name?
        if match(.as) != nil {
            let a = advance()
            guard case .identifier(let name) = a.kind else {
                throw failure("expected a module name after 'as'" + found(a), at: a)
            }
            alias = name
        }
        return .use(path: path, alias: alias)
    }

    /// assignment = target ("=" | "+=" | "-=" | "*=" | "/=") expression ;  target = NAME | postfix "." NAME | postfix "[" subscripts "]"
    mutating func parseAssignmentOrExpression() throws -> StmtKind {
        let expr = try parseExpression()
        let t = peek()
        let op: BinaryOp?
        switch t.kind {
        case .punct(.equal): op = nil
        case .punct(.plusEqual): op = .add
        case .punct(.minusEqual): op = .sub
        case .punct(.starEqual): op = .mul
        case .punct(.slashEqual): op = .div
        default: return .expr(expr)
        }
        let target = try assignmentTarget(expr, operatorToken: t)
        advance()
        let value = try parseExpression()
        return .assign(target: target, op: op, value: value)
    }

    /// The target an expression denotes on the left of `=`.
    func assignmentTarget(_ e: Expr, operatorToken: Token) throws -> Target {
        switch e.kind {
        case .name(let n): return .name(n, e.span)
        case .field(let base, let name, let nameSpan): return .field(base: base, name: name, nameSpan: nameSpan)
        case .index(let base, let subscripts): return .index(base: base, subscripts: subscripts, span: e.span)
        case .call:
            throw failure("cannot assign to a function call", span: e.span,
                          help: "to define a function write: fn name(params) = expression")
        default:
            throw failure("cannot assign to this expression", span: e.span,
                          help: "the left of '\(rawText(operatorToken))' must be a name, a field 'a.b' or an index 'a[i]'")
        }
    }
}
