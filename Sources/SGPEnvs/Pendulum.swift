import Foundation
import SGPTensor

/// A torque-driven pendulum. State x = (θ, θ̇) with θ = 0 hanging down; action u is the torque.
///
///     θ̈ = −(g/l) sin θ − b θ̇ + u / (m l²),   m = 1, l = 1, g = 9.81, b = 0.1 (0 when frictionless)
///
/// One step is symplectic (semi-implicit) Euler with dt = 0.05: θ̇' = θ̇ + dt·θ̈(θ, θ̇, u), θ' = θ + dt·θ̇'. Being
/// symplectic, the frictionless pendulum's energy E = ½ m l² θ̇² − m g l cos θ oscillates within O(dt) of its
/// start instead of drifting. Data box [−2π, 2π] × [−8, 8], u ∈ [−2, 2]. Reward
/// r = −(wrap(θ − π)² + 0.1 θ̇² + 0.001 u²) at the state before the step (Gymnasium's pendulum cost, with θ = π
/// upright). Resets near the bottom (±0.05 noise); episodes last 200 steps.
public final class Pendulum: BuiltinEnvironment {
    /// Mass.
    public let mass = 1.0
    /// Length.
    public let length = 1.0
    /// Gravity.
    public let gravity = 9.81
    /// Viscous friction coefficient.
    public let friction: Double

    /// A pendulum; `frictionless: true` sets b = 0.
    public init(frictionless: Bool = false, dt: Double = 0.05) {
        friction = frictionless ? 0 : 0.1
        super.init(name: "pendulum", stateDim: 2, actionDim: 1, actionLow: [-2], actionHigh: [2],
                   stateLow: [-2 * Double.pi, -8], stateHigh: [2 * Double.pi, 8], dt: dt, maxEpisodeSteps: 200)
        reset(seed: 0)
    }

    override func initialState(_ rng: inout RandomStream) -> [Double] { [rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05)] }

    /// Total mechanical energy of state (θ, θ̇).
    public func energy(_ x: [Double]) -> Double {
        guard x.count == 2 else { return .nan }
        return 0.5 * mass * length * length * x[1] * x[1] - mass * gravity * length * Foundation.cos(x[0])
    }

    /// Dynamics and reward of `count` rows on raw buffers (see `BatchSteppable.stepBatch`).
    public override func stepBatch(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                                   reward: UnsafeMutablePointer<Double>, count: Int) {
        let h = dt, gl = gravity / length, b = friction, inv = 1 / (mass * length * length)
        for i in 0..<count {
            let th = x[2 * i], thd = x[2 * i + 1], a = u[i]
            let thdd = -gl * Foundation.sin(th) - b * thd + a * inv
            let nthd = thd + h * thdd
            next[2 * i] = th + h * nthd
            next[2 * i + 1] = nthd
            let e = Foundation.remainder(th - Double.pi, 2 * Double.pi)
            reward[i] = -(e * e + 0.1 * thd * thd + 0.001 * a * a)
        }
    }

    /// The model x' = f(x, u) on batches x [N, dx], u [N, du] (see `Environment.trueDynamics`).
    public override func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor {
        try checkBatch(x, u)
        let th = try TensorMath.column(x, 0), thd = try TensorMath.column(x, 1)
        let thdd = try TensorMath.sin(th).scaled(-gravity / length) - thd.scaled(friction) + u.scaled(1 / (mass * length * length))
        let nthd = try thd + thdd.scaled(dt)
        return try TensorMath.stack([try th + nthd.scaled(dt), nthd])
    }
}
