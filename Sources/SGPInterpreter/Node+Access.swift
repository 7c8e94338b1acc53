import SGPSyntax
import SGPTensor

/// `[a, b, c]`: a tensor when every element is a number (or rank-0 tensor), or when every element is a
/// nested list literal that became a tensor of one common shape; otherwise a list.
final class ListNode: Node {
    let items: [Node]
    /// Which items are themselves list literals (they may stack into a higher-rank tensor).
    let nested: [Bool]
    init(items: [Node], nested: [Bool], span: Span, source: Source) {
        self.items = items; self.nested = nested; super.init(span: span, source: source)
    }
    override func eval(_ f: Frame) throws -> Value {
        var vals = [Value]()
        vals.reserveCapacity(items.count)
        for n in items { vals.append(try n.eval(f)) }
        return try located { try ListNode.assemble(vals, nested: nested) }
    }

    /// A list literal of numbers is a tensor; a literal of booleans only (`[true, false]`) stays a list so it can be
    /// iterated as booleans. Callers that want a tensor (masks passed as arguments) set `coerceBools`.
    static func assemble(_ vals: [Value], nested: [Bool], coerceBools: Bool = false) throws -> Value {
        if vals.isEmpty { return .makeList([]) }
        if !coerceBools, vals.allSatisfy({ if case .bool = $0 { return true }; return false }) { return .makeList(vals) }
        var allScalars = true, anyTensor = false, f64 = false
        for v in vals {
            switch v {
            case .number, .bool: continue
            case .tensor(let t) where t.rank == 0: anyTensor = true; f64 = f64 || t.dtype == .float64
            default: allScalars = false
            }
            if !allScalars { break }
        }
        if allScalars {
            if !anyTensor { return .tensor(Tensor(vals.map { $0.numberValue ?? 0 })) }
            let dt: DType = f64 ? .float64 : .float32
            let ts = vals.map { v -> Tensor in if case .tensor(let t) = v { return t.to(dt) }; return Tensor(scalar: v.numberValue ?? 0, dtype: dt) }
            return .tensor(try TensorBridge.stack(ts))
        }
        // Nested literals: stack when every element is a tensor built from a literal.
        var tensors: [Tensor] = []
        for (v, isLit) in zip(vals, nested) {
            guard isLit, case .tensor(let t) = v, t.rank > 0 else { return .makeList(vals) }
            tensors.append(t)
        }
        if let first = tensors.first, let bad = tensors.firstIndex(where: { $0.shape != first.shape }) {
            throw RuntimeError("ragged nested list: element 0 has shape \(first.shape) but element \(bad) has shape \(tensors[bad].shape)")
        }
        return .tensor(try TensorBridge.stack(tensors))
    }
}

final class FieldNode: Node {
    let base: Node
    let name: String
    init(base: Node, name: String, span: Span, source: Source) { self.base = base; self.name = name; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value {
        let b = try base.eval(f)
        return try located { try FieldNode.get(b, name, culprit: base.culprit) }
    }
    override var culprit: String? { "field '\(name)'" }

    static func get(_ b: Value, _ name: String, culprit: String?) throws -> Value {
        let what = culprit.map { " (\($0))" } ?? ""
        switch b {
        case .record(let r):
            if let v = r.get(name) { return v }
            throw RuntimeError("record has no field '\(name)'\(what)", help: didYouMean(name, r.names) ?? fieldsHelp(r.names))
        case .opaque(let o):
            if let v = try o.field(name) { return v }
            throw RuntimeError("\(o.typeName) has no field '\(name)'\(what)", help: didYouMean(name, o.fieldNames) ?? fieldsHelp(o.fieldNames))
        case .tensor(let t):
            switch name {
            case "shape": return .makeList(t.shape.map { .int($0) })
            case "dtype": return .string(t.dtype.rawValue)
            case "rank", "ndim": return .int(t.rank)
            case "size": return .int(t.count)
            case "T": return .tensor(try t.transposed())
            default:
                throw RuntimeError("tensor has no field '\(name)'\(what)", help: didYouMean(name, ["shape", "dtype", "rank", "ndim", "size", "T"]))
            }
        case .nil:
            throw RuntimeError("attempt to read field '\(name)' of a nil value\(what)")
        default:
            throw RuntimeError("attempt to read field '\(name)' of a \(b.typeName) value\(what)")
        }
    }

    static func fieldsHelp(_ names: [String]) -> String? {
        names.isEmpty ? nil : "fields: " + names.prefix(12).joined(separator: ", ")
    }
}

/// One compiled subscript component.
enum SubscriptNode {
    case index(Node)
    case slice(Node?, Node?, Node?)
}

final class IndexNode: Node {
    let base: Node
    let subs: [SubscriptNode]
    init(base: Node, subs: [SubscriptNode], span: Span, source: Source) { self.base = base; self.subs = subs; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value {
        let b = try base.eval(f)
        let idx = try evalSubscripts(subs, f)
        return try located { try Indexing.get(b, idx, culprit: base.culprit) }
    }
}

/// An evaluated subscript component.
enum SubscriptValue {
    case index(Value)
    case slice(Value, Value, Value)
}

func evalSubscripts(_ subs: [SubscriptNode], _ f: Frame) throws -> [SubscriptValue] {
    var out: [SubscriptValue] = []
    out.reserveCapacity(subs.count)
    for s in subs {
        switch s {
        case .index(let n): out.append(.index(try n.eval(f)))
        case .slice(let a, let b, let c):
            out.append(.slice(try a?.eval(f) ?? .nil, try b?.eval(f) ?? .nil, try c?.eval(f) ?? .nil))
        }
    }
    return out
}
