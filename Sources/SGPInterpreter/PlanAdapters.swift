import SGPEnvs
import SGPNN
import SGPPlanning
import SGPTensor

/// How `plan`'s `dynamics=` was resolved: one rollout engine, or an ensemble's members (each its own instance).
struct ResolvedDynamics {
    /// The engine planners roll out (for an ensemble: the ensemble mean through the tape).
    var main: RolloutDynamics
    /// Fused engines per ensemble member (empty unless the model is an ensemble).
    var members: [RolloutDynamics] = []
    /// The environment behind `true_dynamics`, for default bounds.
    var environment: (any Environment)?
}

enum PlanAdapters {
    /// The planners' engine for a dynamics value: a trained model (fused MLP rollout with the normaliser folded
    /// in), an ensemble, `true_dynamics(env)` (tape), or any language function f(x, u) (tape, one call per step on
    /// the whole batch).
    static func dynamics(_ v: Value, stateDim: Int?, actionDim: Int?, _ ctx: CallContext) throws -> ResolvedDynamics {
        switch v {
        case .opaque(let m as DynamicsModelValue):
            let model = m.model
            let fused = try model.members.map { try fusedMember($0, model) }
            if fused.count == 1 { return ResolvedDynamics(main: fused[0]) }
            let mean = try TapeDynamics(stateDim: model.stateDim, actionDim: model.actionDim) { x, u in try model(x, u) }
            return ResolvedDynamics(main: mean, members: fused)
        case .opaque(let t as TrueDynamicsValue):
            let e = t.environment
            return ResolvedDynamics(main: try TapeDynamics(stateDim: e.stateDim, actionDim: e.actionDim) { x, u in
                try e.trueDynamics(x: x, u: u)
            }, environment: e)
        case .opaque(let e as EnvironmentValue):
            if e.environment is MuJoCoEnv { throw RuntimeError(EnvError.notDifferentiable(env: e.environment.name).description) }
            return try dynamics(.opaque(TrueDynamicsValue(e.environment)), stateDim: stateDim, actionDim: actionDim, ctx)
        case .function, .builtin, .opaque:
            guard let dx = stateDim, let du = actionDim else {
                throw RuntimeError("plan: a dynamics function needs the state and action widths; give x0= and one of env=, init=, action_dim= or per-dimension bounds=")
            }
            return ResolvedDynamics(main: try TapeDynamics(stateDim: dx, actionDim: du) { x, u in
                let out = try callDeferringCancel(ctx, v, [.tensor(x), .tensor(u)])
                guard case .tensor(let y) = out else {
                    throw RuntimeError("plan: dynamics must return a tensor [B, \(dx)], got \(out.typeName)")
                }
                guard y.shape == [x.shape[0], dx] else {
                    throw RuntimeError("plan: dynamics returned shape \(y.shape) for x \(x.shape) and u \(u.shape), expected [\(x.shape[0]), \(dx)]")
                }
                return y
            })
        default:
            throw RuntimeError("argument 'dynamics' to 'plan' must be a trained model, true_dynamics(env) or a function f(x, u), got \(v.typeName)")
        }
    }

    /// One member as the fused engine: the normaliser (x̄ = (x − b)/k) folded into the first and last layers.
    static func fusedMember(_ net: Network, _ m: DynamicsModel) throws -> RolloutDynamics {
        let dx = m.stateDim, du = m.actionDim, n = m.normalizer
        guard let stack = try? net.denseStack() else {
            // LayerNorm networks have no fused rollout: go through the tape.
            let one = try DynamicsModel(members: [net], normalizer: n, stateDim: dx, actionDim: du)
            return try TapeDynamics(stateDim: dx, actionDim: du) { x, u in try one(x, u) }
        }
        let k = n.scale.map(Double.init), b = n.shift.map(Double.init)
        return try MLPDynamics(net: stack, stateDim: dx, actionDim: du, residual: true,
                               stateScale: Array(k[0..<dx]), stateOffset: Array(b[0..<dx]),
                               actionScale: Array(k[dx...]), actionOffset: Array(b[dx...]))
    }

    /// A language cost `cost(x [B, T, dx], u [B, T, du])` → [B] or [B, T], plus `terminal(x_T [B, dx])` → [B], as a
    /// tape-differentiated trajectory cost evaluated once per iteration on the whole batch.
    static func cost(_ cost: Value, terminal: Value, stateDim dx: Int, _ ctx: CallContext) throws -> ClosureCost {
        if cost.isNil && terminal.isNil { throw RuntimeError("plan: give cost= (a function cost(x, u)) and/or terminal= (terminal(xT))") }
        return ClosureCost { states, actions in
            let b = states.shape[0], t = actions.shape[1]
            var total: Tensor?
            if !cost.isNil {
                let x = try states.slice([.all, .range(start: 0, stop: t, step: nil), .all])
                let out = try callDeferringCancel(ctx, cost, [.tensor(x), .tensor(actions)])
                var c: Tensor
                switch out {
                case .tensor(let ct): c = ct
                case .number(let d) where b == 1: c = Tensor(scalar: d)
                default: throw RuntimeError("cost must return a tensor [\(b)] or [\(b), \(t)], got \(out.typeName)")
                }
                if c.shape == [b, t] { c = try c.sum(axes: [1]) }
                else if c.count == 1, b == 1 { c = try c.reshaped([1]) }
                guard c.shape == [b] else {
                    throw RuntimeError("cost returned shape \(c.shape) for x \(x.shape) and u \(actions.shape), expected [\(b)] or [\(b), \(t)]",
                                       help: "reduce over the trailing axes, e.g. sum(x * x, axis=[1, 2])")
                }
                total = c
            }
            if !terminal.isNil {
                let xt = try states.slice([.all, .index(t), .all])
                let out = try callDeferringCancel(ctx, terminal, [.tensor(xt)])
                guard case .tensor(var c) = out else { throw RuntimeError("terminal must return a tensor [\(b)], got \(out.typeName)") }
                if c.count == 1, b == 1, c.shape != [1] { c = try c.reshaped([1]) }
                guard c.shape == [b] else {
                    throw RuntimeError("terminal returned shape \(c.shape) for xT \(xt.shape), expected [\(b)]",
                                       help: "reduce over the state axis, e.g. sum(xT * xT, axis=1)")
                }
                total = try total.map { try $0 + c } ?? c
            }
            guard let result = total else { throw RuntimeError("plan: no cost") }
            return result
        }
    }

    /// The planners' score field: a learned score model or an exact data score.
    static func score(_ v: Value) throws -> ScoreField? {
        switch v {
        case .nil: return nil
        case .opaque(let s as ScoreModelValue):
            // A plain MLP score (one σ) runs on the fused pointer path with the normaliser folded in; the
            // noise-conditioned net goes through the model.
            let m = s.model
            if let stack = try? m.network.denseStack() {
                return try MLPScore(net: stack, sigmas: m.sigmas, scale: m.normalizer.scale.map(Double.init),
                                    offset: m.normalizer.shift.map(Double.init))
            }
            return s
        case .opaque(let s as ExactScoreValue): return s.oracle
        default: throw RuntimeError("argument 'score' to 'plan' must be a score model (train_score) or data_score(...), got \(v.typeName)")
        }
    }

    /// `bounds=[low, high]` (numbers or [du] lists), else the environment's action box, else none.
    static func bounds(_ v: Value, squash: String, actionDim du: Int, env: (any Environment)?) throws -> ActionBounds? {
        let mode: ActionBounds.Mode
        switch squash {
        case "clamp": mode = .clamp
        case "tanh": mode = .tanh
        default: throw RuntimeError("argument 'squash' to 'plan' must be \"clamp\" or \"tanh\", got \"\(squash)\"")
        }
        func widths(_ x: Value, _ what: String) throws -> [Double] {
            guard let t = try x.asTensor(), t.rank <= 1 else { throw RuntimeError("bounds: \(what) must be a number or a list of \(du) numbers, got \(x.typeName)") }
            if t.count == 1 { return [Double](repeating: t.scalar(at: 0), count: du) }
            guard t.count == du else { throw RuntimeError("bounds: \(what) has \(t.count) entries, expected \(du) (the action width)") }
            return t.scalars
        }
        if case .list(let l) = v {
            guard l.items.count == 2 else { throw RuntimeError("argument 'bounds' to 'plan' must be [low, high], got a list of \(l.items.count)") }
            return try ActionBounds(low: try widths(l.items[0], "low"), high: try widths(l.items[1], "high"), mode: mode)
        }
        if case .tensor(let t) = v {
            // [low, high] of numbers or of [du] rows arrive as one tensor [2] or [2, du].
            guard t.shape.first == 2, t.rank <= 2 else { throw RuntimeError("argument 'bounds' to 'plan' must be [low, high], got a tensor of shape \(t.shape)") }
            let rows = try (0..<2).map { i in try t.slice([.index(i)]) }
            return try ActionBounds(low: try widths(.tensor(rows[0]), "low"), high: try widths(.tensor(rows[1]), "high"), mode: mode)
        }
        guard v.isNil else { throw RuntimeError("argument 'bounds' to 'plan' must be [low, high] or nil, got \(v.typeName)") }
        guard let e = env else { return nil }
        return try ActionBounds(low: e.actionLow, high: e.actionHigh, mode: mode)
    }

    /// `anneal="paper"` (idx(k) = round(L·k/(K+1) − 0.5)), an integer level, or a list of levels per iteration.
    static func anneal(_ v: Value) throws -> SigmaSchedule {
        switch v {
        case .string(let s):
            switch s {
            case "paper", "anneal": return .anneal
            default: throw RuntimeError("argument 'anneal' to 'plan' must be \"paper\", a level or a list of levels, got \"\(s)\"",
                                        help: didYouMean(s, ["paper"]))
            }
        case .number(let d) where d == d.rounded() && d >= 0 && d < 1e6: return .fixed(Int(d))
        case .list, .tensor:
            guard let t = try v.asTensor(), t.rank == 1, t.count > 0 else { throw RuntimeError("anneal: give a non-empty list of levels") }
            return .levels(try t.scalars.map { d in
                guard d == d.rounded(), d >= 0, d < 1e6 else { throw RuntimeError("anneal: levels must be non-negative integers, got \(formatNumber(d))") }
                return Int(d)
            })
        default: throw RuntimeError("argument 'anneal' to 'plan' must be \"paper\", a level or a list of levels, got \(v.typeName)")
        }
    }
}

/// A score of states only (`on="x"`) used on rows (x, u): the action part of the score is zero.
final class StateOnlyScore: ScoreField {
    let inner: ScoreField
    let actionDim: Int
    init(_ inner: ScoreField, actionDim: Int) { self.inner = inner; self.actionDim = actionDim }
    var dim: Int { inner.dim + actionDim }
    var levels: Int { inner.levels }
    var sigmas: [Double] { inner.sigmas }
    func score(_ z: Tensor, level: Int) throws -> Tensor {
        let n = z.shape[0], dx = inner.dim
        let zf = z.dtype == .float32 ? z : z.detached().to(.float32), d = dim
        let x = Tensor.uninitialized([n, dx])
        for r in 0..<n { (x.storage.f32 + r * dx).update(from: zf.storage.f32 + r * d, count: dx) }
        let sx = try inner.score(x, level: level).to(.float32)
        let out = Tensor.zeros([n, dim])
        for r in 0..<n { (out.storage.f32 + r * dim).update(from: sx.storage.f32 + r * dx, count: dx) }
        return out
    }
}

/// A smoothed distance of states only used on rows (x, u) by CEM/MPPI: d(x_t) ignores the action columns.
struct StateOnlyDistance: DistanceField {
    let inner: DistanceField
    let actionDim: Int
    var dim: Int { inner.dim + actionDim }
    var levels: Int { inner.levels }
    func distance(_ z: Tensor, level: Int) throws -> Tensor {
        let n = z.shape[0], dx = inner.dim, d = dim
        let zf = z.dtype == .float32 ? z : z.detached().to(.float32)
        let x = Tensor.uninitialized([n, dx])
        for r in 0..<n { (x.storage.f32 + r * dx).update(from: zf.storage.f32 + r * d, count: dx) }
        return try inner.distance(x, level: level)
    }
}

/// Calls a language function from inside a planner. A pending Ctrl-C is held back during the call (the
/// interpreter would abort the call) and restored afterwards: the planner itself stops at the next iteration
/// boundary and returns the plan so far.
func callDeferringCancel(_ ctx: CallContext, _ f: Value, _ args: [Value]) throws -> Value {
    let pending = Cancellation.isRequested
    if pending { Cancellation.reset() }
    defer { if pending || Cancellation.isRequested { Cancellation.request() } }
    return try ctx.call(f, args)
}

/// An environment as MPC's plant.
final class EnvironmentPlant: Plant {
    let env: any Environment
    init(_ env: any Environment) { self.env = env }
    var stateDim: Int { env.stateDim }
    var actionDim: Int { env.actionDim }
    func reset(seed: UInt64) throws -> [Double] { env.reset(seed: seed) }
    func step(_ u: [Double]) throws -> (next: [Double], reward: Double, terminated: Bool, truncated: Bool) {
        let r = try env.step(u)
        return (r.next, r.reward, r.terminated, r.truncated)
    }
}
