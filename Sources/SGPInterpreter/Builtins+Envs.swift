import SGPEnvs
import SGPTensor

extension BuiltinRegistry {
    /// Environment constructors, `reset`, `step`, `true_dynamics`, `rollout` and `d4rl_score`.
    func registerEnvs() {
        registerEnvConstructors()
        add("reset", "environments", [.req("env", "environment"), .opt("seed", "integer (default: from the run seed)", .nil),
                                      .opt("state", "tensor [dx] (compiled systems only)", .nil)],
            "Starts an episode and returns the state [dx]: drawn from the initial distribution with `seed` (default: the run's \"env\" stream), or exactly `state` when given.",
            example: "env = pendulum()\nx = reset(env, seed=1)\nx = reset(env, state=[0, 0])") { a, ctx in
            let env = try a.environment("env")
            if !a["state"].isNil {
                let s = try a.tensor("state").scalars
                guard let b = env as? BuiltinEnvironment else {
                    throw RuntimeError("reset: state= is not supported for \(env.name) (MuJoCo); reset with a seed instead")
                }
                try b.reset(to: s)
                return .tensor(Tensor(b.state))
            }
            return .tensor(Tensor(env.reset(seed: try seedArgument(a, "seed", stream: "env", ctx))))
        }
        add("step", "environments", [.req("env", "environment"), .req("u", "tensor [du]")],
            "Applies action `u` for one step; returns {next, reward, terminated, truncated}. Actions are applied as given (no clipping, except MuJoCo's control range).",
            example: "env = pendulum()\nreset(env, seed=0)\nr = step(env, [1.0])\nprint(r.reward)") { a, _ in
            let env = try a.environment("env")
            let u = try a.tensor("u")
            guard u.rank <= 1 else { throw RuntimeError("step: u must be a vector [\(env.actionDim)] for \(env.name), got shape \(u.shape)") }
            let r = try env.step(u.scalars)
            return .makeRecord([("next", .tensor(Tensor(r.next))), ("reward", .number(r.reward)),
                                ("terminated", .bool(r.terminated)), ("truncated", .bool(r.truncated))])
        }
        add("true_dynamics", "environments", [.req("env", "environment")],
            "The system's exact model as a callable f(x, u) -> x' on batches (x [..., dx], u [..., du]), differentiable; pass it as `dynamics=` to a planner. Not available for MuJoCo systems.",
            example: "f = true_dynamics(cartpole())\nxn = f(zeros([8, 4]), zeros([8, 1]))") { a, _ in
            let env = try a.environment("env")
            if env is MuJoCoEnv { throw RuntimeError(EnvError.notDifferentiable(env: env.name).description) }
            return .opaque(TrueDynamicsValue(env))
        }
        add("rollout", "environments", [.req("env", "environment"), .req("actions", "tensor [T, du]"),
                                        .opt("x0", "tensor [dx] (compiled systems only)", .nil),
                                        .opt("seed", "integer: reset with this seed first", .nil)],
            "Replays `actions` open-loop on the true system from `x0` (or a reset with `seed`, or else the current state); returns {states [T'+1, dx], rewards [T'], total_reward, steps, terminated, interrupted}. Stops early when the system terminates or on Ctrl-C.",
            example: "env = integrator(dim=2)\nr = rollout(env, 0.1 * ones([5, 2]), x0=[0, 0])\nprint(r.states[-1])") { a, _ in
            let env = try a.environment("env")
            let acts = try a.tensor("actions")
            guard acts.rank == 2, acts.shape[1] == env.actionDim else {
                throw RuntimeError("rollout: actions must have shape [T, \(env.actionDim)] for \(env.name), got \(acts.shape)")
            }
            if !a["x0"].isNil {
                guard let b = env as? BuiltinEnvironment else {
                    throw RuntimeError("rollout: x0= is not supported for \(env.name) (MuJoCo); use seed= instead")
                }
                try b.reset(to: try a.tensor("x0").scalars)
            } else if let s = try a.optionalInt("seed") {
                guard s >= 0 else { throw RuntimeError("argument 'seed' to 'rollout' must be non-negative, got \(s)") }
                env.reset(seed: UInt64(s))
            } else if let b = env as? BuiltinEnvironment {
                try b.reset(to: b.state)  // restart the step counter so a finished episode can be replayed from
            }
            return try rolloutRecord(env, acts)
        }
        add("d4rl_score", "environments", [.req("task", "string (halfcheetah, hopper, walker2d, or a D4RL name)"), .req("return", "number")],
            "D4RL's normalised score: {task, raw, normalized, score} with score = 100 (R - R_random) / (R_expert - R_random), using D4RL's reference returns.",
            example: "s = d4rl_score(\"hopper-medium-v2\", 1500)\nprint(s.score)") { a, _ in
            let s = try d4rlScore(task: try a.string("task"), return: try a.number("return"))
            return .makeRecord([("task", .string(s.task)), ("raw", .number(s.rawReturn)),
                                ("normalized", .number(s.normalized)), ("score", .number(s.score))])
        }
    }
}

/// Steps `env` through the rows of `acts` ([T, du]); stops at termination or Ctrl-C.
func rolloutRecord(_ env: any Environment, _ acts: Tensor) throws -> Value {
    let t = acts.shape[0], du = acts.shape[1], dx = env.stateDim
    var states = env.state, rewards: [Double] = []
    states.reserveCapacity((t + 1) * dx)
    var terminated = false, interrupted = false
    var u = [Double](repeating: 0, count: du)
    for k in 0..<t {
        if Cancellation.isRequested { interrupted = true; break }
        for j in 0..<du { u[j] = acts.scalar(at: k * du + j) }
        let r = try env.step(u)
        states += r.next
        rewards.append(r.reward)
        if r.terminated { terminated = true; break }
        if r.truncated { break }
    }
    return .makeRecord([
        ("states", .tensor(try Tensor(shape: [rewards.count + 1, dx], doubles: states))),
        ("rewards", .tensor(Tensor(rewards))), ("total_reward", .number(rewards.reduce(0, +))),
        ("steps", .int(rewards.count)), ("terminated", .bool(terminated)), ("interrupted", .bool(interrupted)),
    ])
}

/// A non-negative `seed` argument, or a seed drawn from the run's named stream when it is nil.
func seedArgument(_ a: Arguments, _ name: String, stream: String, _ ctx: CallContext) throws -> UInt64 {
    guard let s = try a.optionalInt(name) else { return ctx.withRandom(stream) { $0.nextUInt64() } }
    guard s >= 0 else { throw RuntimeError("argument '\(name)' to '\(a.owner)' must be non-negative, got \(s)") }
    return UInt64(s)
}
