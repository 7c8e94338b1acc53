import SGPEnvs
import SGPPlanning
import SGPTensor

/// `plan`/`mpc` keyword arguments resolved into one of the SGPPlanning planners.
struct PlanSpec {
    let method: String
    let dynamics: ResolvedDynamics
    let cost: ClosureCost
    var score: ScoreField?
    var distance: DistanceField?
    let grad: GradPlannerConfig
    let sampling: SamplingPlannerConfig
    let initialActions: Tensor?
    let penalty: String?
    let ensembleVar: EnsembleGradPlanner.Penalty
    let sigma2: Bool?
    let defect: Double
    let goal: [Double]?
    let stateDim: Int, actionDim: Int

    /// What the plan value calls the method.
    var label: String {
        if !dynamics.members.isEmpty, method == "grad" { return "grad (ensemble)" }
        if method == "grad", score != nil, grad.beta > 0 { return "grad (score-guided)" }
        return method
    }

    init(_ a: Arguments, method: String, x0Dim: Int?, _ ctx: CallContext, env: (any Environment)? = nil) throws {
        self.method = method
        var envArg = env
        if envArg == nil, case .opaque(let e as EnvironmentValue) = a["env"] { envArg = e.environment }
        else if envArg == nil, !a["env"].isNil { throw RuntimeError("argument 'env' to 'plan' must be an environment, got \(a["env"].typeName)") }
        let initT: Tensor? = a["init"].isNil ? nil : try a.tensor("init").detached().to(.float32)
        initialActions = initT
        // Widths: from the dynamics value when it knows them, else x0 / init / env.
        var du: Int? = try a.optionalInt("action_dim") ?? envArg?.actionDim ?? initT.flatMap { $0.rank >= 2 ? $0.shape[$0.rank - 1] : nil }
        if du == nil, let b = try a["bounds"].asTensor(), b.rank == 2, b.shape[0] == 2 { du = b.shape[1] }
        guard !a["dynamics"].isNil else { throw RuntimeError("missing argument 'dynamics' to '\(a.owner)'", help: "e.g. dynamics=true_dynamics(env) or a trained model") }
        dynamics = try PlanAdapters.dynamics(a["dynamics"], stateDim: x0Dim, actionDim: du, ctx)
        let threads = try a.int("threads")
        guard threads >= 1, threads <= 64 else { throw RuntimeError("argument 'threads' to '\(a.owner)' must be in 1...64, got \(threads)") }
        for d in [dynamics.main] + dynamics.members { (d as? MLPDynamics)?.threads = threads }
        stateDim = dynamics.main.stateDim; actionDim = dynamics.main.actionDim
        if let e = envArg, e.stateDim != stateDim || e.actionDim != actionDim {
            throw RuntimeError("env \(e.name) has state \(e.stateDim) and action \(e.actionDim), but the dynamics map x \(stateDim), u \(actionDim)")
        }
        cost = try PlanAdapters.cost(a["cost"], terminal: a["terminal"], stateDim: stateDim, ctx)

        // Score / distance.
        switch a["score"] {
        case .opaque(let d as SmoothedDistanceValue): score = nil; distance = d.oracle
        case .opaque(let e as ExactScoreValue): score = e.oracle; distance = e.oracle
        default: score = try PlanAdapters.score(a["score"]); distance = nil
        }
        (score as? MLPScore)?.threads = threads
        if let sc = score, method != "dirtran", sc.dim == stateDim, actionDim > 0 {
            score = StateOnlyScore(sc, actionDim: actionDim)  // a state-only score (on="x") penalises x_t alone
        }
        if let ds = distance, method != "dirtran", ds.dim == stateDim, actionDim > 0 {
            distance = StateOnlyDistance(inner: ds, actionDim: actionDim)
        }
        let width = score?.dim ?? distance?.dim
        if let w = width, method != "dirtran", w != stateDim + actionDim {
            throw RuntimeError("the score has dimension \(w), but plan scores rows [x, u] of width \(stateDim + actionDim)",
                               help: w == 2 * stateDim + actionDim ? "an (x, u, x') score is for dirtran" : "train it with on=\"xu\"")
        }

        // Horizon and shared settings.
        var horizon = try a.optionalInt("horizon")
        if horizon == nil, let t = initT, t.rank >= 2 { horizon = t.shape[t.rank - 2] }
        guard let T = horizon else { throw RuntimeError("missing argument 'horizon' to '\(a.owner)'", help: "e.g. horizon=20") }
        guard T >= 1, T <= 100_000 else { throw RuntimeError("argument 'horizon' to '\(a.owner)' must be in 1...100000, got \(T)") }
        let K = try a.int("iters")
        guard K >= 0, K <= 1_000_000 else { throw RuntimeError("argument 'iters' to '\(a.owner)' must be in 0...1000000, got \(K)") }
        let bounds = try PlanAdapters.bounds(a["bounds"], squash: try a.string("squash"), actionDim: actionDim,
                                             env: envArg ?? dynamics.environment)
        var g = GradPlannerConfig(horizon: T, iterations: K)
        g.learningRate = try a.number("lr")
        g.beta = try a.number("beta")
        g.betaMin = try a.optionalNumber("beta_min")
        g.anneal = try PlanAdapters.anneal(a["anneal"])
        sigma2 = a["sigma2"].isNil ? nil : try a.bool("sigma2")
        g.sigma2Weighted = sigma2 ?? false
        g.bounds = bounds
        g.scoreTerminal = try a.bool("score_terminal")
        switch try a.string("optimizer") {
        case "adam": g.optimizer = .adamDefault
        case "sgd", "gd": g.optimizer = .gradientDescent
        case let o: throw RuntimeError("argument 'optimizer' to '\(a.owner)' must be \"adam\" or \"sgd\", got \"\(o)\"")
        }
        grad = g
        var s = SamplingPlannerConfig(horizon: T, iterations: K)
        s.population = try a.count("population", max: 1 << 20); s.elites = try a.count("elites", max: 1 << 20)
        guard Double(s.population) * Double(T) <= 1e8 else {
            throw RuntimeError("population × horizon = \(s.population) × \(T) is over the limit of 10⁸ sampled steps per iteration")
        }
        s.momentum = try a.number("momentum")
        s.initialStd = a["noise"].isNil ? try a.number("std") : try a.number("noise")
        s.temperature = try a.number("temperature"); s.smoothing = try a.number("smoothing")
        s.bounds = bounds
        s.seed = try seedArgument(a, "seed", stream: "planner", ctx)
        sampling = s
        penalty = a["penalty"].isNil ? nil : try a.string("penalty")
        if let p = penalty, !["score", "variance", "distance"].contains(p) {
            throw RuntimeError("argument 'penalty' to '\(a.owner)' must be \"score\", \"variance\", \"distance\" or nil, got \"\(p)\"",
                               help: didYouMean(p, ["score", "variance", "distance"]))
        }
        switch try a.string("ensemble_var") {
        case "cost": ensembleVar = .costVariance
        case "state": ensembleVar = .stateDisagreement
        case let v: throw RuntimeError("argument 'ensemble_var' to '\(a.owner)' must be \"cost\" or \"state\", got \"\(v)\"")
        }
        defect = try a.number("defect")
        goal = a["goal"].isNil ? nil : try a.tensor("goal").scalars
    }

    /// The planner for `method`.
    func makePlanner() throws -> Planner {
        let ensemble = dynamics.members
        switch method {
        case "grad":
            if ensemble.count > 1, penalty != "score" {
                guard score == nil else { throw RuntimeError("plan: give an ensemble (uncertainty penalty) or a score, not both; use penalty=\"score\" to plan through the ensemble mean") }
                return try EnsembleGradPlanner(members: ensemble, cost: cost, penalty: ensembleVar, config: grad)
            }
            if penalty == "variance" { throw RuntimeError("plan: penalty=\"variance\" needs an ensemble model (train_dynamics(..., ensemble=5))") }
            if score == nil, grad.beta > 0, distance != nil {
                throw RuntimeError("plan(grad): a smoothed distance gives no gradients; pass data_score(...) or a score model as score=")
            }
            return try GradPlanner(dynamics: dynamics.main, score: score, cost: cost, config: grad)
        case "cem", "mppi":
            var pen: SamplingPenalty?
            if ensemble.count > 1, penalty != "distance", penalty != "score" {
                pen = grad.beta > 0 ? .ensembleVariance(ensemble, beta: grad.beta) : nil
            } else if grad.beta > 0 {
                guard let d = distance else {
                    throw RuntimeError("plan(\(method)): the penalty needs a distance: pass score=data_score(...) or smoothed_distance(...); a learned score gives only gradients")
                }
                pen = .distance(d, beta: grad.beta, level: nil)
            }
            let dyn = ensemble.first ?? dynamics.main
            return method == "cem" ? try CEMPlanner(dynamics: dyn, cost: cost, penalty: pen, config: sampling)
                                   : try MPPIPlanner(dynamics: dyn, cost: cost, penalty: pen, config: sampling)
        default:
            var c = DirectTranscription.Config(base: grad)
            c.sigma2Weighted = sigma2 ?? true
            c.defectWeight = defect
            c.pinnedTerminal = goal
            return try DirectTranscription(stateDim: stateDim, actionDim: actionDim, score: score, dynamics: dynamics.main,
                                           cost: cost, config: c)
        }
    }
}
