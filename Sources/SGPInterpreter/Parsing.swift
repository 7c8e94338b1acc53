import Foundation
import SGPSyntax
import SGPTensor

extension ExecutionResult {
    /// Everything to show the user, parse errors and the runtime error alike, as text (colour only when asked).
    public func rendered(color: Bool = false) -> String {
        DiagnosticRenderer(color: color).render(diagnostics)
    }
}

extension Interpreter {
    /// Parses and runs `source` in the persistent global scope. Parse errors stop before anything runs.
    public func run(_ source: Source) -> ExecutionResult { parseAndExecute(source, interactive: false) }

    /// Like `run`, but returns the value of a trailing expression statement (not ended with `;`) and binds `ans`.
    public func evaluateInteractive(_ source: Source) -> ExecutionResult { parseAndExecute(source, interactive: true) }

    func parseAndExecute(_ source: Source, interactive: Bool) -> ExecutionResult {
        let (block, diagnostics) = Parser.parse(source)
        if diagnostics.contains(where: { $0.severity == .error }) {
            return ExecutionResult(error: nil, lastValue: nil, printed: [], diagnostics: diagnostics)
        }
        var r = DeepStack.run { self.execute(block, source: source, interactive: interactive) }
        r.diagnostics = diagnostics + r.diagnostics
        return r
    }

    /// Parses a module's source; syntax errors become one runtime error at the `use`, with the module's
    /// diagnostics as notes.
    func parseOrThrow(_ source: Source) throws -> Block {
        let (block, diagnostics) = Parser.parse(source)
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return block }
        var e = RuntimeError("module '\(source.name)' has \(errors.count) syntax error\(errors.count == 1 ? "" : "s")")
        e.notes = errors.map { ($0.message, $0.span, $0.source) }
        throw e
    }
}

extension RuntimeError {
    /// The error as a diagnostic: the call stack becomes notes ("in 'f', called here"), innermost first, at most 8
    /// of them.
    public func diagnostic(fallback: Source) -> Diagnostic {
        var notes = self.notes.map { Diagnostic.Note($0.message, span: $0.span, source: $0.source) }
        // The innermost frames say where; a deep recursion's remaining frames are counted, not listed.
        for f in stack.prefix(8) { notes.append(Diagnostic.Note("in '\(f.function)', called here", span: f.span, source: f.source)) }
        let more = max(0, stack.count - 8) + omittedFrames
        if more > 0 { notes.append(Diagnostic.Note("… \(more) more calls")) }
        return Diagnostic(.error, message, span: span ?? Span(0, 0), source: source ?? fallback, notes: notes, help: help)
    }
}

/// Runs the evaluator where the stack is deep enough for `InterpreterLimits.maxCallDepth`: in place on the main
/// thread (8 MiB), on a fresh thread with a 64 MiB stack elsewhere (secondary threads get 512 KiB).
enum DeepStack {
    static let threadBytes = 64 << 20

    static func run<T>(_ body: @escaping () -> T) -> T {
        if Thread.isMainThread { return body() }
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let work = UncheckedSendable(body)
        let thread = Thread {
            box.value = work.value()
            done.signal()
        }
        thread.stackSize = threadBytes
        thread.start()
        done.wait()
        return box.value ?? body()
    }

    private final class Box<T>: @unchecked Sendable { var value: T? }
}
