import Foundation
import SGPInterpreter
import SGPSyntax
import SGPTensor

/// One interpreter plus what a host needs around it: output routing, parse-then-run, outcome classification.
/// The REPL, `sgp run` and `sgp notebook` all drive code through this.
final class Session {
    enum Outcome {
        case ok(Value?)
        case syntax([Diagnostic])
        case runtime(RuntimeError)
        case interrupted(RuntimeError?)

        var exitCode: Int32 {
            switch self {
            case .ok: return 0
            case .syntax: return Exit.syntax
            case .runtime: return Exit.runtime
            case .interrupted: return Exit.interrupted
            }
        }
    }

    private(set) var interpreter: Interpreter
    /// Where printed text goes right now (the notebook swaps it per cell).
    var output: (String) -> Void = { print($0) }
    /// Where figures go (`show(fig, name=)` and unsuppressed top-level figure expressions): the figure and the
    /// requested file name. Nil prints the figure's one-line summary.
    var figureHook: ((FigureValue, String?) -> Void)?
    let runDirectory: RunDirectory?
    private let options: InterpreterOptions
    private let overrides: [String: Value]
    private let outputBox: OutputBox

    init(seed: UInt64, sandbox: Sandbox?, overrides: [String: Value] = [:], runDirectory: RunDirectory? = nil) {
        var opts = InterpreterOptions()
        opts.seed = seed
        opts.sandbox = sandbox
        let box = OutputBox()
        opts.output = { box.sink?($0) }
        opts.figureSink = { box.figure?($0, $1) }
        self.options = opts
        self.overrides = overrides
        self.runDirectory = runDirectory
        interpreter = Interpreter(options: opts)
        interpreter.overrides = overrides
        outputBox = box
        box.sink = { [unowned self] in self.output($0) }
        box.figure = { [unowned self] fig, name in
            if let hook = self.figureHook { hook(fig, name) } else { self.output(fig.summary) }
        }
    }

    /// For scripts run in pieces (cells): checks `--set` names against the whole script once, up front.
    func validateOverrides(wholeScript text: String, name: String) -> Outcome? {
        let source = Source(name: name, text: text)
        let (block, diags) = Parser.parse(source)
        if diags.contains(where: { $0.severity == .error }) { return .syntax(diags) }
        if let e = interpreter.validateOverrides(against: block) { return .runtime(e) }
        return nil
    }

    /// For notebooks: checks `--set` names against the top-level assignments of every cell that parses (a cell
    /// with a syntax error reports it when it runs, inline).
    func validateOverrides(cells: [Notebook.Cell], name: String) -> RuntimeError? {
        var statements: [Stmt] = []
        for c in cells where c.kind == .code {
            let (block, diags) = Parser.parse(Source(name: name, text: c.text, firstLine: c.firstLine))
            if !diags.contains(where: { $0.severity == .error }) { statements += block.statements }
        }
        return interpreter.validateOverrides(against: Block(statements: statements, span: Span(0, 0)))
    }

    /// Forgets every binding (the REPL's `:reset`).
    func resetState() {
        interpreter = Interpreter(options: options)
        interpreter.overrides = overrides
    }

    /// Shows a trailing value the way the host presents results: printed text. Figures are skipped: the
    /// interpreter already handed them to `figureHook`.
    func display(_ v: Value) {
        if v.isNil || v.isFigure { return }
        output(v.display)
    }

    /// Parses and runs `text`; interactive runs return the trailing expression's value and bind `ans`.
    func execute(_ text: String, name: String, firstLine: Int = 1, interactive: Bool) -> Outcome {
        let source = Source(name: name, text: text, firstLine: firstLine)
        let (block, diags) = Parser.parse(source)
        if diags.contains(where: { $0.severity == .error }) { return .syntax(diags) }
        Interrupts.reset()
        let r = interactive ? interpreter.evaluateInteractive(block, source: source) : interpreter.run(block, source: source)
        let cancelled = Cancellation.isRequested
        Interrupts.reset()
        if let e = r.error { return cancelled ? .interrupted(e) : .runtime(e) }
        return cancelled ? .interrupted(nil) : .ok(r.lastValue)
    }
}

private final class OutputBox {
    var sink: ((String) -> Void)?
    var figure: ((FigureValue, String?) -> Void)?
}

/// Parses `name=value` for `--set`: numbers, booleans, nil, quoted or bare strings, and list/record literals are
/// evaluated as sgp expressions in a scratch interpreter (so `--set sigmas=[0.3,0.1]` works).
func parseOverride(_ spec: String) throws -> (String, Value) {
    guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
        throw ValidationErrorText("--set expects name=value, got '\(spec)'")
    }
    let name = String(spec[..<eq]).trimmingCharacters(in: .whitespaces)
    let raw = String(spec[spec.index(after: eq)...])
    guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), let f = name.first, !f.isNumber else {
        throw ValidationErrorText("--set: '\(name)' is not a valid name")
    }
    let scratch = Interpreter()
    let src = Source(name: "--set \(name)", text: raw)
    let (block, diags) = Parser.parse(src)
    if diags.isEmpty, block.statements.count == 1 {
        let r = scratch.evaluateInteractive(block, source: src)
        if r.error == nil, let v = r.lastValue, !(v.isFunctionLike) { return (name, v) }
    }
    return (name, .string(raw))  // a bare word is a string
}

struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ s: String) { description = s }
}

extension Value {
    /// Functions cannot come from the command line (a bare word that names a builtin is a string there).
    var isFunctionLike: Bool {
        switch self {
        case .function, .builtin: return true
        default: return false
        }
    }
}

extension Value {
    /// True for figure values (which hosts draw rather than print).
    var isFigure: Bool { if case .opaque(let o) = self { return o is FigureValue }; return false }

    /// A one-line description for `:vars`.
    var summaryLine: String {
        let d = display
        let first = d.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return first.count > 100 ? String(first.prefix(97)) + "..." : first
    }

    /// Field names offered by tab completion after `value.`.
    var completionFields: [String] {
        switch self {
        case .record(let r): return r.names
        case .opaque(let o): return o.fieldNames
        default: return []
        }
    }
}

extension BuiltinRegistry {
    /// Keyword names of builtin `name` (for completion inside a call).
    func parameterNames(of name: String) -> [String] {
        builtin(named: name)?.params.filter { !$0.variadic }.map(\.name) ?? []
    }
}
