import Foundation
import SGPTensor

/// Score-Guided Planning by single shooting (SGP.md §4): optimise open-loop actions through the dynamics with
/// J = cost(X, U) + β_k·(−Σ_t ⟨stopgrad(s_σk(z_t)), z_t⟩), z_t = (x_t, u_t), averaged over the batch.
///
/// Per iteration: one rollout of all B trajectories, one cost evaluation on whole trajectories, one score call on
/// all B×T rows, one backward pass through time, one optimiser step, all on buffers reused across iterations.
/// `beta == 0` or no score gives the plain model-exploiting baseline.
public final class GradPlanner: Planner {
    public let dynamics: RolloutDynamics
    public let score: ScoreField?
    public let cost: TrajectoryCost
    public var config: GradPlannerConfig
    let ws: TrajectoryWorkspace

    public var stateDim: Int { dynamics.stateDim }
    public var actionDim: Int { dynamics.actionDim }
    public var horizon: Int { config.horizon }

    /// A planner; the score (if any) must take rows z = (x, u) of width dx + du.
    public init(dynamics: RolloutDynamics, score: ScoreField? = nil, cost: TrajectoryCost, config: GradPlannerConfig) throws {
        let d = dynamics.stateDim + dynamics.actionDim
        if let s = score {
            guard s.dim == d else { throw PlanningError.shape(argument: "score", expected: [d], got: [s.dim]) }
            guard s.levels > 0 else { throw PlanningError.invalid(argument: "score", detail: "has no noise levels") }
            try config.anneal.validate(levels: s.levels)
        }
        try config.validate()
        try config.bounds?.check(actionDim: dynamics.actionDim)
        self.dynamics = dynamics; self.score = score; self.cost = cost; self.config = config
        ws = TrajectoryWorkspace(stateDim: dynamics.stateDim, actionDim: dynamics.actionDim)
    }

    public func plan(x0: Tensor, initialActions: Tensor? = nil) throws -> PlanResult {
        // `config` is mutable between plans: re-check what the kernels rely on.
        try config.validate()
        try config.bounds?.check(actionDim: actionDim)
        if let s = score { try config.anneal.validate(levels: s.levels) }
        let start = DispatchTime.now().uptimeNanoseconds
        let dx = stateDim, du = actionDim, d = dx + du, T = config.horizon, K = config.iterations
        let (x0rows, B) = try readInitialStates(x0, stateDim: dx)
        let u0 = try readInitialActions(initialActions, batch: B, horizon: T, actionDim: du)
        ws.prepare(batch: B, horizon: T)
        x0rows.withUnsafeBufferPointer { if let p = $0.baseAddress { ws.setInitialStates(p) } }
        let loop = ActionOptimizer(config: config, batch: B, actionDim: du)
        let run = try loop.run(initial: u0) { k, actions, grad in
            let level = score.map { config.anneal.level(iteration: k, of: K, levels: $0.levels) } ?? -1
            let betaK = cosineBeta(iteration: k, of: K, beta: config.beta, betaMin: config.betaMin ?? config.beta)
            ws.setActions(timeMajor: actions)
            try dynamics.rollout(z: ws.z, batch: B, horizon: T, keepCache: true)
            try ws.evaluateCost(cost, gradient: true, scale: 1 / Float(B), iteration: k)
            var stats = IterationStats(meanCost: ws.meanCost, objective: ws.meanCost, level: level, beta: betaK)
            if let s = score, betaK != 0 {
                (stats.objective, stats.penaltyNorm) = try addPenalty(s, level: level, beta: betaK, batch: B, meanCost: stats.meanCost, iteration: k)
            }
            try dynamics.backward(z: ws.z, g: ws.g, batch: B, horizon: T)
            for r in 0..<(T * B) { (grad + r * du).update(from: ws.g + r * d + dx, count: du) }
            return stats
        }
        // The returned plan: the final iterate, with its predicted states and cost.
        run.best.withUnsafeBufferPointer { if let p = $0.baseAddress { ws.setActions(timeMajor: p) } }
        let bestTensor = ws.actionsTensor()
        run.final.withUnsafeBufferPointer { if let p = $0.baseAddress { ws.setActions(timeMajor: p) } }
        try dynamics.rollout(z: ws.z, batch: B, horizon: T, keepCache: false)
        try ws.evaluateCost(cost, gradient: false, scale: 1, iteration: K)
        var out = PlanResult(actions: ws.actionsTensor(), states: ws.statesTensor(), finalCost: ws.meanCost, trajectoryCosts: ws.costs)
        run.trace.fill(&out)
        out.bestActions = bestTensor
        out.interrupted = run.interrupted
        out.wallTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return out
    }

    /// Adds the score penalty's direct gradient −w·s(z) to ws.g (w = β [σ²] / B) and returns the objective and
    /// the norm of that gradient.
    func addPenalty(_ s: ScoreField, level: Int, beta: Double, batch B: Int, meanCost: Double, iteration: Int) throws -> (Double, Double) {
        let dx = stateDim, d = dx + actionDim, T = config.horizon
        let sigma = s.sigmas[level]
        let w = beta * (config.sigma2Weighted ? sigma * sigma : 1) / Double(B)
        if config.scoreTerminal {
            // Row T pairs x_T with u_{T−1} so the scored row has the data's width.
            for b in 0..<B { (ws.z + (T * B + b) * d + dx).update(from: ws.z + ((T - 1) * B + b) * d + dx, count: actionDim) }
        }
        let rows = (config.scoreTerminal ? T + 1 : T) * B
        let sp = ws.sBuf.pointer
        try s.scoreRows(rows: rows, z: ws.z, ldz: d, level: level, out: sp)
        let wf = Float(w)
        var dot = 0.0, n2 = 0.0
        for r in 0..<rows {
            let srow = sp + r * d, zrow = ws.z + r * d, grow = ws.g + r * d
            let cols = r >= T * B ? dx : d
            var acc: Float = 0, sq: Float = 0
            for j in 0..<d { acc += srow[j] * zrow[j] }
            for j in 0..<cols { let sj = srow[j]; grow[j] -= wf * sj; sq += sj * sj }
            dot += Double(acc); n2 += Double(sq)
        }
        guard dot.isFinite, n2.isFinite else { throw PlanningError.nonFinite(quantity: "score", iteration: iteration) }
        return (meanCost - w * dot, w * n2.squareRoot())
    }
}

/// Per-iteration records collected while planning, copied into `PlanResult` at the end.
struct PlanTrace {
    var cost: [Double] = [], objective: [Double] = [], penaltyNorm: [Double] = [], gradNorm: [Double] = []
    var level: [Int] = [], beta: [Double] = []
    var bestCost = Double.infinity, bestIteration = -1

    mutating func record(cost c: Double, objective o: Double, penaltyNorm p: Double, gradNorm g: Double, level l: Int, beta b: Double) {
        cost.append(c); objective.append(o); penaltyNorm.append(p); gradNorm.append(g); level.append(l); beta.append(b)
    }

    func fill(_ r: inout PlanResult) {
        r.cost = cost; r.objective = objective; r.penaltyGradNorm = penaltyNorm; r.gradNorm = gradNorm
        r.sigmaLevel = level; r.beta = beta; r.iterations = cost.count
        r.bestIteration = max(bestIteration, 0); r.bestCost = bestCost.isFinite ? bestCost : r.finalCost
    }
}
