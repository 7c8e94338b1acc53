import SGPTensor

extension Arguments {
    /// A number (numbers, bools and one-element rank-0 tensors qualify).
    public func number(_ name: String) throws -> Double {
        let v = self[name]
        guard let d = v.numberValue else { throw wrongType(name, "a number", v) }
        return d
    }

    /// An integer-valued number.
    public func int(_ name: String) throws -> Int {
        let d = try number(name)
        guard d == d.rounded(), abs(d) < 1e15 else { throw RuntimeError("argument '\(name)' to '\(owner)' must be an integer, got \(formatNumber(d))") }
        return Int(d)
    }

    /// A count (episodes, samples, iterations) in `0...max`: sizes that decide allocations must be bounded before
    /// anything is allocated.
    public func count(_ name: String, max: Int) throws -> Int {
        let n = try int(name)
        guard n >= 0, n <= max else {
            throw RuntimeError("argument '\(name)' to '\(owner)' must be between 0 and \(max), got \(n)")
        }
        return n
    }

    /// An integer, or nil when the argument is nil.
    public func optionalInt(_ name: String) throws -> Int? { self[name].isNil ? nil : try int(name) }

    /// A number, or nil when the argument is nil.
    public func optionalNumber(_ name: String) throws -> Double? { self[name].isNil ? nil : try number(name) }

    /// A boolean (`true`/`false`, or a number: non-zero is true).
    public func bool(_ name: String) throws -> Bool {
        let v = self[name]
        switch v {
        case .bool(let b): return b
        case .number(let d): return d != 0
        default: throw wrongType(name, "a bool", v)
        }
    }

    /// A string.
    public func string(_ name: String) throws -> String {
        let v = self[name]
        guard case .string(let s) = v else { throw wrongType(name, "a string", v) }
        return s
    }

    /// A tensor; numbers and numeric lists are converted (Float32).
    public func tensor(_ name: String) throws -> Tensor {
        let v = self[name]
        guard let t = try v.asTensor() else { throw wrongType(name, "a tensor or number", v) }
        return t
    }

    /// A list.
    public func list(_ name: String) throws -> ListRef {
        let v = self[name]
        guard case .list(let l) = v else { throw wrongType(name, "a list", v) }
        return l
    }

    /// A record.
    public func record(_ name: String) throws -> RecordRef {
        let v = self[name]
        guard case .record(let r) = v else { throw wrongType(name, "a record", v) }
        return r
    }

    /// Something callable (function, builtin or callable opaque value).
    public func callable(_ name: String) throws -> Value {
        let v = self[name]
        switch v {
        case .function, .builtin, .opaque: return v
        default: throw wrongType(name, "a function", v)
        }
    }

    /// A host object of type `T` (a dataset, a model, ...); the error names `kind` ("a dataset").
    public func opaque<T: OpaqueValue>(_ name: String, as type: T.Type, _ kind: String) throws -> T {
        let v = self[name]
        guard case .opaque(let o) = v, let t = o as? T else { throw wrongType(name, kind, v) }
        return t
    }

    /// Axes: nil (all), an integer, or a list of integers.
    public func axes(_ name: String) throws -> [Int]? {
        let v = self[name]
        switch v {
        case .nil: return nil
        case .number: return [try int(name)]
        case .list(let l): return try l.items.map { try intValue($0, name) }
        case .tensor(let t) where t.rank <= 1: return try t.scalars.map { try intValue(.number($0), name) }
        default: throw wrongType(name, "an integer or a list of integers", v)
        }
    }

    /// A shape: a non-negative integer or a list of them, within the element limit.
    public func shape(_ name: String, limit: Int = InterpreterLimits().maxTensorElements) throws -> [Int] {
        let v = self[name]
        var dims: [Int]
        switch v {
        case .number: dims = [try int(name)]
        case .list(let l): dims = try l.items.map { try intValue($0, name) }
        case .tensor(let t) where t.rank <= 1: dims = try t.scalars.map { try intValue(.number($0), name) }
        default: throw wrongType(name, "a shape (an integer or a list of integers)", v)
        }
        if let bad = dims.first(where: { $0 < 0 }) {
            throw RuntimeError("argument '\(name)' to '\(owner)' has a negative extent \(bad) in shape \(dims)")
        }
        var n = 1.0
        for d in dims { n *= Double(d) }
        guard n <= Double(limit) else {
            throw RuntimeError("shape \(dims) for '\(owner)' has \(formatNumber(n)) elements, over the limit of \(limit)")
        }
        return dims
    }

    func intValue(_ v: Value, _ name: String) throws -> Int {
        guard let d = v.numberValue, d == d.rounded(), abs(d) < 1e15 else { throw wrongType(name, "integers", v) }
        return Int(d)
    }
}

extension Value {
    /// The value as a tensor: tensors as they are, numbers and bools as rank-0 Float32, lists through the same
    /// rules as list literals. Nil for other kinds.
    public func asTensor() throws -> Tensor? { try asTensor(depth: 0) }

    func asTensor(depth: Int) throws -> Tensor? {
        guard depth < 32 else { throw RuntimeError("list nested deeper than 32 levels cannot become a tensor") }
        switch self {
        case .tensor(let t): return t
        case .number(let d): return Tensor(scalar: d)
        case .bool(let b): return Tensor(scalar: b ? 1 : 0)
        case .list(let l):
            if l.items.isEmpty { return Tensor.zeros([0]) }
            if case .tensor(let t) = try ListNode.assemble(l.items, nested: l.items.map { _ in true }, coerceBools: true) { return t }
            var rows: [Tensor] = []
            for v in l.items { guard let t = try v.asTensor(depth: depth + 1) else { return nil }; rows.append(t) }
            if let s = rows.first?.shape, rows.allSatisfy({ $0.shape == s }) { return try TensorBridge.stack(rows) }
            return nil
        default: return nil
        }
    }
}
