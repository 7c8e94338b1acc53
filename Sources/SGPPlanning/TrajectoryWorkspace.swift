import SGPTensor

/// Time-major buffers shared by the planners: z and g [T+1, B, D] (D = dx + du, see `RolloutDynamics`), the score
/// output, per-trajectory costs, and the conversions to and from the batch-major tensors users see.
final class TrajectoryWorkspace {
    let dx: Int, du: Int
    var d: Int { dx + du }
    private(set) var batch = 0, horizon = 0
    let zBuf = FloatBuffer(), gBuf = FloatBuffer(), sBuf = FloatBuffer()
    var costs: [Double] = []

    init(stateDim: Int, actionDim: Int) { dx = stateDim; du = actionDim }

    var z: UnsafeMutablePointer<Float> { zBuf.pointer }
    var g: UnsafeMutablePointer<Float> { gBuf.pointer }

    /// Sizes the buffers for B trajectories of T steps (reused when they already fit).
    func prepare(batch: Int, horizon: Int) {
        self.batch = batch; self.horizon = horizon
        let n = (horizon + 1) * batch * d
        zBuf.reserve(n); gBuf.reserve(n); sBuf.reserve(n)
        zBuf.pointer.update(repeating: 0, count: n)
        if costs.count != batch { costs = [Double](repeating: 0, count: batch) }
    }

    /// Writes x0 rows ([B, dx] row-major) into slab 0.
    func setInitialStates(_ x0: UnsafePointer<Float>) {
        for b in 0..<batch { (z + b * d).update(from: x0 + b * dx, count: dx) }
    }

    /// Writes actions given time-major [T, B, du] into z.
    func setActions(timeMajor u: UnsafePointer<Float>) {
        for r in 0..<(horizon * batch) { (z + r * d + dx).update(from: u + r * du, count: du) }
    }

    /// Mean over the batch of `costs`.
    var meanCost: Double { costs.isEmpty ? 0 : costs.reduce(0, +) / Double(costs.count) }

    /// States as a batch-major tensor [B, T+1, dx].
    func statesTensor() -> Tensor {
        let t = Tensor.uninitialized([batch, horizon + 1, dx])
        let p = t.storage.f32
        for b in 0..<batch { for s in 0...horizon { (p + (b * (horizon + 1) + s) * dx).update(from: z + (s * batch + b) * d, count: dx) } }
        return t
    }

    /// Actions as a batch-major tensor [B, T, du].
    func actionsTensor() -> Tensor {
        let t = Tensor.uninitialized([batch, horizon, du])
        let p = t.storage.f32
        for b in 0..<batch { for s in 0..<horizon { (p + (b * horizon + s) * du).update(from: z + (s * batch + b) * d + dx, count: du) } }
        return t
    }

    /// Evaluates `cost` on the current z into `costs`; with `gradient`, sets g to scale × ∂cost/∂z (g is zeroed first).
    func evaluateCost(_ cost: TrajectoryCost, gradient: Bool, scale: Float, iteration: Int) throws {
        let n = (horizon + 1) * batch * d
        if gradient { g.update(repeating: 0, count: n) }
        if let fused = cost as? FusedTrajectoryCost {
            try costs.withUnsafeMutableBufferPointer { cp in
                guard let c = cp.baseAddress else { return }
                try fused.evaluate(z: z, batch: batch, horizon: horizon, stateDim: dx, actionDim: du, cost: c,
                                   g: gradient ? g : nil, scale: scale)
            }
        } else {
            let xs = statesTensor(), us = actionsTensor()
            let ev = try cost.evaluate(states: xs, actions: us, gradient: gradient)
            guard ev.cost.shape == [batch] else { throw PlanningError.shape(argument: "cost", expected: [batch], got: ev.cost.shape) }
            for b in 0..<batch { costs[b] = ev.cost.scalar(at: b) }
            if gradient {
                if let gx = ev.gradStates {
                    guard gx.shape == xs.shape else { throw PlanningError.shape(argument: "cost gradient w.r.t. states", expected: xs.shape, got: gx.shape) }
                    let f = gx.dtype == .float32 ? gx : gx.to(.float32)
                    for b in 0..<batch { for s in 0...horizon {
                        let src = f.storage.f32 + (b * (horizon + 1) + s) * dx, dst = g + (s * batch + b) * d
                        for j in 0..<dx { dst[j] += scale * src[j] }
                    } }
                }
                if let gu = ev.gradActions {
                    guard gu.shape == us.shape else { throw PlanningError.shape(argument: "cost gradient w.r.t. actions", expected: us.shape, got: gu.shape) }
                    let f = gu.dtype == .float32 ? gu : gu.to(.float32)
                    for b in 0..<batch { for s in 0..<horizon {
                        let src = f.storage.f32 + (b * horizon + s) * du, dst = g + (s * batch + b) * d + dx
                        for j in 0..<du { dst[j] += scale * src[j] }
                    } }
                }
            }
        }
        if let bad = costs.firstIndex(where: { !$0.isFinite }) {
            _ = bad
            throw PlanningError.nonFinite(quantity: "cost", iteration: iteration)
        }
    }
}

/// Reads x0 given as [dx] (one state) or [B, dx] into Float rows; errors name the argument.
func readInitialStates(_ x0: Tensor, stateDim: Int) throws -> (rows: [Float], batch: Int) {
    let batch: Int
    if x0.rank == 1, x0.shape[0] == stateDim { batch = 1 }
    else if x0.rank == 2, x0.shape[1] == stateDim, x0.shape[0] > 0 { batch = x0.shape[0] }
    else { throw PlanningError.shape(argument: "x0", expected: [stateDim], got: x0.shape) }
    let (nan, inf) = x0.nonFiniteCount
    guard nan + inf == 0 else { throw PlanningError.invalid(argument: "x0", detail: "contains \(nan) NaN and \(inf) infinite values") }
    return (x0.floats, batch)
}

/// Reads initial actions given as [T, du] (shared by the batch) or [B, T, du] into time-major [T, B, du].
func readInitialActions(_ u: Tensor?, batch: Int, horizon: Int, actionDim: Int) throws -> [Float] {
    var out = [Float](repeating: 0, count: horizon * batch * actionDim)
    guard let u else { return out }
    let shared = u.shape == [horizon, actionDim]
    guard shared || u.shape == [batch, horizon, actionDim] else {
        throw PlanningError.shape(argument: "initial actions", expected: [batch, horizon, actionDim], got: u.shape)
    }
    let (nan, inf) = u.nonFiniteCount
    guard nan + inf == 0 else { throw PlanningError.invalid(argument: "initial actions", detail: "contains \(nan) NaN and \(inf) infinite values") }
    let f = u.floats
    for t in 0..<horizon { for b in 0..<batch { for j in 0..<actionDim {
        out[(t * batch + b) * actionDim + j] = f[(shared ? t * actionDim : (b * horizon + t) * actionDim) + j]
    } } }
    return out
}
