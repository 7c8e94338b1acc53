import Foundation

/// Data-parallel loops over independent work items (row chunks of a batch): the caller and up to `workers − 1`
/// threads of `WorkerPool` claim items one at a time, with OpenBLAS pinned to one thread meanwhile (nested BLAS
/// threads only contend). Results stay independent of the worker count when each item writes its own outputs and
/// the caller combines them in order.
public enum Parallel {
    /// Runs `body(item)` for every item in 0..<count on up to `workers` threads; rethrows the first error (by item
    /// order) after all items have run (with one worker: at the first error, like a plain loop).
    public static func forEach(count: Int, workers: Int, _ body: (Int) throws -> Void) throws {
        let w = max(1, min(workers, count))
        if w == 1 {
            for i in 0..<count { try body(i) }
            return
        }
        let saved = BLAS.threads
        if saved != 1 { BLAS.threads = 1 }
        defer { if saved != 1 { BLAS.threads = saved } }
        let errors = ErrorSlots(count: count)
        withoutActuallyEscaping(body) { f in
            let item: (Int) -> Void = { i in
                do { try f(i) } catch { errors.set(i, error) }
            }
            if !WorkerPool.shared.run(count: count, helpers: w - 1, item) {
                for i in 0..<count { item(i) }
            }
        }
        if let e = errors.first { throw e }
    }
}

/// Wraps a value that is safe to share because its users touch disjoint data (a non-escaping closure, a pointer).
public struct UncheckedSendable<T>: @unchecked Sendable {
    /// The wrapped value.
    public let value: T
    /// Wraps `value`.
    public init(_ value: T) { self.value = value }
}

/// One error slot per item, each written by at most one worker.
/// (A raw buffer, not an array property: concurrent writes to a class's array would trip exclusivity checks.)
private final class ErrorSlots: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Error?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: max(count, 1))
    }
    deinit { slots.deinitialize(count: max(count, 1)); slots.deallocate() }
    func set(_ i: Int, _ e: Error) { slots[i] = e }
    var first: Error? {
        for i in 0..<count { if let e = slots[i] { return e } }
        return nil
    }
}
