import SGPTensor

/// What every planner returns: the plan, its predicted states, and a per-iteration trace.
public struct PlanResult: @unchecked Sendable {
    /// Planned actions [B, T, du] (the final iterate; the elite/weighted mean for CEM/MPPI).
    public var actions: Tensor
    /// States predicted by the planner's model under `actions`, [B, T+1, dx].
    public var states: Tensor
    /// Mean (over the batch) trajectory cost of `actions`.
    public var finalCost: Double
    /// Per-trajectory cost of `actions`, [B].
    public var trajectoryCosts: [Double]
    /// Per iteration: mean cost over the batch of the iterate evaluated at that iteration (before its update).
    public var cost: [Double] = []
    /// Per iteration: the objective (mean cost + β × surrogate penalty value; the penalty value alone is meaningless).
    public var objective: [Double] = []
    /// Per iteration: ‖β ∂L_pen/∂z‖ over all scored rows (the score term's direct gradient, before BPTT).
    public var penaltyGradNorm: [Double] = []
    /// Per iteration: ‖∂J/∂(decision variables)‖ of the mean objective.
    public var gradNorm: [Double] = []
    /// Per iteration: the score level used (−1 without a score).
    public var sigmaLevel: [Int] = []
    /// Per iteration: β used.
    public var beta: [Double] = []
    /// Iterations completed.
    public var iterations: Int = 0
    /// Wall-clock seconds.
    public var wallTime: Double = 0
    /// True when the run stopped early on a cancellation request (actions are the last completed iterate).
    public var interrupted: Bool = false
    /// The iterate with the lowest mean cost seen (penalty ignored), and the iteration it came from.
    public var bestActions: Tensor
    public var bestIteration: Int = 0
    public var bestCost: Double = .infinity
    /// Planner-specific counters (model evaluations, samples, …).
    public var counters: [String: Double] = [:]

    public init(actions: Tensor, states: Tensor, finalCost: Double, trajectoryCosts: [Double]) {
        self.actions = actions; self.states = states; self.finalCost = finalCost; self.trajectoryCosts = trajectoryCosts
        self.bestActions = actions
    }

    /// A one-paragraph summary for the REPL.
    public var summary: String {
        let first = cost.first.map { String(format: "%.4g", $0) } ?? "-"
        return "plan: \(actions.shape[0]) trajector\(actions.shape[0] == 1 ? "y" : "ies") × \(actions.shape[1]) steps, "
            + "\(iterations) iterations in \(String(format: "%.3f", wallTime)) s, cost \(first) → \(String(format: "%.4g", finalCost))"
            + (interrupted ? " (interrupted)" : "")
    }
}

import Foundation
