import SGPTensor

/// A 2-D single integrator x' = x + u (u ∈ [−0.1, 0.1]²) whose data live in an L-shaped corridor of width 0.4
/// inside the box [−1, 1]²: the vertical leg x₀ ∈ [−1, −0.6] (all x₁) joined to the horizontal leg
/// x₁ ∈ [−1, −0.6] (all x₀). The task runs from `start` = (−0.8, 0.8) at the top of the vertical leg to
/// `goal` = (0.8, −0.8) at the end of the horizontal leg; the straight line between them crosses the data-free
/// square, so a planner that stays near the data must turn the corner. As with the hole integrator, the walls
/// exist only in the data (box sampling keeps tuples with x and x' in the corridor); the dynamics are free.
/// Reward r = −‖u‖². Resets at `start` with ±0.05 noise; episodes last 100 steps.
public final class Corridor: BuiltinEnvironment {
    /// Corridor width.
    public static let width = 0.4
    /// Start of the task.
    public static let start = [-0.8, 0.8]
    /// Goal of the task.
    public static let goal = [0.8, -0.8]

    /// The L-shaped corridor.
    public init() {
        super.init(name: "corridor", stateDim: 2, actionDim: 2, actionLow: [-0.1, -0.1], actionHigh: [0.1, 0.1],
                   stateLow: [-1, -1], stateHigh: [1, 1], dt: 1, maxEpisodeSteps: 100)
        reset(seed: 0)
    }

    override func initialState(_ rng: inout RandomStream) -> [Double] {
        Corridor.start.map { $0 + rng.uniform(-0.05, 0.05) }
    }

    /// Whether a point lies in the corridor.
    public static func contains(_ a: Double, _ b: Double) -> Bool {
        guard a >= -1, a <= 1, b >= -1, b <= 1 else { return false }
        return a <= -1 + width || b <= -1 + width
    }

    /// Whether `x` lies in the region box-sampled data may occupy.
    public override func isInDataRegion(_ x: UnsafePointer<Double>) -> Bool { Corridor.contains(x[0], x[1]) }

    /// Dynamics and reward of `count` rows on raw buffers (see `BatchSteppable.stepBatch`).
    public override func stepBatch(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                                   reward: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count {
            let a = u[2 * i], b = u[2 * i + 1]
            next[2 * i] = x[2 * i] + a; next[2 * i + 1] = x[2 * i + 1] + b
            reward[i] = -(a * a + b * b)
        }
    }

    /// The model x' = f(x, u) on batches x [N, dx], u [N, du] (see `Environment.trueDynamics`).
    public override func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor {
        try checkBatch(x, u)
        return try x + u
    }
}
