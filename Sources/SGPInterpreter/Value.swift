import SGPSyntax
import SGPTensor

/// A value of the sgp language.
///
/// Numbers are Doubles; tensors carry their autodiff node so any computation on them can be differentiated.
/// Lists and records are references (like Python lists and dicts): `b = a; b[0] = 1` changes `a` too.
public enum Value {
    case number(Double)
    case bool(Bool)
    case string(String)
    case `nil`
    case tensor(Tensor)
    case list(ListRef)
    case record(RecordRef)
    case function(Closure)
    case builtin(Builtin)
    case opaque(any OpaqueValue)

    /// The kind name scripts see in messages and from `type(x)`.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .string: return "string"
        case .nil: return "nil"
        case .tensor: return "tensor"
        case .list: return "list"
        case .record: return "record"
        case .function: return "function"
        case .builtin: return "builtin"
        case .opaque(let o): return o.typeName
        }
    }

    /// Python-like truthiness; a tensor is truthy only when it has exactly one element (else an error).
    public func truthy() throws -> Bool {
        switch self {
        case .bool(let b): return b
        case .nil: return false
        case .number(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .record(let r): return !r.fields.isEmpty
        case .tensor(let t):
            guard t.count == 1 else {
                throw RuntimeError("the truth value of a tensor of shape \(t.shape) is ambiguous",
                                   help: "reduce it first, e.g. with any(x > 0) or sum(x) > 0")
            }
            return t.scalar(at: 0) != 0
        case .function, .builtin, .opaque: return true
        }
    }
}

/// A mutable, shared list of values.
public final class ListRef {
    /// The elements in order.
    public var items: [Value]
    /// Wraps `items`.
    public init(_ items: [Value]) { self.items = items }

    deinit { Teardown.flatten(&items) }
}

/// Releases nested lists and records without recursion: a list nested a million deep (built by a loop) would
/// otherwise overflow the stack in a chain of deinits when dropped. Children that nothing else references are
/// emptied into a work list first (what CPython's "trashcan" does).
enum Teardown {
    static func flatten(_ items: inout [Value]) {
        guard items.contains(where: { v in
            switch v { case .list, .record: return true; default: return false }
        }) else { return }
        var work: [Value] = []
        swap(&work, &items)
        while !work.isEmpty {
            // Take the child reference out of its slot before testing uniqueness, so the slot's copy is gone.
            var list: ListRef?
            var record: RecordRef?
            switch work[work.count - 1] {
            case .list(let l): list = l
            case .record(let r): record = r
            default: break
            }
            work.removeLast()
            if isKnownUniquelyReferenced(&list), let l = list {
                work.append(contentsOf: l.items)
                l.items = []
            }
            if isKnownUniquelyReferenced(&record), let r = record { work.append(contentsOf: r.takeValues()) }
        }
    }
}

/// A mutable, shared record with ordered fields.
public final class RecordRef {
    /// Fields in insertion order.
    public private(set) var fields: [(name: String, value: Value)]
    private var index: [String: Int]

    /// A record with `fields` in the given order; a repeated name keeps the last value.
    public init(_ fields: [(String, Value)] = []) {
        self.fields = []
        self.index = [:]
        for (k, v) in fields { set(k, v) }
    }

    /// The value of field `name`, or nil when absent.
    public func get(_ name: String) -> Value? {
        guard let i = index[name] else { return nil }
        return fields[i].value
    }

    /// Sets (or appends) field `name`.
    public func set(_ name: String, _ value: Value) {
        if let i = index[name] { fields[i].value = value; return }
        index[name] = fields.count
        fields.append((name, value))
    }

    /// Field names in order.
    public var names: [String] { fields.map { $0.name } }

    /// Empties the record, returning its values (teardown only).
    func takeValues() -> [Value] {
        let vs = fields.map { $0.value }
        fields = []
        index = [:]
        return vs
    }

    deinit {
        var vs = takeValues()
        Teardown.flatten(&vs)
    }
}

/// A value provided by a host module (dataset, model, environment, plan, figure).
///
/// The interpreter prints `summary`, reads fields through `field(_:)` (with "did you mean" over `fieldNames`
/// on a miss), and calls `call(_:_:)` when a script calls the value.
public protocol OpaqueValue: AnyObject {
    /// The kind name shown by `type(x)` and in errors, e.g. "dataset".
    var typeName: String { get }
    /// A one-line description, e.g. "dataset hopper-medium: 999,906 transitions, obs 11, act 3".
    var summary: String { get }
    /// The value of field `name`, or nil when there is no such field.
    func field(_ name: String) throws -> Value?
    /// Names that `field(_:)` answers, for completions and "did you mean".
    var fieldNames: [String] { get }
    /// Calls the value; the default says it cannot be called.
    func call(_ args: Arguments, _ ctx: CallContext) throws -> Value
}

extension OpaqueValue {
    /// By default opaque values have no fields.
    public func field(_ name: String) throws -> Value? { nil }
    /// By default opaque values have no fields.
    public var fieldNames: [String] { [] }
    /// By default opaque values are not callable.
    public func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        throw RuntimeError("attempt to call a \(typeName) value")
    }
}

extension Value {
    /// Wraps a list of values.
    public static func makeList(_ items: [Value]) -> Value { .list(ListRef(items)) }
    /// Wraps ordered fields as a record.
    public static func makeRecord(_ fields: [(String, Value)]) -> Value { .record(RecordRef(fields)) }
    /// An integer as a number.
    public static func int(_ i: Int) -> Value { .number(Double(i)) }

    /// True for `nil`.
    public var isNil: Bool { if case .nil = self { return true }; return false }
}
