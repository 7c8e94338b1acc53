import SGPEnvs

extension BuiltinRegistry {
    /// One constructor per system; options are keyword arguments (unknown ones are errors with "did you mean").
    func registerEnvConstructors() {
        add("pendulum", "environments", [.opt("frictionless", "bool", .bool(false))],
            "The pendulum: state (theta, theta_dot) with theta = 0 hanging down, action torque in [-2, 2], dt 0.05, symplectic Euler; friction 0.1 unless `frictionless`.",
            example: "env = pendulum(frictionless=true)") { a, _ in
            .opaque(EnvironmentValue(Pendulum(frictionless: try a.bool("frictionless"))))
        }
        add("cartpole", "environments", [.opt("textbook", "bool", .bool(false))],
            "The paper's cart-pole swing-up: state (p, theta, p_dot, theta_dot), force in [-80, 80], dt 0.05, explicit midpoint; `textbook=true` uses the textbook force term.",
            example: "env = cartpole()") { a, _ in
            .opaque(EnvironmentValue(CartPole(textbook: try a.bool("textbook"))))
        }
        add("integrator", "environments", [.opt("dim", "integer", .number(2)), .opt("hole", "number (radius) or nil", .nil),
                                           .opt("action_bound", "number", .number(0.1))],
            "The single integrator x' = x + u in `dim` dimensions; data boxes [-1, 1]^dim with an optional spherical hole of radius `hole` (no data inside), actions in [-action_bound, action_bound].",
            example: "env = integrator(dim=2, hole=0.5)") { a, _ in
            .opaque(EnvironmentValue(try Integrator(dim: try a.int("dim"), hole: try a.optionalNumber("hole"),
                                                    actionBound: try a.number("action_bound"))))
        }
        add("corridor", "environments", [],
            "The L-shaped corridor: x' = x + u in 2-D, data only where x0 <= -0.6 or x1 <= -0.6; start (-0.8, 0.8), goal (0.8, -0.8).",
            example: "env = corridor()") { _, _ in
            .opaque(EnvironmentValue(Corridor()))
        }
        add("pixel_integrator", "environments", [.opt("size", "integer", .number(32))],
            "A disk's position rendered as a size x size image: states and actions are images (size^2 dimensions), x' = x + u.",
            example: "env = pixel_integrator(size=16)") { a, _ in
            .opaque(EnvironmentValue(try PixelIntegrator(size: try a.int("size"))))
        }
        addLocomotion("halfcheetah", "HalfCheetah-v4 (obs 17, act 6, frame skip 5)") { try MuJoCoEnv.halfCheetah(xml: $0) }
        addLocomotion("hopper", "Hopper-v4 (obs 11, act 3, frame skip 4, terminates when unhealthy)") { try MuJoCoEnv.hopper(xml: $0) }
        addLocomotion("walker2d", "Walker2d-v4 (obs 17, act 6, frame skip 4, terminates when unhealthy)") { try MuJoCoEnv.walker2d(xml: $0) }
        add("mujoco_available", "environments", [],
            "Whether Gymnasium's MuJoCo model files can be found (SGP_GYM_ASSETS or an installed gymnasium), so a script can fall back to a compiled system instead of failing.",
            example: "env = if mujoco_available() then hopper() else pendulum()") { _, _ in
            // A missing install is an answer here, not an error: the constructors still throw the full message.
            .bool((try? MuJoCoAssets.directory()) != nil)
        }
        add("mujoco_env", "environments", [.req("xml", "string (MJCF path)"), .opt("frame_skip", "integer", .number(5))],
            "Any MuJoCo model: observation qpos[1:] ++ qvel, zero reward, `frame_skip` physics steps per action (the path is sandbox-checked).",
            example: "env = mujoco_env(\"models/arm.xml\", frame_skip=2)") { a, ctx in
            let p = try ctx.checkRead(try a.string("xml"))
            let k = try a.int("frame_skip")
            guard k >= 1 else { throw RuntimeError("argument 'frame_skip' to 'mujoco_env' must be at least 1, got \(k)") }
            return .opaque(EnvironmentValue(try MuJoCoEnv(xml: p, frameSkip: k)))
        }
    }

    /// A Gymnasium v4 locomotion task; the model file comes from the installed `gymnasium` package unless `xml`.
    private func addLocomotion(_ name: String, _ what: String, _ make: @escaping (String?) throws -> MuJoCoEnv) {
        add(name, "environments", [.opt("xml", "string (MJCF path) or nil", .nil)],
            "MuJoCo \(what) with Gymnasium v4 rewards, termination, reset noise and the 1000-step limit; the model comes from the installed gymnasium package unless `xml` is given.",
            example: "env = \(name)()") { a, ctx in
            let xml = a["xml"].isNil ? nil : try ctx.checkRead(try a.string("xml"))
            return .opaque(EnvironmentValue(try make(xml)))
        }
    }
}
