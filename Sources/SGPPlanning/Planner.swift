import SGPTensor

/// Anything that turns initial states into a plan; what `MPC` re-solves each step. All planners share it, so
/// comparisons are one argument apart.
public protocol Planner: AnyObject {
    var stateDim: Int { get }
    var actionDim: Int { get }
    /// Actions per plan.
    var horizon: Int { get }
    /// Plans from x0 ([dx] or [B, dx]), optionally warm-started from actions [T, du] or [B, T, du].
    func plan(x0: Tensor, initialActions: Tensor?) throws -> PlanResult
}
