import SGPPlanning
import SGPTensor

/// The 2-D single integrator with a hole (SGP.md §6): x ∈ [−1,1]² minus the disk of radius 0.4, u ∈ [−0.1,0.1]²,
/// x' = x + u. Data are (x, u) rows sampled uniformly outside the hole from a seeded stream.
enum HoleFixture {
    static let start = [0.8, 0.2], goal = [-0.8, 0.2]
    static let horizon = 25

    static func data(count: Int, seed: UInt64 = 7) throws -> Tensor {
        var rng = RandomStream(seed: seed, stream: "hole-data")
        var rows: [Double] = []
        rows.reserveCapacity(count * 4)
        while rows.count < count * 4 {
            let x = rng.uniform(-1, 1), y = rng.uniform(-1, 1)
            if x * x + y * y < 0.16 { continue }
            rows += [x, y, rng.uniform(-0.1, 0.1), rng.uniform(-0.1, 0.1)]
        }
        return try Tensor(shape: [count, 4], doubles: rows)
    }

    static func dynamics() throws -> TapeDynamics {
        try TapeDynamics(stateDim: 2, actionDim: 2) { x, u in try x + u }
    }

    static func cost() throws -> QuadraticCost {
        try QuadraticCost(stateDim: 2, actionDim: 2, goal: goal, q: 0, r: 1, terminal: 100)
    }

    /// Smallest ‖x_t‖ along each planned path, and the final distance to the goal, for trajectory 0.
    static func metrics(_ r: PlanResult) -> (minNorm: Double, goalError: Double) {
        let s = r.states.scalars, t = r.states.shape[1]
        var minNorm = Double.infinity
        for i in 0..<t { minNorm = min(minNorm, (s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1]).squareRoot()) }
        let ex = s[2 * (t - 1)] - goal[0], ey = s[2 * (t - 1) + 1] - goal[1]
        return (minNorm, (ex * ex + ey * ey).squareRoot())
    }
}
