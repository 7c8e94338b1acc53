import SGPTensor

/// An optional penalty added to sampled trajectories' costs by CEM and MPPI (they need values, not gradients).
public enum SamplingPenalty {
    /// β Σ_t d_σ(z_t) with a smoothed distance to data (e.g. `ExactScore`) at a fixed level (default: the finest).
    case distance(DistanceField, beta: Double, level: Int?)
    /// β·Var_k(cost under member k) over ensemble members rolled out on the same actions (the planner's own model
    /// is not counted; pass all members here and any one of them as the planner's dynamics).
    case ensembleVariance([RolloutDynamics], beta: Double)
}

/// Rolls out populations of action sequences and scores them: the shared engine of CEM and MPPI.
final class PopulationEvaluator {
    let dynamics: RolloutDynamics
    let cost: TrajectoryCost
    let penalty: SamplingPenalty?
    let ws: TrajectoryWorkspace
    var memberWorkspaces: [TrajectoryWorkspace] = []
    /// Seconds spent in rollouts and rows × steps rolled out (model evaluations).
    var rolloutSeconds = 0.0, modelEvaluations = 0.0

    init(dynamics: RolloutDynamics, cost: TrajectoryCost, penalty: SamplingPenalty?) throws {
        let d = dynamics.stateDim + dynamics.actionDim
        switch penalty {
        case let .distance(field, beta, level)?:
            guard field.dim == d else { throw PlanningError.shape(argument: "penalty", expected: [d], got: [field.dim]) }
            guard beta >= 0 else { throw PlanningError.invalid(argument: "beta", detail: "must be non-negative, got \(beta)") }
            if let level, !(0..<field.levels).contains(level) {
                throw PlanningError.invalid(argument: "level", detail: "level \(level) is outside 0..<\(field.levels)")
            }
        case let .ensembleVariance(members, beta)?:
            guard members.count >= 2 else { throw PlanningError.invalid(argument: "ensemble", detail: "need at least 2 members, got \(members.count)") }
            guard beta >= 0 else { throw PlanningError.invalid(argument: "beta", detail: "must be non-negative, got \(beta)") }
            for m in members where m.stateDim != dynamics.stateDim || m.actionDim != dynamics.actionDim {
                throw PlanningError.shape(argument: "ensemble", expected: [dynamics.stateDim, dynamics.actionDim], got: [m.stateDim, m.actionDim])
            }
        case nil: break
        }
        self.dynamics = dynamics; self.cost = cost; self.penalty = penalty
        ws = TrajectoryWorkspace(stateDim: dynamics.stateDim, actionDim: dynamics.actionDim)
    }

    /// Costs (with penalty) of `rows` trajectories from the time-major actions `u` [T, rows, du] and initial states
    /// `x0` [rows, dx]; returns them in `out`.
    func evaluate(x0: UnsafePointer<Float>, u: UnsafePointer<Float>, rows: Int, horizon: Int, iteration: Int, out: inout [Double]) throws {
        ws.prepare(batch: rows, horizon: horizon)
        ws.setInitialStates(x0); ws.setActions(timeMajor: u)
        let t0 = DispatchTime.now().uptimeNanoseconds
        try dynamics.rollout(z: ws.z, batch: rows, horizon: horizon, keepCache: false)
        rolloutSeconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        modelEvaluations += Double(rows * horizon)
        try ws.evaluateCost(cost, gradient: false, scale: 1, iteration: iteration)
        out = ws.costs
        switch penalty {
        case let .distance(field, beta, level)?:
            guard beta != 0 else { return }
            let d = ws.d, n = horizon * rows
            let zt = Tensor.uninitialized([n, d])
            zt.storage.f32.update(from: ws.z, count: n * d)
            let dist = try field.distance(zt, level: level ?? field.levels - 1)
            guard dist.shape == [n] else { throw PlanningError.shape(argument: "penalty", expected: [n], got: dist.shape) }
            for t in 0..<horizon { for r in 0..<rows { out[r] += beta * dist.scalar(at: t * rows + r) } }
        case let .ensembleVariance(members, beta)?:
            while memberWorkspaces.count < members.count { memberWorkspaces.append(TrajectoryWorkspace(stateDim: ws.dx, actionDim: ws.du)) }
            var sum = [Double](repeating: 0, count: rows), sumSq = sum
            for (k, m) in members.enumerated() {
                let mw = memberWorkspaces[k]
                mw.prepare(batch: rows, horizon: horizon); mw.setInitialStates(x0); mw.setActions(timeMajor: u)
                try m.rollout(z: mw.z, batch: rows, horizon: horizon, keepCache: false)
                modelEvaluations += Double(rows * horizon)
                try mw.evaluateCost(cost, gradient: false, scale: 1, iteration: iteration)
                for r in 0..<rows { sum[r] += mw.costs[r]; sumSq[r] += mw.costs[r] * mw.costs[r] }
            }
            let k = Double(members.count)
            for r in 0..<rows { let mean = sum[r] / k; out[r] = mean + beta * max(0, sumSq[r] / k - mean * mean) }
        case nil: break
        }
        if out.contains(where: { !$0.isFinite }) { throw PlanningError.nonFinite(quantity: "cost", iteration: iteration) }
    }
}

import Foundation
