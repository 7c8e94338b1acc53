import SGPTensor

/// The built-in fused quadratic cost: Σ_{t=1}^{T} (x_t − g)ᵀQ(x_t − g) + Σ_{t=0}^{T−1} u_tᵀR u_t + (x_T − g)ᵀQ_f(x_T − g)
/// with diagonal Q, R, Q_f (per-dimension weights) and goal g.
public struct QuadraticCost: FusedTrajectoryCost, Sendable {
    /// Goal state g [dx].
    public var goal: [Double]
    /// Diagonal running state weights Q [dx].
    public var stateWeight: [Double]
    /// Diagonal action weights R [du].
    public var actionWeight: [Double]
    /// Diagonal terminal weights Q_f [dx] (added to the running term at t = T).
    public var terminalWeight: [Double]

    /// A cost for dx-dimensional states and du-dimensional actions; every weight list must match its width.
    public init(goal: [Double], stateWeight: [Double], actionWeight: [Double], terminalWeight: [Double]) throws {
        let dx = goal.count
        guard stateWeight.count == dx else { throw PlanningError.shape(argument: "stateWeight", expected: [dx], got: [stateWeight.count]) }
        guard terminalWeight.count == dx else { throw PlanningError.shape(argument: "terminalWeight", expected: [dx], got: [terminalWeight.count]) }
        self.goal = goal; self.stateWeight = stateWeight; self.actionWeight = actionWeight; self.terminalWeight = terminalWeight
    }

    /// Uniform weights: q‖x_t − g‖² + r‖u_t‖² + q_f‖x_T − g‖².
    public init(stateDim: Int, actionDim: Int, goal: [Double]? = nil, q: Double = 1, r: Double = 0, terminal: Double = 0) throws {
        try self.init(goal: goal ?? [Double](repeating: 0, count: stateDim), stateWeight: [Double](repeating: q, count: stateDim),
                      actionWeight: [Double](repeating: r, count: actionDim), terminalWeight: [Double](repeating: terminal, count: stateDim))
    }

    func checkDims(stateDim: Int, actionDim: Int) throws {
        guard goal.count == stateDim else { throw PlanningError.shape(argument: "goal", expected: [stateDim], got: [goal.count]) }
        guard stateWeight.count == stateDim else { throw PlanningError.shape(argument: "stateWeight", expected: [stateDim], got: [stateWeight.count]) }
        guard terminalWeight.count == stateDim else { throw PlanningError.shape(argument: "terminalWeight", expected: [stateDim], got: [terminalWeight.count]) }
        guard actionWeight.count == actionDim else { throw PlanningError.shape(argument: "actionWeight", expected: [actionDim], got: [actionWeight.count]) }
    }

    public func evaluate(z: UnsafePointer<Float>, batch: Int, horizon: Int, stateDim: Int, actionDim: Int,
                         cost: UnsafeMutablePointer<Double>, g: UnsafeMutablePointer<Float>?, scale: Float) throws {
        try checkDims(stateDim: stateDim, actionDim: actionDim)
        let d = stateDim + actionDim
        let gl = goal.map { Float($0) }, q = stateWeight.map { Float($0) }, r = actionWeight.map { Float($0) }
        let qf = zip(stateWeight, terminalWeight).map { Float($0 + $1) }
        cost.update(repeating: 0, count: batch)
        try gl.withUnsafeBufferPointer { gp in try q.withUnsafeBufferPointer { qp in try r.withUnsafeBufferPointer { rp in
        try qf.withUnsafeBufferPointer { qfp in
            guard let gg = gp.baseAddress, let qq = qp.baseAddress, let qt = qfp.baseAddress else {
                throw PlanningError.invalid(argument: "cost", detail: "empty weights")
            }
            for t in 0...horizon {
                let w = t == horizon ? qt : qq
                for b in 0..<batch {
                    let row = z + (t * batch + b) * d
                    var acc: Float = 0
                    if t > 0 {
                        for j in 0..<stateDim { let e = row[j] - gg[j]; acc += w[j] * e * e }
                        if let g { let gr = g + (t * batch + b) * d; for j in 0..<stateDim { gr[j] += scale * 2 * w[j] * (row[j] - gg[j]) } }
                    }
                    if t < horizon, let rr = rp.baseAddress {
                        let u = row + stateDim
                        for j in 0..<actionDim { acc += rr[j] * u[j] * u[j] }
                        if let g { let gr = g + (t * batch + b) * d + stateDim; for j in 0..<actionDim { gr[j] += scale * 2 * rr[j] * u[j] } }
                    }
                    cost[b] += Double(acc)
                }
            }
        }}}}
    }

    public func evaluate(states: Tensor, actions: Tensor, gradient: Bool) throws -> CostEvaluation {
        guard states.rank == 3, actions.rank == 3, states.shape[0] == actions.shape[0], states.shape[1] == actions.shape[1] + 1 else {
            throw PlanningError.shape(argument: "states", expected: [actions.shape.first ?? -1, (actions.shape.count > 1 ? actions.shape[1] : -1) + 1, goal.count], got: states.shape)
        }
        let b = states.shape[0], t = actions.shape[1], dx = states.shape[2], du = actions.shape[2]
        let d = dx + du
        // Pack into the time-major layout and reuse the fused loop.
        var z = [Float](repeating: 0, count: (t + 1) * b * d), g = [Float](repeating: 0, count: gradient ? (t + 1) * b * d : 0)
        let xs = states.dtype == .float32 ? states : states.detached().to(.float32)
        let us = actions.dtype == .float32 ? actions : actions.detached().to(.float32)
        for bi in 0..<b { for ti in 0...t {
            for j in 0..<dx { z[(ti * b + bi) * d + j] = xs.storage.f32[(bi * (t + 1) + ti) * dx + j] }
            if ti < t { for j in 0..<du { z[(ti * b + bi) * d + dx + j] = us.storage.f32[(bi * t + ti) * du + j] } }
        } }
        var c = [Double](repeating: 0, count: b)
        try z.withUnsafeBufferPointer { zp in try c.withUnsafeMutableBufferPointer { cp in try g.withUnsafeMutableBufferPointer { gp in
            guard let zb = zp.baseAddress, let cb = cp.baseAddress else { return }
            try evaluate(z: zb, batch: b, horizon: t, stateDim: dx, actionDim: du, cost: cb, g: gradient ? gp.baseAddress : nil, scale: 1)
        } } }
        guard gradient else { return CostEvaluation(cost: Tensor(c, dtype: states.dtype)) }
        let gx = Tensor.zeros([b, t + 1, dx]), gu = Tensor.zeros([b, t, du])
        for bi in 0..<b { for ti in 0...t {
            for j in 0..<dx { gx.storage.f32[(bi * (t + 1) + ti) * dx + j] = g[(ti * b + bi) * d + j] }
            if ti < t { for j in 0..<du { gu.storage.f32[(bi * t + ti) * du + j] = g[(ti * b + bi) * d + dx + j] } }
        } }
        return CostEvaluation(cost: Tensor(c, dtype: states.dtype), gradStates: gx, gradActions: gu)
    }
}
