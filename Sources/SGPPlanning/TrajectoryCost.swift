import SGPTensor

/// Per-trajectory costs of a batch and, when asked, their gradients.
public struct CostEvaluation {
    /// Cost of each trajectory, shape [B].
    public var cost: Tensor
    /// ∂cost_b/∂X, shape [B, T+1, dx] (nil when not requested or zero).
    public var gradStates: Tensor?
    /// ∂cost_b/∂U, shape [B, T, du] (nil when not requested or zero).
    public var gradActions: Tensor?

    public init(cost: Tensor, gradStates: Tensor? = nil, gradActions: Tensor? = nil) {
        self.cost = cost; self.gradStates = gradStates; self.gradActions = gradActions
    }
}

/// A trajectory cost evaluated on whole trajectories at once: states X [B, T+1, dx] (x_0 … x_T) and actions
/// U [B, T, du]. Planners call it once per iteration, never per time step.
public protocol TrajectoryCost {
    /// Costs [B] and, when `gradient` is true, the gradients of each trajectory's cost w.r.t. X and U.
    func evaluate(states: Tensor, actions: Tensor, gradient: Bool) throws -> CostEvaluation
}

/// A cost that can also work directly on the planners' time-major buffer (see `RolloutDynamics`): no tensors, no
/// tape. `QuadraticCost` is one.
public protocol FusedTrajectoryCost: TrajectoryCost {
    /// Writes each trajectory's cost into `cost` [B] and, when `g` is given, adds `scale` × ∂cost_b/∂(x_t, u_t)
    /// into `g` [T+1, B, dx + du]. `z` is [T+1, B, dx + du]; the u part of row T is unused.
    func evaluate(z: UnsafePointer<Float>, batch: Int, horizon: Int, stateDim: Int, actionDim: Int,
                  cost: UnsafeMutablePointer<Double>, g: UnsafeMutablePointer<Float>?, scale: Float) throws
}

/// A cost written as a differentiable tensor function (X [B, T+1, dx], U [B, T, du]) → [B], differentiated with the
/// autodiff tape. The interpreter wraps a user's cost function in the language this way.
public struct ClosureCost: TrajectoryCost {
    /// The cost function.
    public let function: (Tensor, Tensor) throws -> Tensor

    public init(_ function: @escaping (Tensor, Tensor) throws -> Tensor) { self.function = function }

    public func evaluate(states: Tensor, actions: Tensor, gradient: Bool) throws -> CostEvaluation {
        let b = states.shape.first ?? 0
        if !gradient {
            let c = try GradMode.noGrad { try function(states, actions) }
            return CostEvaluation(cost: try Self.checkedCost(c, batch: b))
        }
        let x = states.requiringGrad(), u = actions.requiringGrad()
        let c = try GradMode.withGrad { try function(x, u) }
        let cost = try Self.checkedCost(c, batch: b)
        let grads = try Autodiff.gradients(of: c, wrt: [x, u])
        return CostEvaluation(cost: cost, gradStates: grads[0], gradActions: grads[1])
    }

    /// Accepts [B] (or a scalar when B = 1); anything else is a shape error naming the cost.
    static func checkedCost(_ c: Tensor, batch: Int) throws -> Tensor {
        if c.shape == [batch] { return c.detached() }
        if batch == 1, c.count == 1 { return Tensor(shape: [1], storage: c.storage) }
        throw PlanningError.shape(argument: "cost", expected: [batch], got: c.shape)
    }
}
