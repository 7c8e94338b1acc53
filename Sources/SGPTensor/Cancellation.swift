import Synchronization

/// Cooperative cancellation for long-running work (training, planning, data collection, rollouts).
///
/// The CLI's SIGINT handler calls `request()`; loops call `check()` at iteration boundaries and stop cleanly,
/// keeping their best result so far. The flag is atomic because the signal arrives on another thread.
public enum Cancellation {
    private static let flag = Atomic<Bool>(false)

    /// Asks the running work to stop at its next iteration boundary.
    public static func request() { flag.store(true, ordering: .relaxed) }
    /// Clears a request (the REPL does this before each input).
    public static func reset() { flag.store(false, ordering: .relaxed) }
    /// True once a stop was requested.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws `CancellationError` when a stop was requested.
    public static func check() throws { if isRequested { throw Cancelled() } }

    /// The error a cancelled loop throws when it has nothing partial to return.
    public struct Cancelled: Error, CustomStringConvertible, Sendable {
        public init() {}
        /// "interrupted".
        public var description: String { "interrupted" }
    }
}
