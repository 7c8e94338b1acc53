import Foundation

/// Median-of-blocks timing: the machines are shared and noisy, so a benchmark runs several blocks of
/// iterations and reports the median block, which ignores blocks disturbed by other processes.
public enum BenchTiming {
    /// Report the fastest block instead of the median. On a machine shared with other jobs every block is slowed
    /// alike and the median measures the contention; the minimum approximates the unloaded speed.
    nonisolated(unsafe) public static var useMinimum = false

    /// Monotonic seconds.
    @inline(__always) public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Median (or, with `useMinimum`, fastest) seconds per call of `body`, over `blocks` blocks; the iteration count per block is chosen so that
    /// a block lasts about `blockSeconds` (one warm-up call first).
    public static func secondsPerCall(blocks: Int = 9, blockSeconds: Double = 0.02, _ body: () throws -> Void) rethrows -> Double {
        // The minimum needs many short blocks to catch a quiet moment on a busy machine.
        let blocks = useMinimum ? blocks * 4 : blocks, blockSeconds = useMinimum ? blockSeconds / 5 : blockSeconds
        try body()
        var iters = 1
        while true {
            let t0 = now()
            for _ in 0..<iters { try body() }
            let dt = now() - t0
            if dt >= blockSeconds / 4 || iters >= 1 << 24 {
                iters = max(1, Int(Double(iters) * blockSeconds / max(dt, 1e-9)))
                break
            }
            iters *= 4
        }
        var times: [Double] = []
        for _ in 0..<max(1, blocks) {
            let t0 = now()
            for _ in 0..<iters { try body() }
            times.append((now() - t0) / Double(iters))
        }
        times.sort()
        return useMinimum ? times[0] : times[times.count / 2]
    }
}
