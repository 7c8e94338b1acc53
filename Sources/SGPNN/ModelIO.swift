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

    /// A JSON array of numbers in Swift's shortest round-trip spelling (Foundation's writer on Linux is not exact).
    static func numbers(_ v: [Double]) -> String { "[" + v.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]" }

    /// Parses what `numbers` wrote.
    static func parseNumbers(_ s: String) -> [Double]? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("["), t.hasSuffix("]") else { return nil }
        let body = t.dropFirst().dropLast()
        if body.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
        var out: [Double] = []
        for part in body.split(separator: ",") {
            guard let v = Double(part.trimmingCharacters(in: .whitespaces)) else { return nil }
            out.append(v)
        }
        return out
    }

    static func specJSON(_ s: NetworkSpec) -> String {
        json(["dims": s.dims, "activation": s.activation.rawValue, "levels": s.levels, "layer_norm": s.layerNorm] as [String: Any])
    }

    static func normJSON(_ n: Normalizer) -> String {
        "{\"kind\":\"\(n.kind.rawValue)\",\"scale\":\(numbers(n.scale.map(Double.init))),\"shift\":\(numbers(n.shift.map(Double.init)))}"
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
        meta["sigmas"] = numbers(m.sigmas)
        meta["normalizer"] = normJSON(m.normalizer)
        if !m.history.perLevelValLoss.isEmpty, let last = m.history.perLevelValLoss.last { meta["val_loss_per_level"] = numbers(last) }
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
            // Numbers are re-read from the text so they round-trip exactly.
            guard let k = o["kind"] as? String, let kind = Normalizer.Kind(rawValue: k), let text = meta[key],
                  let shift = arrayField(text, "shift"), let scale = arrayField(text, "scale") else { throw bad("metadata \(key) is malformed") }
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
            guard let s = meta["sigmas"], let sigmas = parseNumbers(s) else {
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

/// The `[...]` array after `"name":` in a flat JSON object text.
func arrayField(_ text: String, _ name: String) -> [Double]? {
    guard let r = text.range(of: "\"\(name)\":") else { return nil }
    let rest = text[r.upperBound...]
    guard let close = rest.firstIndex(of: "]") else { return nil }
    return ModelIO.parseNumbers(String(rest[...close]))
}

/// Rebuilds any saved model (see `ModelIO.load`).
public func loadModel(_ path: String) throws -> LearnedModel { try ModelIO.load(path) }
