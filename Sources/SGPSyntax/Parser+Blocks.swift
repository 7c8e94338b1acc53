extension Parser {
    /// program = { statement terminator } EOF
    mutating func parseProgram() -> Block {
        let statements = parseStatements(endingAt: [])
        while !fatal && peek().kind != .eof {
            // Only a stray block keyword stops the top-level loop early: report it and go on.
            report(unexpected(advance()))
            _ = parseStatements(endingAt: [])
        }
        return Block(statements: statements, span: Span(0, source.bytes.count))
    }

    /// block = { statement terminator }, up to (not including) one of `endingAt` or the end of input.
    mutating func parseBlock(endingAt: Set<Keyword>) throws -> Block {
        try enter()
        defer { depth -= 1 }
        skipNewlines.append(false)
        defer { skipNewlines.removeLast() }
        let start = peek().span.start
        let statements = parseStatements(endingAt: endingAt)
        let span = statements.isEmpty ? Span(start, start) : statements[0].span.to(statements[statements.count - 1].span)
        return Block(statements: statements, span: span)
    }

    /// Statements with panic-mode recovery: a failed statement is reported and skipped to the end of its line.
    mutating func parseStatements(endingAt: Set<Keyword>) -> [Stmt] {
        var statements: [Stmt] = []
        while !fatal {
            skipBlankLines()
            let t = peek()
            if t.kind == .eof { break }
            if case .keyword(let k) = t.kind, endingAt.contains(k) { break }
            // Top level: a stray `end`/`else`/`elif` is reported by the caller; inside blocks it ends the block.
            if endingAt.isEmpty, t.is(.end) || t.is(.else) || t.is(.elif) { break }
            let startIndex = index
            do {
                statements.append(try parseStatement())
            } catch let f as ParseFailure {
                report(f)
                synchronize(from: startIndex)
            } catch {
                break
            }
        }
        return statements
    }

    /// Skips blank lines and stray `;` between statements.
    mutating func skipBlankLines() {
        while true {
            let t = peek()
            guard t.isNewline || t.is(.semicolon) else { return }
            advance()
        }
    }

    /// Panic mode: skips to the end of the line (or a `;`, or an `end` that may close the enclosing block),
    /// always moving past at least one token so the statement loop makes progress.
    mutating func synchronize(from startIndex: Int) {
        while index + 1 < tokens.count {
            let t = tokens[index]
            if t.isNewline || t.is(.semicolon) {
                index += 1
                return
            }
            if t.is(.end) && index > startIndex { return }
            index += 1
        }
    }

    /// After a statement: a newline, `;` (marks the statement suppressed), the end of input, or a keyword that
    /// closes the enclosing block. Returns whether it was `;`.
    mutating func parseTerminator(statementStart: Token) throws -> Bool {
        let t = peek()
        switch t.kind {
        case .newline:
            advance()
            return false
        case .punct(.semicolon):
            advance()
            return true
        case .eof, .keyword(.end), .keyword(.else), .keyword(.elif):
            return false
        default:
            throw failure("unexpected \(t.displayName) after statement", at: t,
                          help: terminatorHelp(found: t, statementStart: statementStart))
        }
    }

    /// A hint for a statement followed by something that cannot follow it.
    func terminatorHelp(found t: Token, statementStart: Token) -> String {
        if case .identifier(let word) = statementStart.kind {
            if let hint = Parser.foreignWords[word.text] { return hint }
            // `retrun x`, `whiel c do`: a misspelled keyword reads as a name followed by a stray expression.
            let starters = ["fn", "if", "elif", "else", "end", "for", "while", "return", "break", "continue", "use"]
            if let keyword = Suggest.closest(word.text, among: starters) {
                return "did you mean '\(keyword)'?"
            }
        }
        if t.is(.equal) { return "use '==' to compare" }
        if t.is(.if) { return "a conditional expression is written: if c then a else b" }
        return "put each statement on its own line or separate them with ';'"
    }

    /// Words from other languages that are names in sgp, with what to write instead.
    static let foreignWords: [String: String] = {
        let function = "define functions with: fn name(params) ... end"
        let assign = "assign with: name = value"
        let end = "close every block with 'end'"
        return [
            "def": function, "function": function, "func": function, "fun": function,
            "lambda": "write a lambda as: (x) -> expression",
            "elseif": "write 'elif'", "elsif": "write 'elif'",
            "import": "write: use \"file.sgp\" as name", "require": "write: use \"file.sgp\" as name",
            "let": assign, "var": assign, "const": assign, "local": assign,
            "endif": end, "endfor": end, "endwhile": end, "endfunction": end, "fi": end, "done": end,
        ]
    }()

    /// Consumes the `end` that closes `opener` (`fn`, `if`, `for`, `while`).
    mutating func expectEnd(closing opener: Token) throws {
        if match(.end) != nil { return }
        let name = rawText(opener)
        let line = source.location(of: opener.span.start).line
        throw failure("'end' expected to close '\(name)' at line \(line)" + found(peek()), at: peek(),
                      notes: [Diagnostic.Note("'\(name)' opened here", span: opener.span)])
    }

    /// Skips the rest of a broken block header so the body can still be parsed (stopping before an `end` on the
    /// same line, which closes the block).
    mutating func skipRestOfLine() {
        while index + 1 < tokens.count {
            let t = tokens[index]
            if t.isNewline || t.is(.semicolon) || t.is(.end) { return }
            index += 1
        }
    }

    /// Whether `p` occurs between the current token and the end of the line.
    func restOfLineContains(_ p: Punct) -> Bool {
        var i = index
        while i < tokens.count, !tokens[i].endsLine {
            if tokens[i].is(p) { return true }
            i += 1
        }
        return false
    }
}
