import Foundation
import SGPInterpreter
import SGPSyntax

/// One place that turns errors into text for the terminal (colour only on a TTY) or a report (never colour).
struct ErrorPrinter {
    var color: Bool

    static var forStderr: ErrorPrinter { ErrorPrinter(color: isatty(2) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil) }

    func render(_ diagnostics: [Diagnostic]) -> String { DiagnosticRenderer(color: color).render(diagnostics) }

    /// A runtime error as a diagnostic: location, source line and caret, notes, help, then the call stack.
    func render(_ e: RuntimeError) -> String {
        guard let span = e.span, let source = e.source else {
            var s = "error: \(e.message)\n"
            if let h = e.help { s += "help: \(h)\n" }
            return s
        }
        var notes = e.notes.map { Diagnostic.Note($0.message, span: $0.span, source: $0.source) }
        // Consecutive identical frames (recursion) print once with a count.
        var frames: [(StackFrame, Int)] = []
        for f in e.stack {
            if let last = frames.last, last.0.function == f.function, last.0.span == f.span, last.0.source === f.source {
                frames[frames.count - 1].1 += 1
            } else {
                frames.append((f, 1))
            }
        }
        for (f, n) in frames.prefix(8) {
            let times = n > 1 ? " (\(n) times)" : ""
            notes.append(Diagnostic.Note("in '\(f.function)' called here\(times)", span: f.span, source: f.source))
        }
        if frames.count > 8 { notes.append(Diagnostic.Note("… \(frames.count - 8) more frames")) }
        let d = Diagnostic(.error, e.message, span: span, source: source, notes: notes, help: e.help)
        return DiagnosticRenderer(color: color).render([d])
    }
}
