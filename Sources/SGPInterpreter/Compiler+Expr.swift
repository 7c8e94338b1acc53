import SGPSyntax

extension Compiler {
    func compileExpr(_ e: Expr) throws -> Node {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= rt.limits.maxNesting else {
            throw error("expression nested deeper than \(rt.limits.maxNesting) levels", e.span)
        }
        let span = e.span
        switch e.kind {
        case .number(let d): return ConstNode(.number(d), span: span, source: source)
        case .bool(let b): return ConstNode(.bool(b), span: span, source: source)
        case .nil: return ConstNode(.nil, span: span, source: source)
        case .string(let parts):
            if parts.allSatisfy({ if case .text = $0 { return true }; return false }) {
                let s = parts.map { if case .text(let t) = $0 { return t }; return "" }.joined()
                return ConstNode(.string(s), span: span, source: source)
            }
            let ps: [StringNode.Either] = try parts.map {
                switch $0 {
                case .text(let t): return .text(t)
                case .expr(let x): return .expr(try compileExpr(x))
                }
            }
            return StringNode(parts: ps, span: span, source: source)
        case .name(let n):
            return try compileName(n.text, span)
        case .list(let items):
            return try compileList(items, span)
        case .record(let fields):
            var seen = Set<String>()
            for f in fields where !seen.insert(f.key.text).inserted {
                throw error("duplicate field '\(f.key.text)' in record", f.value.span)
            }
            return RecordNode(keys: fields.map { $0.key.text }, values: try fields.map { try compileExpr($0.value) },
                              span: span, source: source)
        case .unary(let op, let x):
            let n = try compileExpr(x)
            if op == .neg, let c = n as? ConstNode, case .number(let d) = c.value { return ConstNode(.number(-d), span: span, source: source) }
            return UnaryNode(op: op, x: n, span: span, source: source)
        case .binary(let op, let a, let b):
            switch op {
            case .and: return AndNode(a: try compileExpr(a), b: try compileExpr(b), span: span, source: source)
            case .or: return OrNode(a: try compileExpr(a), b: try compileExpr(b), span: span, source: source)
            case .pipe: return try compilePipe(a, b, span)
            default: return BinaryNode(op: op, a: try compileExpr(a), b: try compileExpr(b), span: span, source: source)
            }
        case .call(let callee, let args):
            return try compileCall(callee, args, prefix: nil, span)
        case .index(let base, let subs):
            return IndexNode(base: try compileExpr(base), subs: try compileSubscripts(subs), span: span, source: source)
        case .field(let base, let name, _):
            return FieldNode(base: try compileExpr(base), name: name.text, span: span, source: source)
        case .lambda(let params, let body):
            return try compileFunction(name: "<lambda>", params: params, body: body, span: span)
        case .conditional(let c, let t, let o):
            return ConditionalNode(cond: try compileExpr(c), then: try compileExpr(t), otherwise: try compileExpr(o),
                                   span: span, source: source)
        }
    }

    /// `x |> f(a)` is `f(x, a)`; `x |> f` is `f(x)`.
    func compilePipe(_ lhs: Expr, _ rhs: Expr, _ span: Span) throws -> Node {
        let x = try compileExpr(lhs)
        if case .call(let callee, let args) = rhs.kind { return try compileCall(callee, args, prefix: x, span) }
        return CallNode(callee: try compileExpr(rhs), args: [x], labels: [nil], labelSpans: [nil], span: span, source: source)
    }

    func compileCall(_ callee: Expr, _ args: [Argument], prefix: Node?, _ span: Span) throws -> Node {
        var seen = Set<String>()
        var sawKeyword = false
        for a in args {
            if let l = a.label {
                sawKeyword = true
                guard seen.insert(l.text).inserted else {
                    throw error("keyword argument '\(l.text)' given twice", a.labelSpan ?? a.value.span)
                }
            } else if sawKeyword {
                throw error("positional argument after keyword arguments", a.value.span)
            }
        }
        var nodes = try args.map { try compileExpr($0.value) }
        var labels = args.map { $0.label?.text }
        var spans = args.map { $0.labelSpan }
        if let prefix { nodes.insert(prefix, at: 0); labels.insert(nil, at: 0); spans.insert(nil, at: 0) }
        return CallNode(callee: try compileExpr(callee), args: nodes, labels: labels, labelSpans: spans, span: span, source: source)
    }

    func compileSubscripts(_ subs: [Subscript]) throws -> [SubscriptNode] {
        try subs.map { s in
            switch s {
            case .index(let e): return .index(try compileExpr(e))
            case .slice(let a, let b, let c, _):
                return .slice(try a.map { try compileExpr($0) }, try b.map { try compileExpr($0) }, try c.map { try compileExpr($0) })
            }
        }
    }

    /// List literals of constants fold into a constant tensor at compile time.
    func compileList(_ items: [Expr], _ span: Span) throws -> Node {
        let nodes = try items.map { try compileExpr($0) }
        let nested = items.map { if case .list = $0.kind { return true }; return false }
        let consts = nodes.compactMap { ($0 as? ConstNode)?.value }
        if !items.isEmpty, consts.count == nodes.count,
           consts.allSatisfy({ v in if case .number = v { return true }; if case .tensor = v { return true }; return false }),
           let folded = try? ListNode.assemble(consts, nested: nested), case .tensor = folded {
            return ConstNode(folded, span: span, source: source)
        }
        return ListNode(items: nodes, nested: nested, span: span, source: source)
    }
}
