import SGPTensor

/// Differentiable dynamics x_{t+1} = f(x_t, u_t) rolled out for a whole batch over a horizon, in the time-major
/// layout fused planners use.
///
/// Layout: `z` is [T+1, B, D] with D = stateDim + actionDim; row (t, b) holds (x_t, u_t). On entry to `rollout`,
/// z[0, :, 0..<dx] holds x0 and z[t, :, dx..<D] holds u_t for t < T; `rollout` writes x_{t+1} into z[t+1, :, 0..<dx].
/// `backward` receives `g` in the same layout holding the explicit partials ∂J/∂x_t, ∂J/∂u_t of an objective J
/// and back-propagates through time in place: afterwards g[t, :, dx..<D] is the total dJ/du_t and g[0, :, 0..<dx]
/// the total dJ/dx0. `backward` must follow a `rollout(..., keepCache: true)` on the same `z`.
public protocol RolloutDynamics: AnyObject {
    /// State width dx.
    var stateDim: Int { get }
    /// Action width du.
    var actionDim: Int { get }
    /// Rolls out all B trajectories for T steps (see the type's layout note). `keepCache: false` when no backward
    /// pass follows (sampling planners), which lets implementations reuse one step's scratch.
    func rollout(z: UnsafeMutablePointer<Float>, batch: Int, horizon: Int, keepCache: Bool) throws
    /// Backpropagation through time (see the type's layout note).
    func backward(z: UnsafePointer<Float>, g: UnsafeMutablePointer<Float>, batch: Int, horizon: Int) throws
}

/// A growable, 64-byte aligned Float buffer that fused kernels reuse across iterations.
final class FloatBuffer: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(_ n: Int = 0) {
        capacity = max(n, 1)
        pointer = UnsafeMutableRawPointer.allocate(byteCount: capacity * 4, alignment: 64).bindMemory(to: Float.self, capacity: capacity)
    }

    deinit { pointer.deallocate() }

    /// Ensures room for `n` floats (contents are discarded when it grows) and returns the pointer.
    @discardableResult
    func reserve(_ n: Int) -> UnsafeMutablePointer<Float> {
        if n > capacity {
            pointer.deallocate()
            capacity = n
            pointer = UnsafeMutableRawPointer.allocate(byteCount: n * 4, alignment: 64).bindMemory(to: Float.self, capacity: n)
        }
        return pointer
    }

    /// Ensures room for `n` floats and zeroes them.
    @discardableResult
    func zeroed(_ n: Int) -> UnsafeMutablePointer<Float> {
        let p = reserve(n)
        p.update(repeating: 0, count: n)
        return p
    }
}
