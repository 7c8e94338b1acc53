import SGPData
import SGPNN
import SGPPlanning
import SGPTensor

extension BuiltinRegistry {
    /// Learned models and oracles: σ lists, `train_dynamics`, `train_score`, `train_reward`, `data_score`,
    /// `smoothed_distance`, `load`.
    func registerModels() {
        add("cosine_sigmas", "models", [.req("max", "number"), .req("min", "number"), .req("L", "integer (levels)")],
            "The paper's cosine noise levels σ_k = min + (max − min)·½(1 + cos(πk/(L−1))), coarsest first. Prints, plots, indexes like a tensor (`s[0]` is the largest σ).",
            example: "s = cosine_sigmas(0.3, 0.05, 10)\nprint(s[0], len(s))") { a, _ in
            .opaque(SigmasValue(try NoiseLevels.cosine(max: try a.number("max"), min: try a.number("min"), count: try a.count("L", max: 100_000)), kind: "cosine"))
        }
        add("geom_sigmas", "models", [.req("max", "number"), .req("min", "number"), .req("L", "integer (levels)")],
            "Geometric noise levels from max down to min (L of them), coarsest first.",
            example: "s = geom_sigmas(1.0, 0.01, 5)") { a, _ in
            .opaque(SigmasValue(try NoiseLevels.geometric(max: try a.number("max"), min: try a.number("min"), count: try a.count("L", max: 100_000)), kind: "geometric"))
        }
        add("train_dynamics", "models", [
            .req("data", "dataset"), .opt("hidden", "list of widths", .makeList([.int(64), .int(64), .int(32)])),
            .opt("activation", "relu, elu, leaky_relu, tanh, silu, softplus", .string("leaky_relu")),
            .opt("residual", "bool (only true: x' = x + net)", .bool(true)), .opt("epochs", "integer", .int(100)),
            .opt("batch", "integer", .int(256)), .opt("lr", "number", .number(1e-3)), .opt("ensemble", "integer K", .int(1)),
            .opt("val", "held-out fraction in [0, 1)", .number(0.1)), .opt("patience", "epochs without improvement (nil: off)", .nil),
            .opt("horizon", "integer: multi-step loss over H steps", .int(1)), .opt("weight_decay", "number", .number(0)),
            .opt("clip", "gradient-norm clip (nil: off)", .nil), .opt("schedule", "constant, cosine or warmup", .string("constant")),
            .opt("normalize", "minmax or zscore", .string("minmax")), .opt("seed", "integer (default: from the run seed)", .nil),
        ], "Trains a residual MLP dynamics model x' = x + k ⊙ net([x̄, ū]) (or an ensemble of K) on a dataset's (x, u, x'). The result is callable f(x, u) (batched, differentiable) and plannable; `m.history` plots the losses. Ctrl-C keeps the best model so far.",
            example: "d = collect(integrator(dim=2), samples=2000, policy=\"uniform_states\", seed=0)\nf = train_dynamics(d, hidden=[32, 32], epochs=5)\nprint(f(d.x[0:2], d.u[0:2]))") { a, ctx in
            let d = try a.dataset("data")
            guard try a.bool("residual") else {
                throw RuntimeError("train_dynamics: residual=false is not supported (the model is x' = x + net); leave residual=true")
            }
            let cfg = try trainConfig(a, ctx, task: "train_dynamics")
            let m = try DynamicsModel.train(x: d.x, u: d.u, xNext: d.xNext, config: cfg, ensemble: try a.count("ensemble", max: 64),
                                            horizon: try a.count("horizon", max: 1000), episodeEnds: nil,
                                            normalization: try normalization(a), dataSHA256: d.sha256)
            reportInterrupted(m.interrupted, m.histories.map { $0.trainLoss.count }.reduce(0, +), "train_dynamics", ctx)
            return .opaque(DynamicsModelValue(m))
        }
        add("train_score", "models", [
            .req("data", "dataset or tensor [N, d]"), .opt("on", "xu, xux or x", .string("xu")),
            .opt("sigmas", "sigmas, list or number (normalised units)", .nil),
            .opt("levels", "all or sample", .string("all")),
            .opt("hidden", "list of widths", .makeList([.int(256), .int(256), .int(256), .int(256)])),
            .opt("activation", "relu, elu, leaky_relu, tanh, silu, softplus", .string("elu")),
            .opt("epochs", "integer", .int(100)), .opt("batch", "integer", .int(1024)), .opt("lr", "number", .number(1e-3)),
            .opt("val", "held-out fraction in [0, 1)", .number(0.1)), .opt("patience", "epochs (nil: off)", .nil),
            .opt("weight_decay", "number", .number(0)), .opt("clip", "gradient-norm clip (nil: off)", .nil),
            .opt("schedule", "constant, cosine or warmup", .string("constant")), .opt("normalize", "minmax or zscore", .string("minmax")),
            .opt("seed", "integer (default: from the run seed)", .nil),
        ], "Denoising score matching on the dataset's rows [x, u] (on=\"xu\"), [x, u, x'] or x, normalised per dimension; σ list default cosine_sigmas(0.3, 0.05, 10). Several levels give the paper's noise-conditioned net. The model `s(z, level=)` returns the score in raw units; `s.history` has per-level validation losses.",
            example: "d = collect(integrator(dim=2), samples=1000, policy=\"uniform_states\", seed=0)\ns = train_score(d, sigmas=cosine_sigmas(0.3, 0.05, 4), hidden=[64, 64], epochs=3)\nprint(s.sigmas)") { a, ctx in
            let on = try a.string("on")
            let sigmas = a["sigmas"].isNil ? try NoiseLevels.cosine(max: 0.3, min: 0.05, count: 10) : try a.sigmaList("sigmas")
            let modeName = try a.string("levels")
            guard let mode = LevelMode(rawValue: modeName) else {
                throw RuntimeError("argument 'levels' to 'train_score' must be \"all\" or \"sample\", got \"\(modeName)\"")
            }
            let cfg = try trainConfig(a, ctx, task: "train_score")
            let (rows, rowsOn) = try oracleData(a)
            let sha = { if case .opaque(let o as DatasetValue) = a["data"] { return o.dataset.sha256 }; return "" }()
            let m = try ScoreModel.train(data: rows, sigmas: sigmas, levels: mode,
                                         config: cfg, on: rowsOn, normalization: try normalization(a), dataSHA256: sha)
            reportInterrupted(m.interrupted, m.history.trainLoss.count, "train_score", ctx)
            return .opaque(ScoreModelValue(m))
        }
        add("train_reward", "models", [
            .req("data", "dataset"), .opt("hidden", "list of widths", .makeList([.int(64), .int(64)])),
            .opt("activation", "relu, elu, leaky_relu, tanh, silu, softplus", .string("relu")),
            .opt("epochs", "integer", .int(100)), .opt("batch", "integer", .int(256)), .opt("lr", "number", .number(1e-3)),
            .opt("val", "held-out fraction", .number(0.1)), .opt("patience", "epochs (nil: off)", .nil),
            .opt("weight_decay", "number", .number(0)), .opt("clip", "gradient-norm clip (nil: off)", .nil),
            .opt("schedule", "constant, cosine or warmup", .string("constant")), .opt("normalize", "minmax or zscore", .string("minmax")),
            .opt("seed", "integer (default: from the run seed)", .nil),
        ], "Regresses the dataset's reward on [x, u]; the model is callable r(x, u) (batched, raw units).",
            example: "d = collect(pendulum(), episodes=5, horizon=50, seed=0)\nr = train_reward(d, epochs=5)\nprint(r(d.x[0:3], d.u[0:3]))") { a, ctx in
            let d = try a.dataset("data")
            let cfg = try trainConfig(a, ctx, task: "train_reward")
            let m = try RewardModel.train(inputs: try datasetRows(d, on: "xu", owner: "train_reward"), rewards: d.reward, config: cfg,
                                          normalization: try normalization(a), dataSHA256: d.sha256)
            reportInterrupted(m.history.interrupted, m.history.trainLoss.count, "train_reward", ctx)
            return .opaque(RewardModelValue(m, stateDim: d.stateDim))
        }
        add("data_score", "models", [.req("data", "dataset or tensor [N, d]"), .req("sigma", "number, list or sigmas (raw units)"),
                                     .opt("on", "xu, xux or x (datasets)", .string("xu"))],
            "The exact score of the data blurred by N(0, σ²) (streaming logsumexp over the data, Float64): callable s(z, level=|sigma=) like a learned score, and usable as `score=` in plan. σ is in raw data units.",
            example: "d = collect(integrator(dim=2, hole=0.5), samples=500, policy=\"uniform_states\", seed=0)\ns = data_score(d, 0.1, on=\"x\")\nprint(s([[0.0, 0.9]]))") { a, _ in
            let (rows, on) = try oracleData(a)
            return .opaque(ExactScoreValue(try ExactScore(data: rows, sigmas: try a.sigmaList("sigma")), on: on))
        }
        add("smoothed_distance", "models", [.req("data", "dataset or tensor [N, d]"), .req("sigma", "number, list or sigmas (raw units)"),
                                            .opt("on", "xu, xux or x (datasets)", .string("xu"))],
            "The smoothed distance d_σ(z) = −σ² log Σ_i exp(−‖z − z_i‖²/2σ²) to the data: callable d(z, level=|sigma=) → [...].",
            example: "d = collect(integrator(dim=2), samples=500, policy=\"uniform_states\", seed=0)\ndist = smoothed_distance(d, 0.1, on=\"x\")\nprint(dist([[0.0, 0.0]]))") { a, _ in
            let (rows, on) = try oracleData(a)
            return .opaque(SmoothedDistanceValue(try ExactScore(data: rows, sigmas: try a.sigmaList("sigma")), on: on))
        }
        add("load", "models", [.req("path", "string (.safetensors written by save)")],
            "Loads a model saved with save(model, path): the file describes itself (kind, architecture, normaliser, σ list, data SHA-256, seed), so nothing needs re-declaring.",
            example: "save(f, output_path(\"f.safetensors\"))\ng = load(output_path(\"f.safetensors\"))") { a, ctx in
            let path = try ctx.checkRead(try a.string("path"))
            switch try ModelIO.load(path) {
            case .dynamics(let m): return .opaque(DynamicsModelValue(m))
            case .score(let m): return .opaque(ScoreModelValue(m))
            case .reward(let m): return .opaque(RewardModelValue(m, stateDim: nil))
            }
        }
    }
}

/// The training keywords shared by the three trainers, mapped onto `TrainConfig`.
private func trainConfig(_ a: Arguments, _ ctx: CallContext, task: String) throws -> TrainConfig {
    var c = TrainConfig()
    c.task = task
    guard let hidden = try a.axes("hidden"), hidden.allSatisfy({ $0 >= 1 }) else {
        throw RuntimeError("argument 'hidden' to '\(task)' must be a list of positive widths, e.g. [64, 64]")
    }
    c.hidden = hidden
    // Bound the parameter count before anything is allocated (widths alone allow 65536² weights per layer).
    var params = 0.0, prev = 64.0
    for w in hidden { params += prev * Double(w); prev = Double(w) }
    guard params <= 5e7 else {
        throw RuntimeError("argument 'hidden' to '\(task)' gives about \(formatNumber((params / 1e6).rounded())) million weights, over the limit of 50 million")
    }
    let act = try a.string("activation")
    guard let activation = Activation(rawValue: act), activation != .identity else {
        throw RuntimeError("argument 'activation' to '\(task)' must be one of relu, elu, leaky_relu, tanh, silu, softplus, got \"\(act)\"",
                           help: didYouMean(act, ["relu", "elu", "leaky_relu", "tanh", "silu", "softplus"]))
    }
    c.activation = activation
    c.epochs = try a.int("epochs"); c.batch = try a.int("batch"); c.lr = try a.number("lr")
    c.valFraction = try a.number("val"); c.patience = try a.optionalInt("patience")
    c.weightDecay = try a.number("weight_decay"); c.clip = try a.optionalNumber("clip")
    let sched = try a.string("schedule")
    guard let s = LRSchedule(name: sched) else {
        throw RuntimeError("argument 'schedule' to '\(task)' must be constant, cosine or warmup, got \"\(sched)\"")
    }
    c.schedule = s
    c.seed = try seedArgument(a, "seed", stream: "init", ctx)
    try c.validate()
    return c
}

private func normalization(_ a: Arguments) throws -> Normalizer.Kind {
    let n = try a.string("normalize")
    switch n {
    case "minmax": return .minMax
    case "zscore": return .zScore
    default: throw RuntimeError("argument 'normalize' to '\(a.owner)' must be \"minmax\" or \"zscore\", got \"\(n)\"")
    }
}

/// Ctrl-C during training keeps the best weights; say so once.
private func reportInterrupted(_ interrupted: Bool, _ epochs: Int, _ task: String, _ ctx: CallContext) {
    if interrupted { ctx.print("\(task): interrupted after \(epochs) epoch\(epochs == 1 ? "" : "s"); keeping the best model so far") }
}

/// The data rows of `data_score`/`smoothed_distance`: a dataset's columns chosen by `on`, or a tensor [N, d].
private func oracleData(_ a: Arguments) throws -> (Tensor, String) {
    if case .opaque(let o as DatasetValue) = a["data"] {
        let on = try a.string("on")
        return (try datasetRows(o.dataset, on: on, owner: a.owner), on)
    }
    let t = try a.tensor("data")
    guard t.rank == 2 else { throw RuntimeError("argument 'data' to '\(a.owner)' must be a dataset or a tensor [N, d], got shape \(t.shape)") }
    return (t.detached().to(.float32), "tensor")
}
