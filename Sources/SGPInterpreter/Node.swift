import SGPSyntax
import SGPTensor

/// A compiled expression. The compiler turns the AST into a tree of these with names already resolved to
/// local slots, enclosing-frame slots or global cells, so evaluation does no dictionary lookups.
class Node {
    let span: Span
    let source: Source
    init(span: Span, source: Source) { self.span = span; self.source = source }

    func eval(_ f: Frame) throws -> Value { throw RuntimeError("internal: unimplemented node") }

    /// An error located at this node.
    final func fail(_ message: String, help: String? = nil) -> RuntimeError {
        RuntimeError(message, help: help, span: span, source: source)
    }

    /// Runs `body`, locating any error it throws at this node.
    @inline(__always)
    final func located<R>(_ body: () throws -> R) throws -> R {
        do { return try body() } catch { throw RuntimeError.from(error).located(span, source) }
    }

    /// How error messages refer to the value this node computes ("variable 'f'", "field 'lr'"), if it has a name.
    var culprit: String? { nil }
}

/// Where a name lives.
enum VarRef {
    case local(Int)
    /// A slot of an enclosing function's frame, `depth` frames up.
    case upvalue(depth: Int, slot: Int)
    case global(GlobalCell)
}

final class ConstNode: Node {
    let value: Value
    init(_ value: Value, span: Span, source: Source) { self.value = value; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value { value }
}

final class LocalGet: Node {
    let slot: Int
    let name: String
    /// The function the variable is local to (for the "read before assigned" message).
    let function: String
    init(slot: Int, name: String, function: String, span: Span, source: Source) {
        self.slot = slot; self.name = name; self.function = function; super.init(span: span, source: source)
    }
    override func eval(_ f: Frame) throws -> Value {
        let v = f.slots[slot]
        if Unassigned.isMarker(v) { throw unassigned(name, function) }
        return v
    }
    override var culprit: String? { "local '\(name)'" }
}

extension Node {
    /// Python's UnboundLocalError, with the reason: assignment anywhere in a function makes the name local.
    func unassigned(_ name: String, _ function: String) -> RuntimeError {
        fail("local variable '\(name)' is read before it is assigned",
             help: "'\(name)' is assigned in '\(function)', which makes it local there; to update a global from a function keep it in a record or list")
    }
}

final class UpvalueGet: Node {
    let depth: Int, slot: Int
    let name: String
    let function: String
    init(depth: Int, slot: Int, name: String, function: String, span: Span, source: Source) {
        self.depth = depth; self.slot = slot; self.name = name; self.function = function; super.init(span: span, source: source)
    }
    override func eval(_ f: Frame) throws -> Value {
        var fr = f
        for _ in 0..<depth { guard let p = fr.parent else { throw fail("internal: missing enclosing frame for '\(name)'") }; fr = p }
        let v = fr.slots[slot]
        if Unassigned.isMarker(v) { throw unassigned(name, function) }
        return v
    }
    override var culprit: String? { "variable '\(name)'" }
}

final class GlobalGet: Node {
    let cell: GlobalCell
    init(cell: GlobalCell, span: Span, source: Source) { self.cell = cell; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value {
        if cell.isDefined { return cell.value }
        throw unknown(f.rt)
    }
    private func unknown(_ rt: Interpreter) -> RuntimeError {
        let candidates = rt.visibleNames(from: cell)
        return fail("unknown name '\(cell.name)'", help: didYouMean(cell.name, candidates))
    }
    override var culprit: String? { "variable '\(cell.name)'" }
}

/// Stores into a resolved variable.
@inline(__always)
func store(_ ref: VarRef, _ v: Value, _ f: Frame) {
    switch ref {
    case .local(let s): f.slots[s] = v
    case .upvalue(let depth, let s):
        var fr = f
        for _ in 0..<depth { if let p = fr.parent { fr = p } }
        fr.slots[s] = v
    case .global(let c): c.value = v; c.isDefined = true
    }
}

final class UnaryNode: Node {
    let op: UnaryOp
    let x: Node
    init(op: UnaryOp, x: Node, span: Span, source: Source) { self.op = op; self.x = x; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value {
        let v = try x.eval(f)
        if op == .neg, case .number(let d) = v { return .number(-d) }
        return try located { try Operators.unary(op, v) }
    }
}

final class BinaryNode: Node {
    let op: BinaryOp
    let a: Node, b: Node
    init(op: BinaryOp, a: Node, b: Node, span: Span, source: Source) {
        self.op = op; self.a = a; self.b = b; super.init(span: span, source: source)
    }
    override func eval(_ f: Frame) throws -> Value {
        let x = try a.eval(f)
        let y = try b.eval(f)
        // Scalar fast path: the common case in loops over numbers.
        if case .number(let p) = x, case .number(let q) = y {
            switch op {
            case .add: return .number(p + q)
            case .sub: return .number(p - q)
            case .mul: return .number(p * q)
            case .div: return .number(p / q)
            case .lt: return .bool(p < q)
            case .le: return .bool(p <= q)
            case .gt: return .bool(p > q)
            case .ge: return .bool(p >= q)
            case .eq: return .bool(p == q)
            case .ne: return .bool(p != q)
            default: break
            }
        }
        return try located { try Operators.binary(op, x, y) }
    }
}

final class AndNode: Node {
    let a: Node, b: Node
    init(a: Node, b: Node, span: Span, source: Source) { self.a = a; self.b = b; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value {
        let x = try a.eval(f)
        guard try a.located({ try x.truthy() }) else { return x }
        return try b.eval(f)
    }
}

final class OrNode: Node {
    let a: Node, b: Node
    init(a: Node, b: Node, span: Span, source: Source) { self.a = a; self.b = b; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value {
        let x = try a.eval(f)
        if try a.located({ try x.truthy() }) { return x }
        return try b.eval(f)
    }
}

final class ConditionalNode: Node {
    let cond: Node, then: Node, otherwise: Node
    init(cond: Node, then: Node, otherwise: Node, span: Span, source: Source) {
        self.cond = cond; self.then = then; self.otherwise = otherwise; super.init(span: span, source: source)
    }
    override func eval(_ f: Frame) throws -> Value {
        let c = try cond.eval(f)
        return try cond.located({ try c.truthy() }) ? try then.eval(f) : try otherwise.eval(f)
    }
}

final class StringNode: Node {
    let parts: [Either]
    enum Either { case text(String), expr(Node) }
    init(parts: [Either], span: Span, source: Source) { self.parts = parts; super.init(span: span, source: source) }
    override func eval(_ f: Frame) throws -> Value {
        var s = ""
        for p in parts {
            switch p {
            case .text(let t): s += t
            case .expr(let n): s += try n.eval(f).display
            }
        }
        guard s.utf8.count <= f.rt.limits.maxStringLength else { throw fail("string of \(s.utf8.count) bytes exceeds the string size limit") }
        return .string(s)
    }
}

final class RecordNode: Node {
    let keys: [String]
    let values: [Node]
    init(keys: [String], values: [Node], span: Span, source: Source) {
        self.keys = keys; self.values = values; super.init(span: span, source: source)
    }
    override func eval(_ f: Frame) throws -> Value {
        var fields: [(String, Value)] = []
        fields.reserveCapacity(keys.count)
        for (k, n) in zip(keys, values) { fields.append((k, try n.eval(f))) }
        return .makeRecord(fields)
    }
}

/// `fn (params) ... end` / `(a) -> expr`: makes a closure over the current frame.
final class LambdaNode: Node {
    let code: FunctionCode
    /// True when defined inside a function, so the closure must keep that frame.
    let capturesFrame: Bool
    init(code: FunctionCode, capturesFrame: Bool, span: Span, source: Source) {
        self.code = code; self.capturesFrame = capturesFrame; super.init(span: span, source: source)
    }
    override func eval(_ f: Frame) throws -> Value {
        var defaults: [Value?] = []
        defaults.reserveCapacity(code.defaults.count)
        for d in code.defaults { defaults.append(try d?.eval(f)) }
        return .function(Closure(code: code, captured: capturesFrame ? f : nil, defaults: defaults))
    }
}
