import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Knows where the current thread's stack ends, so calls can stop with an error before it overflows.
///
/// The call-depth limit bounds ordinary recursion, but one call level can be large (an expression nested 256 deep
/// inside a recursive function, a builtin calling back into the language), and threads differ in stack size.
/// Checking the remaining space at each call makes "never crash" independent of both.
struct StackGuard {
    /// Lowest usable address of the stack (it grows down), or 0 when unknown.
    let limit: UInt

    /// Stack that must remain when a call starts: room for one call level with the deepest expression nesting
    /// the compiler allows, in a debug build (measured ≈ 10 KiB per level plus ~1 KiB per nested expression).
    static let reserve: UInt = 1 << 20

    /// The guard for the calling thread, which is the main thread (stack size from `ulimit -s`, 8 MiB when
    /// unlimited) or `DeepStack`'s helper thread. Called near the base of the evaluator's stack.
    static func current() -> StackGuard {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        var size = UInt(DeepStack.threadBytes)
        if Thread.isMainThread {
            size = 8 << 20
            var rl = rlimit()
            if getrlimit(Int32(RLIMIT_STACK.rawValue), &rl) == 0, rl.rlim_cur != rlim_t.max, rl.rlim_cur > 0 {
                size = UInt(rl.rlim_cur)
            }
        }
        // The host's frames above us are few; keep the reserve for them and for one deep call level.
        guard size > 2 * reserve, here > size else { return StackGuard(limit: 0) }
        return StackGuard(limit: here - size + reserve)
    }

    /// True when the stack pointer is below the reserve.
    @inline(__always) func isExhausted() -> Bool {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < limit
    }
}
