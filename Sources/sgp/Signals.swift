import Foundation
import Synchronization
import SGPTensor

/// SIGINT policy. While a computation runs, Ctrl-C asks it to stop at its next iteration boundary
/// (`Cancellation.request()`); a second Ctrl-C during the same computation exits with 130 as a last resort.
/// At an idle prompt the REPL clears the line instead (readline's own signal handling is off).
enum Interrupts {
    static let atPrompt = Atomic<Bool>(false)
    static let pending = Atomic<Int>(0)
    /// Set when Ctrl-C cleared the prompt, so the REPL drops any half-typed multi-line input.
    static let promptInterrupted = Atomic<Bool>(false)
    nonisolated(unsafe) static var onPromptInterrupt: (@convention(c) () -> Void)?

    static func install() {
        signal(SIGINT) { _ in
            if Interrupts.atPrompt.load(ordering: .relaxed) {
                Interrupts.promptInterrupted.store(true, ordering: .relaxed)
                Interrupts.onPromptInterrupt?()
                return
            }
            let n = Interrupts.pending.add(1, ordering: .relaxed).newValue
            Cancellation.request()
            if n >= 3 { _exit(130) }
        }
    }

    /// Clears the cancellation state before the next computation.
    static func reset() {
        pending.store(0, ordering: .relaxed)
        Cancellation.reset()
    }
}
