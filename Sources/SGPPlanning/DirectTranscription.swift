import Foundation
import SGPTensor

/// Direct transcription ("dirtran", SGP.md §4): states x_1 … x_T and actions u_0 … u_{T−1} are all decision
/// variables. Feasibility comes from an (x, u, x') score — the penalty −σ²β Σ_t ⟨stopgrad(s(z_t)), z_t⟩ on
/// z_t = (x_t, u_t, x_{t+1}) replaces the dynamics — and/or from a model-defect penalty α Σ_t ‖f̂(x_t, u_t) − x_{t+1}‖².
/// The boundary-value version pins x_T to a given state.
public final class DirectTranscription: Planner {
    /// Extra settings on top of the shared gradient-planner settings (`base`: horizon, iterations, lr, optimiser, β
    /// schedule, σ schedule, bounds — always enforced by clamping here).
    public struct Config: Sendable {
        public var base: GradPlannerConfig
        /// Multiply the score penalty by σ² (the reference dirtran convention; on by default here).
        public var sigma2Weighted: Bool = true
        /// Model-defect weight α (used when a dynamics model is given).
        public var defectWeight: Double = 10
        /// When set, x_T is fixed to this state (boundary-value problem).
        public var pinnedTerminal: [Double]? = nil
        public init(base: GradPlannerConfig) { self.base = base }
    }

    public let stateDim: Int
    public let actionDim: Int
    /// Score on rows (x, u, x') of width 2·dx + du.
    public let score: ScoreField?
    /// Optional model for the defect penalty and the initial guess.
    public let dynamics: RolloutDynamics?
    public let cost: TrajectoryCost
    public var config: Config
    public var horizon: Int { config.base.horizon }
    let ws: TrajectoryWorkspace, defectWs: TrajectoryWorkspace
    let xuxBuf = FloatBuffer(), sBuf = FloatBuffer()

    public init(stateDim: Int, actionDim: Int, score: ScoreField?, dynamics: RolloutDynamics?, cost: TrajectoryCost, config: Config) throws {
        guard score != nil || dynamics != nil else {
            throw PlanningError.invalid(argument: "dirtran", detail: "needs an (x, u, x') score, a dynamics model, or both")
        }
        if let s = score {
            guard s.dim == 2 * stateDim + actionDim else { throw PlanningError.shape(argument: "score", expected: [2 * stateDim + actionDim], got: [s.dim]) }
            try config.base.anneal.validate(levels: s.levels)
        }
        if let m = dynamics, m.stateDim != stateDim || m.actionDim != actionDim {
            throw PlanningError.shape(argument: "dynamics", expected: [stateDim, actionDim], got: [m.stateDim, m.actionDim])
        }
        if let p = config.pinnedTerminal, p.count != stateDim { throw PlanningError.shape(argument: "pinned terminal", expected: [stateDim], got: [p.count]) }
        guard config.defectWeight >= 0 else { throw PlanningError.invalid(argument: "alpha", detail: "must be non-negative, got \(config.defectWeight)") }
        try config.base.validate()
        try config.base.bounds?.check(actionDim: actionDim)
        self.stateDim = stateDim; self.actionDim = actionDim; self.score = score; self.dynamics = dynamics
        self.cost = cost; self.config = config
        ws = TrajectoryWorkspace(stateDim: stateDim, actionDim: actionDim)
        defectWs = TrajectoryWorkspace(stateDim: stateDim, actionDim: actionDim)
    }

    public func plan(x0: Tensor, initialActions: Tensor? = nil) throws -> PlanResult {
        let cfg = config.base
        try cfg.validate()
        try cfg.bounds?.check(actionDim: actionDim)
        if let s = score { try cfg.anneal.validate(levels: s.levels) }
        if let p = config.pinnedTerminal, p.count != stateDim { throw PlanningError.shape(argument: "pinned terminal", expected: [stateDim], got: [p.count]) }
        let start = DispatchTime.now().uptimeNanoseconds
        let dx = stateDim, du = actionDim, d = dx + du, T = cfg.horizon, K = cfg.iterations
        let (x0rows, B) = try readInitialStates(x0, stateDim: dx)
        let u0 = try readInitialActions(initialActions, batch: B, horizon: T, actionDim: du)
        ws.prepare(batch: B, horizon: T)
        x0rows.withUnsafeBufferPointer { if let p = $0.baseAddress { ws.setInitialStates(p) } }
        u0.withUnsafeBufferPointer { if let p = $0.baseAddress { ws.setActions(timeMajor: p) } }
        // Initial states: the model's rollout of the initial actions, else x0 held (or interpolated to the pin).
        if let m = dynamics { try m.rollout(z: ws.z, batch: B, horizon: T, keepCache: false) } else {
            for t in 1...T { for b in 0..<B { for j in 0..<dx {
                let a = ws.z[b * d + j], e = config.pinnedTerminal.map { Float($0[j]) } ?? a
                ws.z[(t * B + b) * d + j] = a + (e - a) * Float(t) / Float(T)
            } } }
        }
        if let p = config.pinnedTerminal { for b in 0..<B { for j in 0..<dx { ws.z[(T * B + b) * d + j] = Float(p[j]) } } }
        // Decision vector: free states (t = 1 … T or T−1), then actions; both time-major.
        let freeT = config.pinnedTerminal == nil ? T : T - 1
        let nx = freeT * B * dx, nu = T * B * du
        var v = [Float](repeating: 0, count: nx + nu), grad = v
        func pack() { for t in 0..<freeT { for b in 0..<B { for j in 0..<dx { v[(t * B + b) * dx + j] = ws.z[((t + 1) * B + b) * d + j] } } }
                      for r in 0..<(T * B) { for j in 0..<du { v[nx + r * du + j] = ws.z[r * d + dx + j] } } }
        func unpack() { for t in 0..<freeT { for b in 0..<B { for j in 0..<dx { ws.z[((t + 1) * B + b) * d + j] = v[(t * B + b) * dx + j] } } }
                        for r in 0..<(T * B) { for j in 0..<du { ws.z[r * d + dx + j] = v[nx + r * du + j] } } }
        pack()
        let opt = FlatOptimizer(cfg.optimizer, learningRate: cfg.learningRate, count: nx + nu)
        var trace = PlanTrace(), best = v, interrupted = false
        for k in 0..<K {
            if Cancellation.isRequested { interrupted = true; break }
            unpack()
            let level = score.map { cfg.anneal.level(iteration: k, of: K, levels: $0.levels) } ?? -1
            let betaK = cosineBeta(iteration: k, of: K, beta: cfg.beta, betaMin: cfg.betaMin ?? cfg.beta)
            try ws.evaluateCost(cost, gradient: true, scale: 1 / Float(B), iteration: k)
            var objective = ws.meanCost, penNorm = 0.0
            if let s = score, betaK != 0 { let (o, p) = try addScorePenalty(s, level: level, beta: betaK, batch: B, iteration: k); objective += o; penNorm = p }
            if let m = dynamics, config.defectWeight > 0 { objective += try addDefect(m, batch: B, iteration: k) }
            for t in 0..<freeT { for b in 0..<B { for j in 0..<dx { grad[(t * B + b) * dx + j] = ws.g[((t + 1) * B + b) * d + j] } } }
            for r in 0..<(T * B) { for j in 0..<du { grad[nx + r * du + j] = ws.g[r * d + dx + j] } }
            let g2 = grad.reduce(0.0) { $0 + Double($1 * $1) }
            guard g2.isFinite, objective.isFinite else { throw PlanningError.nonFinite(quantity: "gradient", iteration: k) }
            trace.record(cost: ws.meanCost, objective: objective, penaltyNorm: penNorm, gradNorm: g2.squareRoot(), level: level, beta: betaK)
            if ws.meanCost < trace.bestCost { trace.bestCost = ws.meanCost; trace.bestIteration = k; best = v }
            v.withUnsafeMutableBufferPointer { vp in grad.withUnsafeBufferPointer { gp in
                guard let vb = vp.baseAddress, let gb = gp.baseAddress else { return }
                opt.update(vb, grad: gb, count: nx + nu)
                cfg.bounds?.clamp(vb + nx, rows: T * B, du: du, ld: du)
            } }
            ProgressSink.report(ProgressEvent(task: cfg.progressTask, done: k + 1, total: K, metrics: [("cost", ws.meanCost), ("beta", betaK)]))
        }
        if K > 0 { ProgressSink.done(cfg.progressTask) }
        swap(&v, &best); unpack(); let bestTensor = ws.actionsTensor(); swap(&v, &best)
        unpack()
        try ws.evaluateCost(cost, gradient: false, scale: 1, iteration: K)
        var out = PlanResult(actions: ws.actionsTensor(), states: ws.statesTensor(), finalCost: ws.meanCost, trajectoryCosts: ws.costs)
        trace.fill(&out)
        out.bestActions = bestTensor
        out.interrupted = interrupted
        out.wallTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return out
    }

    /// −w·s on rows (x_t, u_t, x_{t+1}), w = β [σ²] / B, scattered to the three parts. Returns (objective term, ‖w s‖).
    func addScorePenalty(_ s: ScoreField, level: Int, beta: Double, batch B: Int, iteration: Int) throws -> (Double, Double) {
        let dx = stateDim, du = actionDim, d = dx + du, T = horizon, e = 2 * dx + du, rows = T * B
        let sigma = s.sigmas[level], w = beta * (config.sigma2Weighted ? sigma * sigma : 1) / Double(B)
        let zx = xuxBuf.reserve(rows * e), sp = sBuf.reserve(rows * e)
        for r in 0..<rows {
            (zx + r * e).update(from: ws.z + r * d, count: d)
            (zx + r * e + d).update(from: ws.z + (r + B) * d, count: dx)
        }
        try s.scoreRows(rows: rows, z: zx, ldz: e, level: level, out: sp)
        let wf = Float(w)
        var dot = 0.0, n2 = 0.0
        for r in 0..<rows {
            let srow = sp + r * e, zrow = zx + r * e
            for j in 0..<e { dot += Double(srow[j] * zrow[j]); n2 += Double(srow[j] * srow[j]) }
            for j in 0..<d { ws.g[r * d + j] -= wf * srow[j] }
            for j in 0..<dx { ws.g[(r + B) * d + j] -= wf * srow[d + j] }
        }
        guard dot.isFinite else { throw PlanningError.nonFinite(quantity: "score", iteration: iteration) }
        return (-w * dot, w * n2.squareRoot())
    }

    /// α Σ_t ‖f̂(x_t, u_t) − x_{t+1}‖² / B: one horizon-1 rollout of all T·B rows, its backward, and the x_{t+1} part.
    func addDefect(_ m: RolloutDynamics, batch B: Int, iteration: Int) throws -> Double {
        let dx = stateDim, d = dx + actionDim, T = horizon, rows = T * B
        let alpha = config.defectWeight, scale = Float(2 * alpha / Double(B))
        defectWs.prepare(batch: rows, horizon: 1)
        defectWs.z.update(from: ws.z, count: rows * d)
        try m.rollout(z: defectWs.z, batch: rows, horizon: 1, keepCache: true)
        defectWs.g.update(repeating: 0, count: 2 * rows * d)
        var total = 0.0
        for r in 0..<rows {
            let pred = defectWs.z + (rows + r) * d, next = ws.z + (r + B) * d, gp = defectWs.g + (rows + r) * d
            for j in 0..<dx { let e = pred[j] - next[j]; total += Double(e * e); gp[j] = scale * e; ws.g[(r + B) * d + j] -= scale * e }
        }
        try m.backward(z: defectWs.z, g: defectWs.g, batch: rows, horizon: 1)
        for i in 0..<(rows * d) { ws.g[i] += defectWs.g[i] }
        guard total.isFinite else { throw PlanningError.nonFinite(quantity: "model defect", iteration: iteration) }
        return alpha * total / Double(B)
    }
}
