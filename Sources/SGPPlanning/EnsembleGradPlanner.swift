import Foundation
import SGPTensor

/// The ensemble baseline (SGP.md §5): first-order planning through K dynamics models on the same actions, with the
/// cost averaged over members plus an uncertainty penalty weighted by `config.beta`.
public final class EnsembleGradPlanner: Planner {
    /// Which disagreement is penalised.
    public enum Penalty: String, Sendable {
        /// β·Var_k(cost_k) of each trajectory's total cost (the reference).
        case costVariance
        /// β·Σ_{t≥1} Σ_j Var_k(x_t^k[j]): disagreement of the predicted states.
        case stateDisagreement
    }

    /// Distinct instances (each keeps its own activation cache).
    public let members: [RolloutDynamics]
    public let cost: TrajectoryCost
    public var config: GradPlannerConfig
    public var penalty: Penalty
    let workspaces: [TrajectoryWorkspace]

    public var stateDim: Int { members[0].stateDim }
    public var actionDim: Int { members[0].actionDim }
    public var horizon: Int { config.horizon }

    public init(members: [RolloutDynamics], cost: TrajectoryCost, penalty: Penalty = .costVariance, config: GradPlannerConfig) throws {
        guard let first = members.first else { throw PlanningError.invalid(argument: "ensemble", detail: "needs at least one member") }
        for m in members where m.stateDim != first.stateDim || m.actionDim != first.actionDim {
            throw PlanningError.shape(argument: "ensemble", expected: [first.stateDim, first.actionDim], got: [m.stateDim, m.actionDim])
        }
        guard Set(members.map { ObjectIdentifier($0) }).count == members.count else {
            throw PlanningError.invalid(argument: "ensemble", detail: "members must be distinct instances (each caches its own rollout)")
        }
        try config.validate()
        try config.bounds?.check(actionDim: first.actionDim)
        self.members = members; self.cost = cost; self.penalty = penalty; self.config = config
        workspaces = members.map { TrajectoryWorkspace(stateDim: $0.stateDim, actionDim: $0.actionDim) }
    }

    public func plan(x0: Tensor, initialActions: Tensor? = nil) throws -> PlanResult {
        try config.validate()
        try config.bounds?.check(actionDim: actionDim)
        let start = DispatchTime.now().uptimeNanoseconds
        let dx = stateDim, du = actionDim, d = dx + du, T = config.horizon, K = config.iterations, M = members.count
        let (x0rows, B) = try readInitialStates(x0, stateDim: dx)
        let u0 = try readInitialActions(initialActions, batch: B, horizon: T, actionDim: du)
        for w in workspaces {
            w.prepare(batch: B, horizon: T)
            x0rows.withUnsafeBufferPointer { if let p = $0.baseAddress { w.setInitialStates(p) } }
        }
        let loop = ActionOptimizer(config: config, batch: B, actionDim: du)
        let run = try loop.run(initial: u0) { k, actions, grad in
            let betaK = cosineBeta(iteration: k, of: K, beta: config.beta, betaMin: config.betaMin ?? config.beta)
            for (m, w) in zip(members, workspaces) {
                w.setActions(timeMajor: actions)
                try m.rollout(z: w.z, batch: B, horizon: T, keepCache: true)
                try w.evaluateCost(cost, gradient: true, scale: 1, iteration: k)
            }
            let objective = try weightGradients(beta: betaK, batch: B, iteration: k)
            grad.update(repeating: 0, count: T * B * du)
            for (m, w) in zip(members, workspaces) {
                try m.backward(z: w.z, g: w.g, batch: B, horizon: T)
                for r in 0..<(T * B) { for j in 0..<du { grad[r * du + j] += w.g[r * d + dx + j] } }
            }
            let meanCost = workspaces.reduce(0) { $0 + $1.meanCost } / Double(M)
            return IterationStats(meanCost: meanCost, objective: objective, beta: betaK)
        }
        // Report the plan under the first member (and the ensemble mean cost).
        let w0 = workspaces[0]
        run.best.withUnsafeBufferPointer { if let p = $0.baseAddress { w0.setActions(timeMajor: p) } }
        let bestTensor = w0.actionsTensor()
        var finalCosts = [Double](repeating: 0, count: B)
        for (m, w) in zip(members, workspaces) {
            run.final.withUnsafeBufferPointer { if let p = $0.baseAddress { w.setActions(timeMajor: p) } }
            try m.rollout(z: w.z, batch: B, horizon: T, keepCache: false)
            try w.evaluateCost(cost, gradient: false, scale: 1, iteration: K)
            for b in 0..<B { finalCosts[b] += w.costs[b] / Double(M) }
        }
        var out = PlanResult(actions: w0.actionsTensor(), states: w0.statesTensor(), finalCost: finalCosts.reduce(0, +) / Double(B),
                             trajectoryCosts: finalCosts)
        run.trace.fill(&out)
        out.bestActions = bestTensor
        out.interrupted = run.interrupted
        out.wallTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return out
    }

    /// Scales each member's cost gradient by ∂J/∂cost_k and adds the state-disagreement gradient; returns the mean
    /// objective. J_b = mean_k c_k + β·penalty_b, averaged over the batch.
    func weightGradients(beta: Double, batch B: Int, iteration: Int) throws -> Double {
        let M = Double(members.count), dx = stateDim, d = dx + actionDim, T = config.horizon
        var objective = 0.0
        for b in 0..<B {
            let cs = workspaces.map { $0.costs[b] }
            let mean = cs.reduce(0, +) / M
            var pen = 0.0
            if penalty == .costVariance { pen = cs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / M }
            for (k, w) in workspaces.enumerated() {
                var weight = 1 / M
                if penalty == .costVariance { weight += beta * 2 * (cs[k] - mean) / M }
                let s = Float(weight / Double(B))
                for t in 0...T { let row = w.g + (t * B + b) * d; for j in 0..<d { row[j] *= s } }
            }
            if penalty == .stateDisagreement {
                let s = Float(beta * 2 / M / Double(B))
                for t in 1...T { for j in 0..<dx {
                    var xm: Float = 0
                    for w in workspaces { xm += w.z[(t * B + b) * d + j] }
                    xm /= Float(M)
                    for w in workspaces {
                        let e = w.z[(t * B + b) * d + j] - xm
                        pen += Double(e * e) / M
                        w.g[(t * B + b) * d + j] += s * e
                    }
                } }
            }
            objective += mean + beta * pen
        }
        guard objective.isFinite else { throw PlanningError.nonFinite(quantity: "ensemble penalty", iteration: iteration) }
        return objective / Double(B)
    }
}
