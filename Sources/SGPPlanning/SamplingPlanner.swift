import Foundation
import SGPTensor

/// Shared loop of the sampling planners: sample around a mean per initial state, evaluate the population in one
/// fused forward rollout, refit (CEM) or reweight (MPPI). Subclasses provide `refit`.
public class SamplingPlanner: Planner {
    public let dynamics: RolloutDynamics
    public let cost: TrajectoryCost
    public var config: SamplingPlannerConfig
    let evaluator: PopulationEvaluator

    public var stateDim: Int { dynamics.stateDim }
    public var actionDim: Int { dynamics.actionDim }
    public var horizon: Int { config.horizon }
    var needsElites: Bool { false }

    init(dynamics: RolloutDynamics, cost: TrajectoryCost, penalty: SamplingPenalty?, config: SamplingPlannerConfig) throws {
        self.dynamics = dynamics; self.cost = cost; self.config = config
        evaluator = try PopulationEvaluator(dynamics: dynamics, cost: cost, penalty: penalty)
        try config.validate(elitesNeeded: needsElites)
        try config.bounds?.check(actionDim: dynamics.actionDim)
    }

    /// Updates mean and std of trajectory b from its samples (u[p] rows of length T·du, time-major per sample) and costs;
    /// returns the cost recorded for this round.
    func refit(samples: [[Float]], costs: ArraySlice<Double>, mean: inout [Float], std: inout [Float]) -> Double { 0 }

    public func plan(x0: Tensor, initialActions: Tensor? = nil) throws -> PlanResult {
        try config.validate(elitesNeeded: needsElites)
        try config.bounds?.check(actionDim: actionDim)
        let start = DispatchTime.now().uptimeNanoseconds
        let dx = stateDim, du = actionDim, T = config.horizon, P = config.population, K = config.iterations
        let (x0rows, B) = try readInitialStates(x0, stateDim: dx)
        let u0 = try readInitialActions(initialActions, batch: B, horizon: T, actionDim: du)
        let R = B * P, L = T * du
        // Per trajectory b: mean and std as [T·du] (time, then action).
        var means = (0..<B).map { b in (0..<L).map { i in u0[((i / du) * B + b) * du + i % du] } }
        var stds = [[Float]](repeating: [Float](repeating: Float(config.initialStd), count: L), count: B)
        var xrep = [Float](repeating: 0, count: R * dx)
        for b in 0..<B { for p in 0..<P { for j in 0..<dx { xrep[(b * P + p) * dx + j] = x0rows[b * dx + j] } } }
        var u = [Float](repeating: 0, count: T * R * du)
        var samples = [[Float]](repeating: [Float](repeating: 0, count: L), count: P)
        var costs: [Double] = []
        var rng = RandomStream(seed: config.seed, stream: "planner")
        let lo = config.bounds?.low.map { Float($0) }, hi = config.bounds?.high.map { Float($0) }
        let rho = Float(config.smoothing), innov = Float((1 - config.smoothing * config.smoothing).squareRoot())
        var trace = PlanTrace()
        var bestSample = means, bestCost = [Double](repeating: .infinity, count: B)
        var interrupted = false
        var noise = [Float](repeating: 0, count: L)
        for k in 0..<K {
            if Cancellation.isRequested { interrupted = true; break }
            for b in 0..<B {
                for p in 0..<P {
                    for i in 0..<L {
                        let n = Float(rng.normal())
                        noise[i] = i >= du && rho > 0 ? rho * noise[i - du] + innov * n : n
                    }
                    for i in 0..<L {
                        var v = means[b][i] + stds[b][i] * noise[i]
                        if let lo, let hi { v = min(max(v, lo[i % du]), hi[i % du]) }
                        u[((i / du) * R + b * P + p) * du + i % du] = v
                    }
                }
            }
            try xrep.withUnsafeBufferPointer { xp in try u.withUnsafeBufferPointer { up in
                guard let xb = xp.baseAddress, let ub = up.baseAddress else { return }
                try evaluator.evaluate(x0: xb, u: ub, rows: R, horizon: T, iteration: k, out: &costs)
            } }
            var recorded = 0.0
            for b in 0..<B {
                for p in 0..<P { for i in 0..<L { samples[p][i] = u[((i / du) * R + b * P + p) * du + i % du] } }
                let slice = costs[(b * P)..<((b + 1) * P)]
                if let (pi, c) = slice.enumerated().min(by: { $0.element < $1.element }).map({ ($0.offset, $0.element) }), c < bestCost[b] {
                    bestCost[b] = c; bestSample[b] = samples[pi]
                }
                recorded += refit(samples: samples, costs: slice, mean: &means[b], std: &stds[b])
            }
            trace.record(cost: recorded / Double(B), objective: recorded / Double(B), penaltyNorm: 0, gradNorm: 0, level: -1, beta: 0)
            ProgressSink.report(ProgressEvent(task: config.progressTask, done: k + 1, total: K, metrics: [("cost", recorded / Double(B))]))
        }
        if K > 0 { ProgressSink.done(config.progressTask) }
        // Final: the mean plan of every trajectory, rolled out once more for its states and cost (no penalty).
        let ws = TrajectoryWorkspace(stateDim: dx, actionDim: du)
        ws.prepare(batch: B, horizon: T)
        x0rows.withUnsafeBufferPointer { if let p = $0.baseAddress { ws.setInitialStates(p) } }
        var um = [Float](repeating: 0, count: T * B * du)
        func load(_ plans: [[Float]]) {
            for b in 0..<B { for i in 0..<L { um[((i / du) * B + b) * du + i % du] = plans[b][i] } }
            um.withUnsafeBufferPointer { if let p = $0.baseAddress { ws.setActions(timeMajor: p) } }
        }
        load(bestSample)
        let bestTensor = ws.actionsTensor()
        load(means)
        try dynamics.rollout(z: ws.z, batch: B, horizon: T, keepCache: false)
        try ws.evaluateCost(cost, gradient: false, scale: 1, iteration: K)
        var out = PlanResult(actions: ws.actionsTensor(), states: ws.statesTensor(), finalCost: ws.meanCost, trajectoryCosts: ws.costs)
        trace.bestCost = bestCost.reduce(0, +) / Double(B)
        trace.bestIteration = -1
        trace.fill(&out)
        out.bestActions = bestTensor
        out.interrupted = interrupted
        out.counters["model_evaluations"] = evaluator.modelEvaluations
        out.counters["rollout_seconds"] = evaluator.rolloutSeconds
        out.counters["model_evaluations_per_second"] = evaluator.modelEvaluations / max(evaluator.rolloutSeconds, 1e-12)
        out.wallTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return out
    }
}
