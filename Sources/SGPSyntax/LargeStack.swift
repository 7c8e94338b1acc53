import Foundation

/// Runs work on a stack that fits the deepest input `SyntaxLimits` allows.
///
/// The parser is recursive descent. At `SyntaxLimits.maxNestingDepth` levels a debug build uses about 2.2 MiB of
/// stack (measured: up to 8.5 KiB per level), more than the 512 KiB that secondary threads and Swift concurrency
/// threads get. The main thread (8 MiB by default) runs the work in place; any other thread hands it to a fresh
/// thread with a large stack, so "never crash" does not depend on the caller's thread.
enum LargeStack {
    /// Stack for the helper thread: about 7× the measured debug-build need (reserved, touched only as used).
    static let threadBytes = 16 << 20

    /// Runs `body` where the stack is deep enough and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        // Starting a thread costs tens of microseconds; the main thread needs none.
        if Thread.isMainThread { return body() }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = threadBytes
        thread.start()
        done.wait()
        // The semaphore orders the write before this read; fall back to the caller's thread if it is missing.
        return box.value ?? body()
    }
}

/// Carries a result out of the helper thread; written once before the semaphore is signalled.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
