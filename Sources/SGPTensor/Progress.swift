/// Progress of long-running work, reported by kernels and rendered by the host (a bar on a TTY, periodic lines
/// otherwise, nothing with --quiet, CSV in the run directory).
public struct ProgressEvent: Sendable {
    /// What is running ("train_score", "plan", "collect", …).
    public var task: String
    /// Completed units (epochs, iterations, episodes) and the total, when known.
    public var done: Int
    /// The total number of units, when known.
    public var total: Int?
    /// Named metrics at this point (loss, val_loss, cost, sigma, …), in display order.
    public var metrics: [(String, Double)]

    /// An event for `task` after `done` of `total` units, with metrics in display order.
    public init(task: String, done: Int, total: Int?, metrics: [(String, Double)] = []) {
        self.task = task; self.done = done; self.total = total; self.metrics = metrics
    }
}

/// Where progress goes. The default sink discards it; the CLI installs a renderer.
public enum ProgressSink {
    nonisolated(unsafe) public static var handler: (@Sendable (ProgressEvent) -> Void)? = nil
    /// Marks the end of a task (the renderer finishes its bar).
    nonisolated(unsafe) public static var finish: (@Sendable (String) -> Void)? = nil

    @inline(__always) public static func report(_ e: @autoclosure () -> ProgressEvent) {
        if let h = handler { h(e()) }
    }
    /// Reports that `task` finished.
    public static func done(_ task: String) { finish?(task) }
}
