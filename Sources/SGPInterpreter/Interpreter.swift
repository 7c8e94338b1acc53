import Foundation
import SGPSyntax
import SGPTensor

/// Options a host (CLI, notebook, tests) sets when creating an interpreter.
public struct InterpreterOptions {
    /// The run seed; every random stream derives from it.
    public var seed: UInt64 = 0
    /// File-access confinement; nil = unrestricted.
    public var sandbox: Sandbox? = nil
    /// Folder of the standard library (`use "schedules"`); nil = env var SGP_STDLIB, next to the executable, or
    /// the embedded copy.
    public var stdlibPath: String? = nil
    /// Where `print` and `show` write.
    public var output: (String) -> Void = { Swift.print($0) }
    /// Evaluator limits.
    public var limits = InterpreterLimits()
    /// Where figures go: `show(fig, name=)` and figure values of top-level expression statements not ended with
    /// `;` (in `run`: every such statement; in `evaluateInteractive`: the trailing one). The string is the
    /// requested file name, if any. Nil: figures are not drawn (`show` prints the summary instead).
    public var figureSink: ((FigureValue, String?) -> Void)? = nil
    /// Defaults.
    public init() {}
}

/// The result of running one piece of source.
public struct ExecutionResult {
    /// The runtime error that stopped execution, if any (parse errors arrive as `diagnostics`).
    public var error: RuntimeError?
    /// The value of a trailing expression statement (`evaluateInteractive` only; nil when it is `nil`).
    public var lastValue: Value?
    /// Everything printed during the run, in order.
    public var printed: [String]
    /// Parse diagnostics (errors and warnings) and the runtime error, in one form for the renderer.
    public var diagnostics: [Diagnostic] = []
    /// True when nothing went wrong.
    public var succeeded: Bool { error == nil }
}

/// The sgp language interpreter: one persistent global scope that successive `run`s (REPL inputs, notebook cells)
/// share. Single-threaded: call it from one thread at a time.
public final class Interpreter {
    /// The one table of builtins.
    public let registry: BuiltinRegistry
    /// Evaluator limits.
    public let limits: InterpreterLimits
    /// Values the run manifest keeps (`record(name, value)`), in order.
    public var recorded: [(String, Value)] = []
    /// `--set name=value` overrides, applied to the first top-level assignment of each name in the main script.
    public var overrides: [String: Value] = [:]
    /// File-access confinement.
    public var sandbox: Sandbox?
    /// Absolute paths scripts were allowed to read (through `CallContext.checkRead`), in first-use order, for the
    /// run manifest.
    public var filesRead: [String] = []

    let main: Namespace
    var options: InterpreterOptions
    var depth = 0
    /// Loop iterations and calls left before the step limit (Int.max when unlimited).
    var stepsLeft = Int.max
    /// Where the running thread's stack ends (set at the start of each run).
    var stack = StackGuard(limit: 0)
    var lastValue: Value?
    var printed: [String] = []
    var appliedOverrides = Set<String>()
    var streams: [String: RandomStream] = [:]
    var seed: UInt64
    var modules: [String: ModuleValue] = [:]
    var loading: Set<String> = []

    /// A fresh interpreter with the standard builtins.
    public init(options: InterpreterOptions = InterpreterOptions(), registry: BuiltinRegistry = .standard()) {
        self.options = options
        self.registry = registry
        self.limits = options.limits
        self.sandbox = options.sandbox
        self.seed = options.seed
        self.main = Namespace(name: "main", builtins: registry)
    }

    // MARK: Running

    /// Runs `block` (already parsed from `source`) in the global scope.
    public func run(_ block: Block, source: Source) -> ExecutionResult {
        DeepStack.run { self.execute(block, source: source, interactive: false) }
    }

    /// Like `run(_:source:)`, but returns the value of a trailing expression statement and binds `ans`.
    public func evaluateInteractive(_ block: Block, source: Source) -> ExecutionResult {
        DeepStack.run { self.execute(block, source: source, interactive: true) }
    }

    func execute(_ block: Block, source: Source, interactive: Bool) -> ExecutionResult {
        printed = []
        lastValue = nil
        depth = 0
        stepsLeft = limits.maxSteps ?? Int.max
        stack = StackGuard.current()
        do {
            try checkOverrides(block)
            let compiler = Compiler(source: source, namespace: main, rt: self, overrides: pendingOverrides)
            let code = try compiler.compileProgram(block, keepLast: interactive, showFigures: true)
            let frame = Frame.make(slotCount: 0, parent: nil, rt: self)
            for s in code { _ = try s.exec(frame) }
            // Like Python's REPL, a nil result (e.g. of `print(...)`) is not a value to show.
            if let v = lastValue, v.isNil { lastValue = nil }
            if interactive, let v = lastValue { main.set("ans", v) }
            return ExecutionResult(error: nil, lastValue: interactive ? lastValue : nil, printed: printed)
        } catch {
            let e = RuntimeError.from(error)
            return ExecutionResult(error: e, lastValue: nil, printed: printed, diagnostics: [e.diagnostic(fallback: source)])
        }
    }

    var pendingOverrides: [String: Value] { overrides.filter { !appliedOverrides.contains($0.key) } }

    /// Set by a host that runs one script in pieces (notebook cells) after it checked the overrides against the
    /// whole script with `validateOverrides(against:)`; the per-piece check would wrongly reject a name that a
    /// later cell assigns.
    public var overridesValidated = false

    /// Checks that every override names a top-level assignment of `block` (the whole script).
    public func validateOverrides(against block: Block) -> RuntimeError? {
        do { try checkOverrides(block, force: true) } catch { return RuntimeError.from(error) }
        overridesValidated = true
        return nil
    }

    /// Every override must name a top-level assignment of the script, so a typo is reported, not ignored.
    func checkOverrides(_ block: Block, force: Bool = false) throws {
        guard force || !overridesValidated else { return }
        let pending = pendingOverrides
        guard !pending.isEmpty else { return }
        let names = topLevelAssignedNames(block)
        for k in pending.keys.sorted() where !names.contains(k) {
            throw RuntimeError("--set \(k): the script has no top-level assignment to '\(k)'",
                               help: didYouMean(k, names) ?? (names.isEmpty ? nil : "assigned names: " + names.prefix(12).joined(separator: ", ")))
        }
    }

    /// Top-level names `block` assigns, in order (for `--set` and notebook tooling).
    public func assignedTopLevelNames(in block: Block) -> [String] { topLevelAssignedNames(block) }

    // MARK: Globals

    /// Names bound in the global scope (user-defined first, then builtins).
    public var globalNames: [String] { main.userNames }

    /// Binds a global (hosts inject values, e.g. a dataset loaded by the CLI).
    public func setGlobal(_ name: String, _ v: Value) { main.set(name, v) }

    /// The value of a global, if bound.
    public func global(_ name: String) -> Value? {
        guard let c = main.cells[name], c.isDefined else { return registry.value(named: name) }
        return c.value
    }

    /// Global names, keywords and builtins starting with `prefix`, sorted (for the REPL's tab completion).
    public func completions(for prefix: String) -> [String] {
        let keywords = ["fn", "end", "if", "elif", "else", "then", "for", "in", "do", "while", "return", "break",
                        "continue", "use", "as", "and", "or", "not", "true", "false", "nil"]
        let all = Set(main.definedNames + registry.names + keywords)
        return all.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Candidates for "did you mean" when `cell` is unknown: names defined in its namespace plus builtins.
    func visibleNames(from cell: GlobalCell) -> [String] {
        // Only names the failing code could reach: its own module's globals and the builtins.
        let home = modules.values.first { $0.namespace.cells[cell.name] === cell }?.namespace ?? main
        return home.definedNames + registry.names
    }

    // MARK: Services for builtins

    /// Called on every loop back-edge and call: stops on Ctrl-C (`Cancellation`) or when the step limit is spent.
    @inline(__always)
    func tick(_ span: Span?, _ source: Source?) throws {
        stepsLeft &-= 1
        if stepsLeft < 0 || Cancellation.isRequested { throw interruption(span, source) }
    }

    func interruption(_ span: Span?, _ source: Source?) -> RuntimeError {
        let message = Cancellation.isRequested ? "interrupted" : "step limit (\(limits.maxSteps ?? 0) loop iterations and calls) exceeded"
        var e = RuntimeError(message)
        if let span, let source { e = e.located(span, source) }
        return e
    }

    func emit(_ text: String) {
        printed.append(text)
        options.output(text)
    }

    /// Hands a figure to the host's `figureSink`; false when there is none.
    @discardableResult
    public func showFigure(_ figure: FigureValue, name: String?) -> Bool {
        guard let sink = options.figureSink else { return false }
        sink(figure, name)
        return true
    }

    /// Resets every random stream to derive from `seed`.
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        streams = [:]
    }

    func withRandom<R>(_ name: String, _ body: (inout RandomStream) throws -> R) rethrows -> R {
        var s = streams[name] ?? RandomStream(seed: seed, stream: name)
        defer { streams[name] = s }
        return try body(&s)
    }
}
