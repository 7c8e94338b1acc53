import Foundation
import SGPData
import SGPEnvs
import SGPTensor

extension BuiltinRegistry {
    /// Datasets: `collect`, `load_dataset`, `save_dataset`, `card`, `sample`, `output_path`, and dataset forms of
    /// `split`, `filter` and `concat` (`registerDataOverloads`).
    func registerData() {
        add("collect", "data", [.req("env", "environment"), .opt("policy", "\"random\", \"uniform_states\" or a function", .string("random")),
                                .opt("episodes", "integer or nil", .nil), .opt("horizon", "integer or nil (the time limit)", .nil),
                                .opt("samples", "integer or nil", .nil), .opt("seed", "integer (default: from the run seed)", .nil),
                                .opt("batched", "bool (function policies)", .bool(true))],
            "Collects a dataset from `env`. \"random\": actions uniform in the bounds over `episodes` x `horizon` steps; \"uniform_states\": the paper's box sampling of `samples` one-step tuples inside the data region (holes, corridor walls excluded); a function policy maps states to actions: with `batched=true` it receives all running episodes' states [E, dx] and returns [E, du], with `batched=false` one state [dx] per step and returns [du]. Ctrl-C stops it with an \"interrupted\" error.",
            example: "d = collect(integrator(dim=2, hole=0.5), policy=\"uniform_states\", samples=10000, seed=0)\nd = collect(pendulum(), policy=x -> -0.5 * x[:, 1:2], episodes=4, horizon=100)") { a, ctx in
            let env = try a.environment("env")
            let policy: CollectPolicy
            switch a["policy"] {
            case .string("random"): policy = .random
            case .string("uniform_states"): policy = .uniformStates
            case .string(let s):
                throw RuntimeError("collect: unknown policy '\(s)'",
                                   help: didYouMean(s, ["random", "uniform_states"]) ?? "use \"random\", \"uniform_states\" or a function of the state")
            case .function, .builtin, .opaque:
                let f = a["policy"], du = env.actionDim
                if try a.bool("batched") {
                    policy = .batchFunction { states in
                        let v = try ctx.call(f, [.tensor(states)])
                        guard let t = try v.asTensor() else { throw RuntimeError("collect: the policy must return a tensor [E, \(du)], got \(v.typeName)") }
                        return t
                    }
                } else {
                    policy = .function { state in
                        let v = try ctx.call(f, [.tensor(Tensor(state))])
                        guard let t = try v.asTensor(), t.count == du else {
                            throw RuntimeError("collect: the policy must return an action of \(du) components, got \(v.typeName) \((try? v.asTensor())?.shape ?? [])")
                        }
                        return t.scalars
                    }
                }
            default: throw a.wrongType("policy", "\"random\", \"uniform_states\" or a function", a["policy"])
            }
            let seed = try seedArgument(a, "seed", stream: "data", ctx)
            // Sizes decide allocations, so they are bounded before anything is allocated: at most
            // `maxCollectedTransitions` rows of state (the dataset holds x and x' as float32).
            let maxRows = DataLimits.maxCollectedTransitions
            let episodes = a["episodes"].isNil ? nil : try a.count("episodes", max: maxRows)
            let horizon = a["horizon"].isNil ? nil : try a.count("horizon", max: maxRows)
            let samples = a["samples"].isNil ? nil : try a.count("samples", max: maxRows)
            if let e = episodes, case let h = horizon ?? env.maxEpisodeSteps, e.multipliedReportingOverflow(by: h).overflow || e * h > maxRows {
                throw RuntimeError("collect: \(e) episodes × \(h) steps exceed the limit of \(maxRows) transitions")
            }
            defer { ProgressSink.done("collect") }  // collect reports progress events; the host closes its bar here
            return .opaque(DatasetValue(try collect(env, policy: policy, episodes: episodes, horizon: horizon,
                                                    samples: samples, seed: seed)))
        }
        add("load_dataset", "data", [.req("path", "string")],
            "Reads a dataset: D4RL or Minari HDF5, .npz, .npy or .csv, detected from the content. Warnings (rows dropped for NaN values, missing timeouts) are printed. The path is sandbox-checked and listed in the run manifest.",
            example: "d = load_dataset(\"hopper-medium-v2.hdf5\")") { a, ctx in
            let given = try a.string("path")
            let p = try ctx.checkRead(given)
            let loaded = try DatasetIO.load(p)
            // Warnings name the file as the script wrote it (errors keep the resolved path, which explains a miss).
            for w in loaded.warnings { ctx.print("warning: " + w.replacingOccurrences(of: "'\(p)'", with: "'\(given)'")) }
            return .opaque(DatasetValue(loaded.dataset))
        }
        add("save_dataset", "data", [.req("data", "dataset"), .req("path", "string"),
                                     .opt("format", "\"d4rl\", \"npz\", \"csv\" or nil (from the extension)", .nil)],
            "Writes a dataset atomically: D4RL-layout HDF5 (.hdf5/.h5, the default), .npz or .csv. Loading it back gives the same rows and SHA-256. The path is sandbox-checked.",
            example: "save_dataset(d, output_path(\"pendulum.h5\"))") { a, ctx in
            let d = try a.dataset("data")
            let p = try ctx.checkWrite(try a.string("path"))
            var format: DatasetFormat?
            if !a["format"].isNil {
                let s = try a.string("format")
                let writable = ["d4rl", "npz", "csv"]
                guard writable.contains(s), let f = DatasetFormat(rawValue: s) else {
                    throw RuntimeError("save_dataset: cannot write format '\(s)'", help: didYouMean(s, writable) ?? "formats: d4rl, npz, csv")
                }
                format = f
            }
            try DatasetIO.save(d, to: p, format: format)
            return .nil
        }
        add("dataset", "data", [.req("x", "tensor [N, dx]"), .req("u", "tensor [N, du]"), .req("x_next", "tensor [N, dx]"),
                                .opt("reward", "tensor [N] or nil", .nil), .opt("terminal", "tensor [N] of 0/1 or nil", .nil),
                                .opt("episode", "tensor [N] of episode ids or nil", .nil), .opt("source", "string", .string("tensors"))],
            "A dataset from tensors of transitions (x, u, x'), e.g. data generated in the language; rewards default to 0 and all rows form one episode unless `episode` is given. Shapes are checked.",
            example: "x = randn([100, 2])\nu = 0.1 * randn([100, 2])\nd = dataset(x, u, x + u)") { a, _ in
            func opt(_ name: String) throws -> Tensor? { a[name].isNil ? nil : try a.tensor(name).to(.float32) }
            return .opaque(DatasetValue(try Dataset(x: try a.tensor("x").to(.float32), u: try a.tensor("u").to(.float32),
                                                    xNext: try a.tensor("x_next").to(.float32), reward: try opt("reward"),
                                                    terminal: try opt("terminal"), episode: try opt("episode"),
                                                    source: try a.string("source"))))
        }
        add("card", "data", [.req("data", "dataset")],
            "Prints the dataset's card: size, dimensions, episodes, returns, per-dimension ranges, source and SHA-256.",
            example: "card(d)") { a, ctx in
            ctx.print(try a.dataset("data").card)
            return .nil
        }
        add("sample", "data", [.req("data", "dataset"), .req("n", "integer"), .opt("seed", "integer (default: from the run seed)", .nil),
                               .opt("replace", "bool", .bool(true))],
            "`n` rows drawn uniformly (with replacement unless `replace=false`).",
            example: "batch = sample(d, 256, seed=0)") { a, ctx in
            let d = try a.dataset("data")
            var rng = RandomStream(seed: try seedArgument(a, "seed", stream: "data", ctx), stream: "sample")
            return .opaque(DatasetValue(try d.sample(try a.int("n"), rng: &rng, replacement: try a.bool("replace"))))
        }
        add("concat_data", "data", [.rest("parts", "datasets")],
            "The datasets one after another (episode ids shifted so episodes never merge); `concat(d1, d2)` does the same.",
            example: "both = concat_data(d1, d2)") { a, _ in
            .opaque(DatasetValue(try concatDatasets(try a.list("parts").items)))
        }
        add("output_path", "files", [.req("name", "string")],
            "A path for `name` in the folder this run may write: the sandbox's write folder (the run directory under `sgp run --sandbox`), else the current directory.",
            example: "save_dataset(d, output_path(\"data.h5\"))") { a, ctx in
            let name = try a.string("name")
            guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
                throw RuntimeError("output_path: '\(name)' must be a relative name without '..'")
            }
            let root = ctx.interpreter.sandbox?.writeRoot ?? FileManager.default.currentDirectoryPath
            return .string(URL(fileURLWithPath: root).appendingPathComponent(name).path)
        }
        registerDataOverloads()
    }
}

/// Datasets from a list of values (an error names the first value that is not a dataset).
func concatDatasets(_ items: [Value]) throws -> Dataset {
    var parts: [Dataset] = []
    for (i, v) in items.enumerated() {
        guard case .opaque(let o as DatasetValue) = v else {
            throw RuntimeError("concat: part \(i) must be a dataset, got \(v.typeName)")
        }
        parts.append(o.dataset)
    }
    guard !parts.isEmpty else { throw RuntimeError("concat: no datasets given") }
    return try Dataset.concatenate(parts)
}

/// Named limits for data builtins.
enum DataLimits {
    /// 10⁸ transitions: a 17-D dataset of that size already takes ~14 GB of float32 (x and x'), more than half of
    /// this machine kind's memory; anything larger is a typo, not an experiment.
    static let maxCollectedTransitions = 100_000_000
}
