import SGPTensor

/// Subscripts on lists, strings, records and tensors, with Python's negative indices and slices.
enum Indexing {
    static func get(_ base: Value, _ subs: [SubscriptValue], culprit: String?) throws -> Value {
        let what = culprit.map { " (\($0))" } ?? ""
        switch base {
        case .list(let l):
            guard subs.count == 1 else { throw RuntimeError("a list takes one subscript, got \(subs.count)\(what)") }
            switch subs[0] {
            case .index(let v):
                let i = try resolveIndex(v, count: l.items.count, what: "list\(what)")
                return l.items[i]
            case .slice(let a, let b, let c):
                return .makeList(try sliceIndices(a, b, c, count: l.items.count).map { l.items[$0] })
            }
        case .string(let s):
            guard subs.count == 1 else { throw RuntimeError("a string takes one subscript, got \(subs.count)\(what)") }
            let chars = Array(s)
            switch subs[0] {
            case .index(let v): return .string(String(chars[try resolveIndex(v, count: chars.count, what: "string\(what)")]))
            case .slice(let a, let b, let c): return .string(String(try sliceIndices(a, b, c, count: chars.count).map { chars[$0] }))
            }
        case .record(let r):
            guard subs.count == 1, case .index(.string(let k)) = subs[0] else {
                throw RuntimeError("a record is indexed by one field name string\(what)")
            }
            if let v = r.get(k) { return v }
            throw RuntimeError("record has no field '\(k)'\(what)", help: didYouMean(k, r.names))
        case .tensor(let t):
            // An integer tensor or list as the only subscript picks rows (np.take along axis 0).
            if subs.count == 1, case .index(let v) = subs[0] {
                switch v {
                case .tensor(let ix) where ix.rank >= 1: return .tensor(try TensorBridge.gather(t, ix))
                case .list: if let ix = try v.asTensor() { return .tensor(try TensorBridge.gather(t, ix)) }
                default: break
                }
            }
            return .tensor(try TensorBridge.subscriptTensor(t, try tensorIndices(subs)))
        case .opaque(let o as any RowIndexable):
            return try rows(o, subs, what: what)
        case .nil:
            throw RuntimeError("attempt to index a nil value\(what)")
        default:
            throw RuntimeError("attempt to index a \(base.typeName) value\(what)")
        }
    }

    static func set(_ base: Value, _ subs: [SubscriptValue], _ value: Value, culprit: String?) throws {
        let what = culprit.map { " (\($0))" } ?? ""
        switch base {
        case .list(let l):
            guard subs.count == 1, case .index(let v) = subs[0] else {
                throw RuntimeError("list assignment takes one index\(what)")
            }
            let i = try resolveIndex(v, count: l.items.count, what: "list\(what)")
            l.items[i] = value
        case .record(let r):
            guard subs.count == 1, case .index(.string(let k)) = subs[0] else {
                throw RuntimeError("a record is indexed by one field name string\(what)")
            }
            r.set(k, value)
        case .tensor:
            throw RuntimeError("tensors cannot be changed in place\(what)",
                               help: "assign through a variable: t = xs[0]; t[0] = 5; xs[0] = t")
        default:
            throw RuntimeError("attempt to assign into a \(base.typeName) value\(what)")
        }
    }

    /// An integer index into `count` elements, negative counting from the end.
    static func resolveIndex(_ v: Value, count: Int, what: String) throws -> Int {
        guard let d = v.numberValue, d == d.rounded(), abs(d) < 1e15 else {
            throw RuntimeError("\(what) index must be an integer, got \(v.repr)")
        }
        let i = Int(d)
        let j = i < 0 ? i + count : i
        guard j >= 0, j < count else { throw RuntimeError("index \(i) is out of range for a \(what) of length \(count)") }
        return j
    }

    static func optionalInt(_ v: Value, _ role: String) throws -> Int? {
        if v.isNil { return nil }
        guard let d = v.numberValue, d == d.rounded(), abs(d) < 1e15 else {
            throw RuntimeError("slice \(role) must be an integer, got \(v.repr)")
        }
        return Int(d)
    }

    /// Python slice semantics: clamped bounds, negative from the end, any non-zero step.
    static func sliceIndices(_ a: Value, _ b: Value, _ c: Value, count n: Int) throws -> [Int] {
        let step = try optionalInt(c, "step") ?? 1
        guard step != 0 else { throw RuntimeError("slice step cannot be zero") }
        func norm(_ x: Int?, _ dflt: Int, lo: Int, hi: Int) -> Int {
            guard let x else { return dflt }
            let y = x < 0 ? x + n : x
            return min(max(y, lo), hi)
        }
        var out: [Int] = []
        if step > 0 {
            let s = norm(try optionalInt(a, "start"), 0, lo: 0, hi: n), e = norm(try optionalInt(b, "stop"), n, lo: 0, hi: n)
            var i = s
            while i < e { out.append(i); i += step }
        } else {
            let s = norm(try optionalInt(a, "start"), n - 1, lo: -1, hi: n - 1), e = norm(try optionalInt(b, "stop"), -1, lo: -1, hi: n - 1)
            var i = s
            while i > e { out.append(i); i += step }
        }
        return out
    }

    static func tensorIndices(_ subs: [SubscriptValue]) throws -> [TensorBridge.Index] {
        try subs.map { s in
            switch s {
            case .index(let v):
                if v.isNil { return .newAxis }
                guard let d = v.numberValue, d == d.rounded(), abs(d) < 1e15 else {
                    throw RuntimeError("tensor index must be an integer, got \(v.repr)")
                }
                return .index(Int(d))
            case .slice(let a, let b, let c):
                if a.isNil && b.isNil && c.isNil { return .all }
                let step = try optionalInt(c, "step")
                if step == 0 { throw RuntimeError("slice step cannot be zero") }
                return .range(start: try optionalInt(a, "start"), stop: try optionalInt(b, "stop"), step: step)
            }
        }
    }
}
