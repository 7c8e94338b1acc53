import Foundation
import SGPTensor

/// The cart-pole swing-up of the SGP paper. State x = (p, θ, ṗ, θ̇) with θ = 0 hanging down and θ = π upright;
/// action u is the horizontal force on the cart. Masses m_c = 10, m_p = 1, pole length l = 0.5, g = 9.81.
///
///     θ̈ = (−u cosθ − m_p l θ̇² cosθ sinθ − (m_c + m_p) g sinθ) / (l (m_c + m_p sin²θ))
///     p̈ = u + m_p sinθ (l θ̇² + g cosθ) / (m_c + m_p sin²θ)          (reference: u not divided)
///     p̈ = (u + m_p sinθ (l θ̇² + g cosθ)) / (m_c + m_p sin²θ)         (textbook: true)
///
/// One step is explicit midpoint with dt = 0.05: k = f(x, u), x_mid = x + dt/2·k, x' = x + dt·f(x_mid, u).
/// Data box [−5,5]×[−π,1.5π]×[−8,8]×[−12,12], u ∈ [−80, 80]. Reward r = −(x'−x*)ᵀ diag(1,1,0.1,0.1) (x'−x*) with
/// x* = (0, π, 0, 0) (the paper's terminal cost, charged every step). Resets at the bottom with ±0.05 noise;
/// episodes last 200 steps.
public final class CartPole: BuiltinEnvironment {
    /// Cart mass.
    public let massCart = 10.0
    /// Pole mass.
    public let massPole = 1.0
    /// Pole length.
    public let length = 0.5
    /// Gravity.
    public let gravity = 9.81
    /// Whether p̈ divides u by the mass term (the textbook model) instead of the reference's form.
    public let textbook: Bool
    /// The upright goal.
    public static let goal = [0.0, Double.pi, 0.0, 0.0]
    /// Cost weights of the reward.
    public static let weights = [1.0, 1.0, 0.1, 0.1]

    /// A cart-pole; `textbook: true` selects the textbook p̈.
    public init(textbook: Bool = false, dt: Double = 0.05) {
        self.textbook = textbook
        super.init(name: textbook ? "cartpole-textbook" : "cartpole", stateDim: 4, actionDim: 1, actionLow: [-80], actionHigh: [80],
                   stateLow: [-5, -Double.pi, -8, -12], stateHigh: [5, 1.5 * Double.pi, 8, 12], dt: dt, maxEpisodeSteps: 200)
        reset(seed: 0)
    }

    override func initialState(_ rng: inout RandomStream) -> [Double] { (0..<4).map { _ in rng.uniform(-0.05, 0.05) } }

    /// Accelerations (p̈, θ̈) at (θ, θ̇, u).
    @inline(__always) func accelerations(_ th: Double, _ thd: Double, _ u: Double) -> (Double, Double) {
        let s = Foundation.sin(th), c = Foundation.cos(th)
        let mc = massCart, mp = massPole, l = length, g = gravity
        let den = mc + mp * s * s
        let thdd = (-u * c - mp * l * thd * thd * c * s - (mc + mp) * g * s) / (l * den)
        let pdd = textbook ? (u + mp * s * (l * thd * thd + g * c)) / den : u + mp * s * (l * thd * thd + g * c) / den
        return (pdd, thdd)
    }

    /// Dynamics and reward of `count` rows on raw buffers (see `BatchSteppable.stepBatch`).
    public override func stepBatch(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                                   reward: UnsafeMutablePointer<Double>, count: Int) {
        let h = dt, w = CartPole.weights
        for i in 0..<count {
            let p = x[4 * i], th = x[4 * i + 1], pd = x[4 * i + 2], thd = x[4 * i + 3], a = u[i]
            let (pdd, thdd) = accelerations(th, thd, a)
            let mpd = pd + 0.5 * h * pdd, mthd = thd + 0.5 * h * thdd
            let mth = th + 0.5 * h * thd
            let (pdd2, thdd2) = accelerations(mth, mthd, a)
            let np = p + h * mpd, nth = th + h * mthd, npd = pd + h * pdd2, nthd = thd + h * thdd2
            next[4 * i] = np; next[4 * i + 1] = nth; next[4 * i + 2] = npd; next[4 * i + 3] = nthd
            let e1 = nth - Double.pi
            reward[i] = -(w[0] * np * np + w[1] * e1 * e1 + w[2] * npd * npd + w[3] * nthd * nthd)
        }
    }

    /// (ṗ, θ̇, p̈, θ̈) as [N, 1] columns, from tensor ops.
    private func derivative(_ s: [Tensor], _ u: Tensor) throws -> [Tensor] {
        let th = s[1], thd = s[3]
        let sn = TensorMath.sin(th), cs = TensorMath.cos(th)
        let mc = massCart, mp = massPole, l = length, g = gravity
        let den = try (sn * sn).scaled(mp).shifted(mc)
        let thd2 = try thd * thd
        let num = try (u * cs).negated() - (thd2 * cs * sn).scaled(mp * l) - sn.scaled((mc + mp) * g)
        let thdd = try num / den.scaled(l)
        let inner = try (thd2.scaled(l) + cs.scaled(g)) * sn.scaled(mp)
        let pdd = textbook ? try (u + inner) / den : try u + inner / den
        return [s[2], thd, pdd, thdd]
    }

    /// The model x' = f(x, u) on batches x [N, dx], u [N, du] (see `Environment.trueDynamics`).
    public override func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor {
        try checkBatch(x, u)
        let s = try TensorMath.columns(x)
        let k1 = try derivative(s, u)
        let mid = try zip(s, k1).map { try $0 + $1.scaled(0.5 * dt) }
        let k2 = try derivative(mid, u)
        return try TensorMath.stack(zip(s, k2).map { try $0 + $1.scaled(dt) })
    }
}
