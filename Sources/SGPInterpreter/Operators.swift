import Foundation
import SGPSyntax
import SGPTensor

/// The semantics of the binary and unary operators on values. Numbers stay Doubles; as soon as a tensor is
/// involved the operation is a tensor op (recorded on the autodiff tape), with numbers promoted to rank-0
/// tensors of the tensor's dtype.
enum Operators {
    static func binary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        if case .number(let x) = a, case .number(let y) = b { return try numeric(op, x, y) }
        switch op {
        case .eq: return try equality(a, b, negate: false)
        case .ne: return try equality(a, b, negate: true)
        default: break
        }
        switch (a, b) {
        case (.tensor, _), (_, .tensor):
            let t = try tensorBinary(op, a, b)
            // A comparison of scalars is a plain bool (it prints as true/false); comparisons have no gradient.
            if t.rank == 0, isComparison(op) { return .bool(t.scalar(at: 0) != 0) }
            return .tensor(t)
        case (.string(let x), .string(let y)):
            switch op {
            case .add:
                guard x.utf8.count + y.utf8.count <= InterpreterLimits().maxStringLength else {
                    throw RuntimeError("string of \(x.utf8.count + y.utf8.count) bytes exceeds the string size limit")
                }
                return .string(x + y)
            case .lt: return .bool(x < y)
            case .le: return .bool(x <= y)
            case .gt: return .bool(x > y)
            case .ge: return .bool(x >= y)
            default: break
            }
        case (.string(let x), .number(let n)) where op == .mul:
            guard n >= 0, n < Double(1 << 28), n == n.rounded(), Double(x.utf8.count) * n < Double(1 << 28) else {
                throw RuntimeError("cannot repeat a string \(formatNumber(n)) times")
            }
            return .string(String(repeating: x, count: Int(n)))
        case (.list(let x), .list(let y)) where op == .add:
            guard x.items.count + y.items.count <= InterpreterLimits().maxListLength else {
                throw RuntimeError("list of \(x.items.count + y.items.count) elements exceeds the list size limit")
            }
            return .makeList(x.items + y.items)
        case (.bool, .number), (.number, .bool), (.bool, .bool):
            if let x = a.numberValue, let y = b.numberValue { return try numeric(op, x, y) }
        default: break
        }
        throw RuntimeError("cannot apply '\(op.rawValue)' to \(a.typeName) and \(b.typeName)")
    }

    @inline(__always)
    static func numeric(_ op: BinaryOp, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .number(x + y)
        case .sub: return .number(x - y)
        case .mul: return .number(x * y)
        case .div: return .number(x / y)
        case .mod:
            // Python's floored modulo: the result has the divisor's sign.
            let r = fmod(x, y)
            return .number(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case .pow: return .number(Foundation.pow(x, y))
        case .eq: return .bool(x == y)
        case .ne: return .bool(x != y)
        case .lt: return .bool(x < y)
        case .le: return .bool(x <= y)
        case .gt: return .bool(x > y)
        case .ge: return .bool(x >= y)
        case .matmul: throw RuntimeError("cannot apply '@' to two numbers; use '*'")
        case .range: return try rangeList(x, y)
        case .and, .or, .pipe: throw RuntimeError("internal: '\(op.rawValue)' is not an arithmetic operator")
        }
    }

    /// `a..b`: the numbers a, a+1, … below b (half-open, like Python's `range(a, b)`).
    static func rangeList(_ a: Double, _ b: Double) throws -> Value {
        guard a.isFinite, b.isFinite else { throw RuntimeError("range bounds must be finite, got \(formatNumber(a))..\(formatNumber(b))") }
        let nd = Swift.max(0, (b - a).rounded(.up))
        guard nd.isFinite, nd <= Double(InterpreterLimits().maxListLength) else {
            throw RuntimeError("range \(formatNumber(a))..\(formatNumber(b)) has \(formatNumber(nd)) elements, over the list size limit")
        }
        let n = Int(nd)
        var items = [Value]()
        items.reserveCapacity(n)
        for i in 0..<n { items.append(.number(a + Double(i))) }
        return .makeList(items)
    }

    static func tensorBinary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Tensor {
        let (x, y) = try promotePair(a, b, op: op)
        try checkResultSize(op, x, y)
        switch op {
        case .add: return try x + y
        case .sub: return try x - y
        case .mul: return try x * y
        case .div: return try x / y
        case .pow: return try TensorBridge.pow(x, y)
        case .mod: return try TensorBridge.mod(x, y)
        case .matmul: return try x.matmul(y)
        case .lt, .le, .gt, .ge, .eq, .ne: return try TensorBridge.compare(x, y, op)
        case .and, .or, .pipe, .range: throw RuntimeError("cannot apply '\(op.rawValue)' to \(a.typeName) and \(b.typeName)")
        }
    }

    /// Largest result a single operator may produce (a broadcast of two modest tensors can be enormous).
    static let maxResultElements = Double(InterpreterLimits().maxTensorElements)

    static func checkResultSize(_ op: BinaryOp, _ x: Tensor, _ y: Tensor) throws {
        if x.shape == y.shape || x.count == 1 || y.count == 1 { return }
        var n = 1.0
        if op == .matmul {
            n = Double(x.count / Swift.max(x.shape.last ?? 1, 1)) * Double(y.shape.last ?? 1)
        } else {
            let r = Swift.max(x.rank, y.rank)
            for i in 0..<r {
                let a = i < r - x.rank ? 1 : x.shape[i - (r - x.rank)], b = i < r - y.rank ? 1 : y.shape[i - (r - y.rank)]
                n *= Double(Swift.max(a, b))
            }
        }
        guard n <= maxResultElements else {
            throw RuntimeError("'\(op.rawValue)' of shapes \(x.shape) and \(y.shape) would have \(formatNumber(n)) elements, over the tensor size limit")
        }
    }

    /// Both operands as tensors; a number takes the dtype of the tensor operand.
    static func promotePair(_ a: Value, _ b: Value, op: BinaryOp) throws -> (Tensor, Tensor) {
        try promotePair(a, b, name: "'\(op.rawValue)'")
    }

    /// Both operands as tensors for the operation `name` (used in messages).
    static func promotePair(_ a: Value, _ b: Value, name: String) throws -> (Tensor, Tensor) {
        switch (a, b) {
        case (.tensor(let x), .tensor(let y)): return (x, y)
        case (.tensor(let x), _):
            guard let d = b.numberValue else { throw RuntimeError("cannot apply \(name) to tensor and \(b.typeName)") }
            return (x, Tensor(scalar: d, dtype: x.dtype))
        case (_, .tensor(let y)):
            guard let d = a.numberValue else { throw RuntimeError("cannot apply \(name) to \(a.typeName) and tensor") }
            return (Tensor(scalar: d, dtype: y.dtype), y)
        default: throw RuntimeError("cannot apply \(name) to \(a.typeName) and \(b.typeName)")
        }
    }

    static func isComparison(_ op: BinaryOp) -> Bool {
        switch op {
        case .lt, .le, .gt, .ge, .eq, .ne: return true
        default: return false
        }
    }

    static func equality(_ a: Value, _ b: Value, negate: Bool) throws -> Value {
        switch (a, b) {
        case (.tensor, _), (_, .tensor):
            if a.numberValue != nil || b.numberValue != nil || (a.isTensor && b.isTensor) {
                let t = try tensorBinary(negate ? .ne : .eq, a, b)
                return t.rank == 0 ? .bool(t.scalar(at: 0) != 0) : .tensor(t)
            }
        default: break
        }
        let e = try valuesEqualChecked(a, b)
        return .bool(negate ? !e : e)
    }

    /// Structural equality; false for values nested past the comparison depth limit (e.g. cyclic ones).
    static func valuesEqual(_ a: Value, _ b: Value) -> Bool { (try? valuesEqualChecked(a, b)) ?? false }

    /// Structural equality for plain values, identity for functions and opaque values; throws past 64 levels.
    static func valuesEqualChecked(_ a: Value, _ b: Value, depth: Int = 0) throws -> Bool {
        guard depth < 64 else { throw RuntimeError("comparison nested deeper than 64 levels (a list or record that contains itself?)") }
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.nil, .nil): return true
        case (.list(let x), .list(let y)):
            return try x === y || (x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { try valuesEqualChecked($0, $1, depth: depth + 1) })
        case (.record(let x), .record(let y)):
            return try x === y || (x.fields.count == y.fields.count
                && x.fields.allSatisfy { f in try y.get(f.name).map { try valuesEqualChecked(f.value, $0, depth: depth + 1) } ?? false })
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.opaque(let x), .opaque(let y)): return x === y
        default: return false
        }
    }

    static func unary(_ op: UnaryOp, _ v: Value) throws -> Value {
        switch op {
        case .not: return .bool(!(try v.truthy()))
        case .neg:
            switch v {
            case .number(let d): return .number(-d)
            case .tensor(let t): return .tensor(t.negated())
            case .bool(let b): return .number(b ? -1 : 0)
            default: throw RuntimeError("cannot negate a \(v.typeName) value")
            }
        case .plus:
            switch v {
            case .number, .tensor: return v
            default: throw RuntimeError("cannot apply unary '+' to a \(v.typeName) value")
            }
        }
    }
}

extension Value {
    /// The value as a Double when it is a number, a bool, or a one-element tensor.
    public var numberValue: Double? {
        switch self {
        case .number(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .tensor(let t) where t.count == 1 && t.rank == 0: return t.scalar(at: 0)
        default: return nil
        }
    }

    var isTensor: Bool { if case .tensor = self { return true }; return false }
}
