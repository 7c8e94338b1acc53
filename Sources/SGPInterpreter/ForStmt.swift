import SGPSyntax
import SGPTensor

/// `for x in iterable do ... end` over lists, ranges (`a..b`, `range(...)`, iterated lazily), tensors (along the
/// first axis), records (field names) and strings (characters).
final class ForStmt: StmtNode {
    let ref: VarRef
    let iterable: Node
    let body: [StmtNode]
    /// Set when the iterable is written `a..b`: iterate without building the list.
    let rangeBounds: (Node, Node)?
    /// Set when the iterable is a call of the global `range`: iterate lazily if it is still the builtin.
    let rangeCall: (callee: Node, args: [Node])?

    init(ref: VarRef, iterable: Node, body: [StmtNode], rangeBounds: (Node, Node)?, rangeCall: (callee: Node, args: [Node])?,
         span: Span, source: Source) {
        self.ref = ref; self.iterable = iterable; self.body = body; self.rangeBounds = rangeBounds
        self.rangeCall = rangeCall
        super.init(span: span, source: source)
    }

    override func exec(_ f: Frame) throws -> Flow {
        if let (a, b) = rangeBounds {
            let lo = try number(a, f), hi = try number(b, f)
            return try loopNumbers(lo, hi, 1, f)
        }
        if let rc = rangeCall, case .builtin(let b) = try rc.callee.eval(f), b.name == "range", rc.args.count <= 3 {
            var xs: [Double] = []
            for a in rc.args { xs.append(try number(a, f)) }
            switch xs.count {
            case 1: return try loopNumbers(0, xs[0], 1, f)
            case 2: return try loopNumbers(xs[0], xs[1], 1, f)
            case 3:
                guard xs[2] != 0 else { throw RuntimeError("range step cannot be zero", span: span, source: source) }
                return try loopNumbers(xs[0], xs[1], xs[2], f)
            default: break
            }
        }
        let it = try iterable.eval(f)
        switch it {
        case .list(let l):
            var i = 0
            // Re-read the count each time: the body may append (like Python).
            while i < l.items.count {
                store(ref, l.items[i], f)
                i += 1
                if let r = try step(f) { return r }
            }
        case .tensor(let t):
            guard t.rank > 0 else { throw RuntimeError("cannot iterate over a rank-0 tensor", span: iterable.span, source: source) }
            for i in 0..<t.shape[0] {
                let row = try iterable.located { try TensorBridge.subscriptTensor(t, [.index(i)]) }
                store(ref, .tensor(row), f)
                if let r = try step(f) { return r }
            }
        case .record(let r):
            for name in r.names {
                store(ref, .string(name), f)
                if let res = try step(f) { return res }
            }
        case .string(let s):
            for c in s {
                store(ref, .string(String(c)), f)
                if let r = try step(f) { return r }
            }
        default:
            throw RuntimeError("cannot iterate over a \(it.typeName) value\(iterable.culprit.map { " (\($0))" } ?? "")",
                               span: iterable.span, source: source)
        }
        return .normal
    }

    private func number(_ n: Node, _ f: Frame) throws -> Double {
        let v = try n.eval(f)
        guard let d = v.numberValue, d.isFinite else {
            throw RuntimeError("range bound must be a finite number, got \(v.typeName)", span: n.span, source: n.source)
        }
        return d
    }

    private func loopNumbers(_ lo: Double, _ hi: Double, _ stepBy: Double, _ f: Frame) throws -> Flow {
        var x = lo
        if case .local(let s) = ref {
            while stepBy > 0 ? x < hi : x > hi {
                f.slots[s] = .number(x)
                x += stepBy
                if let r = try step(f) { return r }
            }
        } else {
            while stepBy > 0 ? x < hi : x > hi {
                store(ref, .number(x), f)
                x += stepBy
                if let r = try step(f) { return r }
            }
        }
        return .normal
    }

    /// Runs the body once; returns a flow to leave the loop with, or nil to go on.
    @inline(__always)
    private func step(_ f: Frame) throws -> Flow? {
        switch try execBlock(body, f) {
        case .breakLoop: return .normal
        case .returned: return .returned
        case .normal, .continueLoop: break
        }
        try f.rt.tick(span, source)
        return nil
    }
}
