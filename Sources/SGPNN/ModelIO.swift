import Foundation
import SGPTensor

/// Any model `loadModel` can rebuild.
public enum LearnedModel: @unchecked Sendable {
    case dynamics(DynamicsModel)
    case score(ScoreModel)
    case reward(RewardModel)
}

/// Self-describing model checkpoints: the safetensors `__metadata__` carries kind, architecture, dims, σ list,
/// normaliser(s), training-data SHA-256, seed and sgp version, so loading needs no re-declaration.
public enum ModelIO {
    /// Written into every checkpoint's `sgp_version`.
    public static let sgpVersion = "0.1.0"

    static func json(_ v: Any) -> String {
        guard let d = try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys]),
              let s = String(data: d, encoding: .utf8) else { return "null" }
        return s
    }

    static func specJSON(_ s: NetworkSpec) -> String {
        json(["dims": s.dims, "activation": s.activation.rawValue, "levels": s.levels, "layer_norm": s.layerNorm] as [String: Any])
    }

    static func normJSON(_ n: Normalizer) -> String {
        json(["kind": n.kind.rawValue, "shift": n.shift.map(Double.init), "scale": n.scale.map(Double.init)] as [String: Any])
    }

    static func common(kind: String, spec: NetworkSpec, seed: UInt64, sha: String) -> [String: String] {
        ["format": "sgp-model", "kind": kind, "architecture": specJSON(spec), "seed": String(seed),
         "data_sha256": sha, "sgp_version": sgpVersion]
    }

    /// Saves a dynamics model (all ensemble members).
    public static func save(_ m: DynamicsModel, to path: String) throws {
        var meta = common(kind: "dynamics", spec: m.members[0].spec, seed: m.seed, sha: m.dataSHA256)
        meta["members"] = String(m.members.count)
        meta["state_dim"] = String(m.stateDim); meta["action_dim"] = String(m.actionDim)
        meta["residual"] = "true"
        meta["normalizer"] = normJSON(m.normalizer)
        let tensors = m.members.enumerated().flatMap { k, net in net.namedTensors(prefix: "member.\(k).") }
        try Checkpoint.save(tensors: tensors, metadata: meta, to: path)
    }

    /// Saves a score model.
    public static func save(_ m: ScoreModel, to path: String) throws {
        var meta = common(kind: "score", spec: m.network.spec, seed: m.seed, sha: m.dataSHA256)
        meta["dim"] = String(m.dim); meta["on"] = m.on; meta["level_mode"] = m.mode.rawValue
        meta["sigmas"] = json(m.sigmas)
        meta["normalizer"] = normJSON(m.normalizer)
        if !m.history.perLevelValLoss.isEmpty, let last = m.history.perLevelValLoss.last { meta["val_loss_per_level"] = json(last) }
        try Checkpoint.save(tensors: m.network.namedTensors(), metadata: meta, to: path)
    }

    /// Saves a reward model.
    public static func save(_ m: RewardModel, to path: String) throws {
        var meta = common(kind: "reward", spec: m.network.spec, seed: m.seed, sha: m.dataSHA256)
        meta["normalizer"] = normJSON(m.inputNormalizer)
        meta["target_normalizer"] = normJSON(m.targetNormalizer)
        try Checkpoint.save(tensors: m.network.namedTensors(), metadata: meta, to: path)
    }

    /// Saves any model.
    public static func save(_ m: LearnedModel, to path: String) throws {
        switch m {
        case let .dynamics(d): try save(d, to: path)
        case let .score(s): try save(s, to: path)
        case let .reward(r): try save(r, to: path)
        }
    }

    /// Rebuilds whatever model `path` holds from its metadata.
    public static func load(_ path: String) throws -> LearnedModel {
        let (list, meta) = try Checkpoint.load(path)
        var tensors: [String: Tensor] = [:]
        for (k, v) in list { tensors[k] = v }
        func bad(_ d: String) -> CheckpointError { .unsupported(path: path, detail: d) }
        guard meta["format"] == "sgp-model", let kind = meta["kind"] else { throw bad("not an sgp model (metadata lacks format/kind)") }
        func obj(_ key: String) throws -> [String: Any] {
            guard let s = meta[key], let d = s.data(using: .utf8),
                  let o = (try? JSONSerialization.jsonObject(with: d)) as? [String: Any] else { throw bad("metadata \(key) is missing or not JSON") }
            return o
        }
        func int(_ key: String) throws -> Int {
            guard let s = meta[key], let v = Int(s) else { throw bad("metadata \(key) is missing or not an integer") }
            return v
        }
        let a = try obj("architecture")
        guard let dims = a["dims"] as? [Int], let actName = a["activation"] as? String, let act = Activation(rawValue: actName),
              let levels = a["levels"] as? Int, let ln = a["layer_norm"] as? Bool else { throw bad("architecture metadata is malformed") }
        let spec = try NetworkSpec(dims: dims, activation: act, levels: levels, layerNorm: ln)
        func norm(_ key: String) throws -> Normalizer {
            let o = try obj(key)
            guard let k = o["kind"] as? String, let kind = Normalizer.Kind(rawValue: k),
                  let shift = o["shift"] as? [Double], let scale = o["scale"] as? [Double] else { throw bad("metadata \(key) is malformed") }
            return try Normalizer(kind: kind, shift: shift.map(Float.init), scale: scale.map(Float.init))
        }
        let seed = UInt64(meta["seed"] ?? "0") ?? 0, sha = meta["data_sha256"] ?? ""
        switch kind {
        case "dynamics":
            let k = try int("members")
            guard k >= 1, k <= 64 else { throw bad("members must be in 1...64, got \(k)") }
            let members = try (0..<k).map { try Network(spec: spec, tensors: tensors, prefix: "member.\($0).") }
            let m = try DynamicsModel(members: members, normalizer: try norm("normalizer"), stateDim: try int("state_dim"), actionDim: try int("action_dim"))
            m.seed = seed; m.dataSHA256 = sha
            return .dynamics(m)
        case "score":
            guard let s = meta["sigmas"], let d = s.data(using: .utf8), let sigmas = (try? JSONSerialization.jsonObject(with: d)) as? [Double] else {
                throw bad("metadata sigmas is missing or malformed")
            }
            let m = try ScoreModel(network: try Network(spec: spec, tensors: tensors), normalizer: try norm("normalizer"), sigmas: sigmas,
                                   on: meta["on"] ?? "z", mode: LevelMode(rawValue: meta["level_mode"] ?? "all") ?? .all)
            m.seed = seed; m.dataSHA256 = sha
            return .score(m)
        case "reward":
            let m = try RewardModel(network: try Network(spec: spec, tensors: tensors), inputNormalizer: try norm("normalizer"),
                                    targetNormalizer: try norm("target_normalizer"))
            m.seed = seed; m.dataSHA256 = sha
            return .reward(m)
        default:
            throw bad("unknown model kind \(kind)")
        }
    }
}

/// Rebuilds any saved model (see `ModelIO.load`).
public func loadModel(_ path: String) throws -> LearnedModel { try ModelIO.load(path) }
