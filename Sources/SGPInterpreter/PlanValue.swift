import SGPPlanning
import SGPPlot
import SGPTensor

/// The result of `plan(...)`: the final plan, its predicted states and the per-iteration trace.
/// With a single x0 [dx], `actions` is [T, du] and `states` [T+1, dx]; with x0 [B, dx] they keep the batch axis.
public final class PlanValue: OpaqueValue, PlottableValue {
    /// The planner's result.
    public let result: PlanResult
    /// "grad", "cem", "mppi", "dirtran" (with " (ensemble)" for the ensemble gradient planner).
    public let method: String
    /// x0 was a single state: drop the batch axis of trajectories.
    public let single: Bool

    /// Wraps `result`.
    public init(_ result: PlanResult, method: String, single: Bool) { self.result = result; self.method = method; self.single = single }

    /// "plan".
    public var typeName: String { "plan" }
    /// `plan (grad): 1 trajectory × 20 steps, 100 iterations in 0.012 s, cost 12.3 → 1.02`.
    public var summary: String {
        let r = result
        let first = r.cost.first.map(short) ?? "-"
        let b = r.actions.shape.first ?? 0, t = r.actions.rank > 1 ? r.actions.shape[1] : 0
        return "plan (\(method)): \(b) trajector\(b == 1 ? "y" : "ies") × \(t) steps, \(r.iterations) iterations in "
            + "\(formatNumber((r.wallTime * 1000).rounded() / 1000)) s, cost \(first) → \(short(r.finalCost))"
            + (r.interrupted ? " (interrupted: best plan so far)" : "")
    }
    /// Documented fields.
    public var fieldNames: [String] {
        ["actions", "states", "cost", "costs", "objective", "trajectory_costs", "penalty_grad_norm", "grad_norm", "sigma_level",
         "beta", "wall_time", "interrupted", "method", "iterations", "best_actions", "best_cost", "best_iteration"]
    }
    func squeezed(_ t: Tensor) throws -> Tensor {
        guard single, t.rank >= 1, t.shape[0] == 1 else { return t }
        return try t.reshaped(Array(t.shape.dropFirst()))
    }
    /// The value of a documented field; per-iteration traces are float32 tensors [K].
    public func field(_ name: String) throws -> Value? {
        let r = result
        switch name {
        case "actions": return .tensor(try squeezed(r.actions))
        case "states": return .tensor(try squeezed(r.states))
        case "cost": return .number(r.finalCost)
        case "costs": return .tensor(Tensor(r.cost))
        case "objective": return .tensor(Tensor(r.objective))
        case "trajectory_costs": return .tensor(Tensor(r.trajectoryCosts))
        case "penalty_grad_norm": return .tensor(Tensor(r.penaltyGradNorm))
        case "grad_norm": return .tensor(Tensor(r.gradNorm))
        case "sigma_level": return .tensor(Tensor(r.sigmaLevel.map(Double.init)))
        case "beta": return .tensor(Tensor(r.beta))
        case "wall_time": return .number(r.wallTime)
        case "interrupted": return .bool(r.interrupted)
        case "method": return .string(method)
        case "iterations": return .int(r.iterations)
        case "best_actions": return .tensor(try squeezed(r.bestActions))
        case "best_cost": return .number(r.bestCost)
        case "best_iteration": return .int(r.bestIteration)
        default: return nil
        }
    }

    /// Four panels: cost per iteration, gradient norms, σ level and β.
    public func makeFigure(_ options: PlotOptions) throws -> Figure {
        let r = result
        guard !r.cost.isEmpty else { throw RuntimeError("plot: the plan has no iterations to show") }
        var fig = try Figure.subplots(rows: 2, cols: 2, width: 800, height: 560)
        fig.suptitle = options.title ?? "plan (\(method))"
        do {
            try fig.update(row: 0, col: 0) { ax in
                ax.title = "cost"; ax.xlabel = "iteration"
                try ax.plot(r.cost, label: options.label ?? "cost", style: options.style ?? .solid, color: options.color)
                if r.objective.count == r.cost.count, r.objective != r.cost { try ax.plot(r.objective, label: "objective", style: .dashed) }
            }
            try fig.update(row: 0, col: 1) { ax in
                ax.title = "gradient norms"; ax.xlabel = "iteration"
                if !r.gradNorm.isEmpty { try ax.plot(r.gradNorm, label: "grad") }
                if !r.penaltyGradNorm.isEmpty { try ax.plot(r.penaltyGradNorm, label: "penalty grad", style: .dashed) }
            }
            try fig.update(row: 1, col: 0) { ax in
                ax.title = "sigma level"; ax.xlabel = "iteration"
                if !r.sigmaLevel.isEmpty { try ax.plot(r.sigmaLevel.map(Double.init), label: "level") }
            }
            try fig.update(row: 1, col: 1) { ax in
                ax.title = "beta"; ax.xlabel = "iteration"
                if !r.beta.isEmpty { try ax.plot(r.beta, label: "beta") }
            }
        } catch let e as PlotError { throw RuntimeError(e.description) }
        return fig
    }
}

/// The result of `mpc(...)`: the closed-loop run on the true system.
public final class MPCValue: OpaqueValue, PlottableValue {
    /// What the loop recorded.
    public let result: MPCResult
    /// The planner name.
    public let method: String
    /// Environment name.
    public let envName: String

    /// Wraps `result`.
    public init(_ result: MPCResult, method: String, envName: String) { self.result = result; self.method = method; self.envName = envName }

    /// "mpc rollout".
    public var typeName: String { "mpc rollout" }
    /// `mpc (grad) on pendulum: 50 steps, total reward -12.3, latency p50 4.1 ms p95 5.0 ms`.
    public var summary: String {
        let r = result
        var s = "mpc (\(method)) on \(envName): \(r.actions.count) steps, total reward \(short(r.totalReward)), "
        s += "latency p50 \(formatNumber((r.latencyP50 * 1e4).rounded() / 10)) ms p95 \(formatNumber((r.latencyP95 * 1e4).rounded() / 10)) ms"
        if r.terminated { s += " (terminated)" }
        if r.interrupted { s += " (interrupted)" }
        return s
    }
    /// Documented fields.
    public var fieldNames: [String] {
        ["states", "actions", "rewards", "total_reward", "latency_p50", "latency_p95", "latencies", "model_gap", "steps",
         "terminated", "truncated", "interrupted", "method"]
    }
    static func matrix(_ rows: [[Double]], width: Int) throws -> Tensor {
        try Tensor(shape: [rows.count, width], doubles: rows.flatMap { $0 })
    }
    /// The value of a documented field (`model_gap` is ‖predicted − measured x_{t+1}‖ per step).
    public func field(_ name: String) throws -> Value? {
        let r = result
        switch name {
        case "states": return .tensor(try Self.matrix(r.states, width: r.states.first?.count ?? 0))
        case "actions": return .tensor(try Self.matrix(r.actions, width: r.actions.first?.count ?? 0))
        case "rewards": return .tensor(Tensor(r.rewards))
        case "total_reward": return .number(r.totalReward)
        case "latency_p50": return .number(r.latencyP50)
        case "latency_p95": return .number(r.latencyP95)
        case "latencies": return .tensor(Tensor(r.latencies))
        case "model_gap": return .tensor(Tensor(r.predictionGap))
        case "steps": return .int(r.actions.count)
        case "terminated": return .bool(r.terminated)
        case "truncated": return .bool(r.truncated)
        case "interrupted": return .bool(r.interrupted)
        case "method": return .string(method)
        default: return nil
        }
    }
    /// Reward per step and the model gap.
    public func makeFigure(_ options: PlotOptions) throws -> Figure {
        let r = result
        guard !r.rewards.isEmpty else { throw RuntimeError("plot: the MPC run has no steps to show") }
        var fig = try Figure.subplots(rows: 1, cols: 2, width: 800, height: 320)
        fig.suptitle = options.title ?? "mpc (\(method)) on \(envName)"
        do {
            try fig.update(row: 0, col: 0) { ax in
                ax.title = "reward"; ax.xlabel = "step"
                try ax.plot(r.rewards, label: options.label ?? "reward", style: options.style ?? .solid, color: options.color)
            }
            try fig.update(row: 0, col: 1) { ax in
                ax.title = "model gap"; ax.xlabel = "step"
                if !r.predictionGap.isEmpty { try ax.plot(r.predictionGap, label: "gap") }
            }
        } catch let e as PlotError { throw RuntimeError(e.description) }
        return fig
    }
}
