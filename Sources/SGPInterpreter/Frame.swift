import SGPSyntax

/// The fixed part of a `Frame`.
struct FrameHeader {
    let parent: Frame?
    let rt: Interpreter
    let count: Int
    var returnValue: Value
}

/// The local variables of one running function (or of module top-level code, which has none: its names are
/// globals). Closures keep their defining frame alive, so inner functions see the outer variables themselves
/// (Python's cells), not copies.
///
/// One allocation per call: the slots are tail-allocated after the header (`ManagedBuffer`), and the compiler
/// only emits slot numbers below `count`.
final class Frame: ManagedBuffer<FrameHeader, Value> {
    /// A frame whose first `assigned` slots (the parameters, about to be filled) start as nil and whose other
    /// locals start unassigned, so reading one before its assignment is an error rather than a silent nil.
    static func make(slotCount: Int, parent: Frame?, rt: Interpreter, assigned: Int? = nil) -> Frame {
        let buffer = Frame.create(minimumCapacity: slotCount) { _ in
            FrameHeader(parent: parent, rt: rt, count: slotCount, returnValue: .nil)
        }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        let prefix = min(assigned ?? slotCount, slotCount)
        frame.withUnsafeMutablePointerToElements { p in
            p.initialize(repeating: .nil, count: prefix)
            if prefix < slotCount { (p + prefix).initialize(repeating: Unassigned.value, count: slotCount - prefix) }
        }
        return frame
    }

    deinit {
        withUnsafeMutablePointers { h, e in _ = e.deinitialize(count: h.pointee.count) }
    }

    /// Local slots, numbered by the compiler. The pointer stays valid while the frame is alive.
    @inline(__always) var slots: UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 } }
    /// The frame of the enclosing function, for variables of outer functions.
    @inline(__always) var parent: Frame? { header.parent }
    /// The interpreter running this frame.
    @inline(__always) var rt: Interpreter { header.rt }
    /// Set by `return`.
    @inline(__always) var returnValue: Value {
        get { header.returnValue }
        set { header.returnValue = newValue }
    }
}

/// The marker in local slots not assigned yet (never visible to scripts: reading it is an error).
final class Unassigned: OpaqueValue, @unchecked Sendable {
    static let shared = Unassigned()
    nonisolated(unsafe) static let value = Value.opaque(shared)
    var typeName: String { "unassigned" }
    var summary: String { "<unassigned>" }

    /// True when `v` is the marker.
    @inline(__always) static func isMarker(_ v: Value) -> Bool {
        if case .opaque(let o) = v { return o === shared }
        return false
    }
}

/// A module-level variable. Compiled code holds the cell itself, so a global read is one pointer load.
final class GlobalCell {
    let name: String
    var value: Value = .nil
    /// False until assigned; reading an undefined cell is an "unknown name" error.
    var isDefined = false
    init(name: String) { self.name = name }
}

/// The globals of one module (the main script, or a file run by `use`).
final class Namespace {
    let name: String
    private(set) var cells: [String: GlobalCell] = [:]
    /// Cells in creation order, for stable listings.
    private(set) var order: [GlobalCell] = []
    private let builtins: BuiltinRegistry

    init(name: String, builtins: BuiltinRegistry) {
        self.name = name
        self.builtins = builtins
    }

    /// The cell for `name`, created on first use; a builtin's name starts out bound to that builtin.
    func cell(_ name: String) -> GlobalCell {
        if let c = cells[name] { return c }
        let c = GlobalCell(name: name)
        if let b = builtins.value(named: name) { c.value = b; c.isDefined = true }
        cells[name] = c
        order.append(c)
        return c
    }

    /// Binds `name` to `value`.
    func set(_ name: String, _ value: Value) {
        let c = cell(name)
        c.value = value
        c.isDefined = true
    }

    /// Names with a value, in creation order.
    var definedNames: [String] { order.filter { $0.isDefined }.map { $0.name } }

    /// Names the user defined (not builtins still bound to themselves).
    var userNames: [String] {
        order.filter { c in
            guard c.isDefined else { return false }
            if case .builtin(let b) = c.value, b.name == c.name { return false }
            return true
        }.map { $0.name }
    }
}

/// What a statement did: carry on, or leave a loop or function.
enum Flow {
    case normal, breakLoop, continueLoop, returned
}

/// Compiled code of a user function.
final class FunctionCode {
    let name: String
    let params: [(name: String, slot: Int)]
    let defaults: [Node?]
    let slotCount: Int
    let body: [StmtNode]
    let span: Span
    let source: Source
    init(name: String, params: [(name: String, slot: Int)], defaults: [Node?], slotCount: Int, body: [StmtNode],
         span: Span, source: Source) {
        self.name = name; self.params = params; self.defaults = defaults; self.slotCount = slotCount
        self.body = body; self.span = span; self.source = source
    }
}

/// A user function value: code plus the frame it was defined in and its default values (evaluated once, at
/// definition, as in Python).
public final class Closure {
    let code: FunctionCode
    let captured: Frame?
    let defaults: [Value?]
    init(code: FunctionCode, captured: Frame?, defaults: [Value?]) {
        self.code = code; self.captured = captured; self.defaults = defaults
    }
    /// The function's name ("<lambda>" for anonymous functions).
    public var name: String { code.name }
    /// Parameter names in order.
    public var parameterNames: [String] { code.params.map { $0.name } }
}
