import SGPTensor

/// The n-dimensional single integrator x' = x + u, with u ∈ [−a, a]ⁿ (a = 0.1 by default) and data box
/// [−1, 1]ⁿ. With `hole: r`, the ball ‖x‖ < r at the origin holds no data (box sampling rejects tuples whose x or
/// x' fall inside) — the paper's 2-D experiment uses r = 0.4. The dynamics ignore the hole: only the data avoid
/// it. Reward r = −‖u‖² (effort). Resets uniformly in the data region; episodes last 100 steps.
public final class Integrator: BuiltinEnvironment {
    /// Radius of the data-free ball at the origin (nil: none).
    public let holeRadius: Double?

    /// An integrator in `dim` dimensions.
    public init(dim: Int = 2, hole: Double? = nil, actionBound: Double = 0.1) throws {
        guard dim >= 1, dim <= 1 << 16 else { throw EnvError.invalidArgument(env: "integrator", detail: "dim must be in 1...65536, got \(dim)") }
        if let r = hole, !(r >= 0 && r < 1) { throw EnvError.invalidArgument(env: "integrator", detail: "hole radius must be in [0, 1), got \(r)") }
        guard actionBound > 0, actionBound.isFinite else {
            throw EnvError.invalidArgument(env: "integrator", detail: "action bound must be positive, got \(actionBound)")
        }
        holeRadius = hole
        super.init(name: hole == nil ? "integrator" : "integrator-hole", stateDim: dim, actionDim: dim,
                   actionLow: Array(repeating: -actionBound, count: dim), actionHigh: Array(repeating: actionBound, count: dim),
                   stateLow: Array(repeating: -1, count: dim), stateHigh: Array(repeating: 1, count: dim), dt: 1, maxEpisodeSteps: 100)
        reset(seed: 0)
    }

    override func initialState(_ rng: inout RandomStream) -> [Double] {
        var x = [Double](repeating: 0, count: stateDim)
        // The region is at least (1 − volume of the unit-radius hole) of the box; a few hundred tries suffice.
        for _ in 0..<10_000 {
            for j in 0..<stateDim { x[j] = rng.uniform(-1, 1) }
            if x.withUnsafeBufferPointer({ $0.baseAddress.map(isInDataRegion) ?? false }) { break }
        }
        return x
    }

    /// Whether `x` lies in the region box-sampled data may occupy.
    public override func isInDataRegion(_ x: UnsafePointer<Double>) -> Bool {
        var r2 = 0.0
        for j in 0..<stateDim {
            let v = x[j]
            if !(v >= -1 && v <= 1) { return false }
            r2 += v * v
        }
        if let r = holeRadius { return r2 >= r * r }
        return true
    }

    /// Dynamics and reward of `count` rows on raw buffers (see `BatchSteppable.stepBatch`).
    public override func stepBatch(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                                   reward: UnsafeMutablePointer<Double>, count: Int) {
        singleIntegratorStep(x: x, u: u, next: next, reward: reward, count: count, dim: stateDim)
    }

    /// The model x' = f(x, u) on batches x [N, dx], u [N, du] (see `Environment.trueDynamics`).
    public override func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor {
        try checkBatch(x, u)
        return try x + u
    }
}

/// x' = x + u with reward −‖u‖² on raw row-major buffers: the step of every single integrator (n-D and pixel).
func singleIntegratorStep(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                          reward: UnsafeMutablePointer<Double>, count: Int, dim d: Int) {
    for i in 0..<count {
        var e = 0.0
        for j in 0..<d { let a = u[i * d + j]; next[i * d + j] = x[i * d + j] + a; e += a * a }
        reward[i] = -e
    }
}
