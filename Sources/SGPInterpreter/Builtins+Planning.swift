import SGPEnvs
import SGPPlanning
import SGPTensor

extension BuiltinRegistry {
    /// Planner selectors (`cem`, `mppi`, `dirtran`; `grad` is the autodiff builtin), `plan` and `mpc`.
    func registerPlanning() {
        for (name, what) in [("cem", "the cross-entropy method (sampling; elites refit a Gaussian over action sequences)"),
                             ("mppi", "model-predictive path integral control (sampling; exponentially weighted average)"),
                             ("dirtran", "direct transcription (states and actions are decision variables; (x, u, x') score and/or model-defect penalty)")] {
            add(name, "planning", [], "A planner selector: pass it to plan(\(name), ...) or mpc(env, \(name), ...) for \(what).",
                example: "p = plan(\(name), dynamics=true_dynamics(integrator(dim=2)), cost=(x, u) -> sum(x * x, axis=[1, 2]), x0=[1, 1], horizon=10, iters=20)") { _, _ in
                throw RuntimeError("'\(name)' is a planner selector, not a function: use plan(\(name), dynamics=..., cost=..., x0=...)")
            }
        }
        add("plan", "planning", [.req("method", "grad, cem, mppi or dirtran")] + planParams + [.opt("x0", "tensor [dx] or [B, dx]", .nil)],
            "Plans actions from x0 by minimising cost(x, u) (+ terminal(xT)) over the horizon through `dynamics`, optionally penalised by a score: SGP (grad + score), the ensemble baseline (grad + ensemble model), CEM, MPPI or direct transcription. cost receives whole trajectories x [B, T, dx] (x_0 … x_{T−1}) and u [B, T, du] and returns [B] or [B, T]. See docs/PLANNING.md.",
            example: "env = integrator(dim=2)\np = plan(grad, dynamics=true_dynamics(env), cost=(x, u) -> sum((x - 1) ^ 2, axis=[1, 2]) + 0.1 * sum(u * u, axis=[1, 2]), x0=[0, 0], horizon=10, iters=50, lr=0.05, env=env)\nprint(p.cost)") { a, ctx in
            let x0v = a["x0"]
            guard !x0v.isNil else { throw RuntimeError("missing argument 'x0' to 'plan'", help: "give the initial state, e.g. x0=reset(env, seed=0)") }
            let x0 = try a.tensor("x0").detached().to(.float32)
            let batch = x0.rank == 2 ? x0.shape[0] : 1
            if let t = try a.optionalInt("horizon"), Double(batch) * Double(max(t, 0)) > 1e8 {
                throw RuntimeError("x0 batch × horizon = \(batch) × \(t) is over the limit of 10⁸ planned steps")
            }
            let method = try plannerName(a["method"])
            let spec = try PlanSpec(a, method: method, x0Dim: x0.shape.last, ctx)
            let planner = try spec.makePlanner()
            let result = try planner.plan(x0: x0, initialActions: spec.initialActions)
            if result.interrupted { ctx.print("plan: interrupted after \(result.iterations) iterations; returning the best plan so far") }
            return .opaque(PlanValue(result, method: spec.label, single: x0.rank == 1))
        }
        add("mpc", "planning", [.req("env", "environment"), .req("method", "grad, cem, mppi or dirtran"),
                                .opt("steps", "integer: environment steps", .int(50)), .opt("warm_start", "bool", .bool(true))] + planParams.filter { $0.name != "env" },
            "Model-predictive control on the true system: at each step plan from the measured state (fresh optimiser and schedules, warm-started from the previous plan shifted by one), apply the first action, repeat. Returns {states, actions, rewards, total_reward, latency_p50, latency_p95, model_gap}; plot(r) shows rewards and model gap.",
            example: "env = integrator(dim=2)\nr = mpc(env, grad, dynamics=true_dynamics(env), cost=(x, u) -> sum(x * x, axis=[1, 2]), horizon=8, iters=20, lr=0.05, steps=5, seed=0)\nprint(r.total_reward)") { a, ctx in
            let env = try a.environment("env")
            let method = try plannerName(a["method"])
            let spec = try PlanSpec(a, method: method, x0Dim: env.stateDim, ctx, env: env)
            let planner = try spec.makePlanner()
            var cfg = MPCConfig(steps: try a.count("steps", max: 1_000_000))
            guard cfg.steps >= 1 else { throw RuntimeError("argument 'steps' to 'mpc' must be at least 1, got \(cfg.steps)") }
            cfg.warmStart = try a.bool("warm_start")
            cfg.seed = try seedArgument(a, "seed", stream: "env", ctx)
            let r = try MPC.run(plant: EnvironmentPlant(env), planner: planner, config: cfg)
            if r.interrupted { ctx.print("mpc: interrupted after \(r.actions.count) steps") }
            return .opaque(MPCValue(r, method: spec.label, envName: env.name))
        }
    }

    /// Keywords shared by `plan` and `mpc` (all declared, so misspellings get "did you mean").
    var planParams: [BuiltinParam] {
        [
            .opt("dynamics", "trained model, ensemble, true_dynamics(env) or function f(x, u)", .nil),
            .opt("cost", "function cost(x [B,T,dx], u [B,T,du]) -> [B] or [B,T]", .nil),
            .opt("terminal", "function terminal(xT [B,dx]) -> [B]", .nil),
            .opt("horizon", "integer T (default: from init)", .nil), .opt("iters", "integer K", .int(100)),
            .opt("lr", "number (grad, dirtran)", .number(0.01)), .opt("beta", "penalty weight", .number(0)),
            .opt("beta_min", "final β of the cosine β schedule (nil: constant)", .nil),
            .opt("score", "score model, data_score(...) or smoothed_distance(...)", .nil),
            .opt("anneal", "\"paper\", a level, or a list of levels per iteration", .string("paper")),
            .opt("sigma2", "bool: weight the score penalty by σ² (default false for grad, true for dirtran)", .nil),
            .opt("bounds", "[low, high] (numbers or [du] lists); default: env's action box when env= is given", .nil),
            .opt("squash", "clamp or tanh", .string("clamp")), .opt("init", "initial actions [T, du] or [B, T, du]", .nil),
            .opt("score_terminal", "bool: also score (x_T, u_{T-1})", .bool(false)),
            .opt("seed", "integer (default: the run's \"planner\" stream)", .nil),
            .opt("env", "environment: default bounds (plan) ", .nil),
            .opt("optimizer", "adam or sgd (grad, dirtran)", .string("adam")),
            .opt("population", "samples per iteration (cem, mppi)", .int(256)), .opt("elites", "cem elites", .int(32)),
            .opt("momentum", "cem: weight of the old mean/std", .number(0.1)),
            .opt("std", "initial sampling std (cem, mppi)", .number(0.5)), .opt("noise", "mppi: sampling std (alias of std)", .nil),
            .opt("temperature", "mppi λ", .number(1)), .opt("smoothing", "mppi: action smoothing in [0, 1)", .number(0)),
            .opt("penalty", "\"score\", \"variance\", \"distance\" or nil (default: from score=/ensemble)", .nil),
            .opt("ensemble_var", "\"cost\" (Var of costs) or \"state\" (state disagreement)", .string("cost")),
            .opt("defect", "dirtran: weight of the model defect ‖x_{t+1} − f(x_t, u_t)‖²", .number(10)),
            .opt("goal", "dirtran: pin x_T to this state", .nil),
            .opt("threads", "worker threads of the fused rollout and score (rows split in blocks)", .int(1)),
            .opt("action_dim", "integer: action width for a dynamics function when env=/init=/bounds don't say", .nil),
        ]
    }
}

/// The planner chosen by `plan`'s first argument: `grad` (the autodiff builtin, by identity), `cem`, `mppi`,
/// `dirtran` (the selector builtins) or their names as strings.
func plannerName(_ v: Value) throws -> String {
    let known = ["grad", "cem", "mppi", "dirtran"]
    switch v {
    case .builtin(let b) where (b.name == "grad" && b.category == "autodiff") || (b.category == "planning" && known.contains(b.name)):
        return b.name
    case .string(let s) where known.contains(s): return s
    case .string(let s):
        throw RuntimeError("unknown planner \"\(s)\"", help: didYouMean(s, known) ?? "use grad, cem, mppi or dirtran")
    default:
        throw RuntimeError("the first argument to 'plan' must be a planner: grad, cem, mppi or dirtran, got \(v.typeName)")
    }
}
