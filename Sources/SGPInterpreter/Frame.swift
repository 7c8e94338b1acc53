import SGPSyntax

/// The local variables of one running function (or of module top-level code, which has none: its names are
/// globals). Closures keep their defining frame alive, so inner functions see the outer variables themselves
/// (Python's cells), not copies.
final class Frame {
    /// Local slots, numbered by the compiler.
    var slots: [Value]
    /// The frame of the enclosing function, for variables of outer functions.
    let parent: Frame?
    /// The interpreter running this frame.
    let rt: Interpreter
    /// Set by `return`.
    var returnValue: Value = .nil

    init(slotCount: Int, parent: Frame?, rt: Interpreter) {
        self.slots = [Value](repeating: .nil, count: slotCount)
        self.parent = parent
        self.rt = rt
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
