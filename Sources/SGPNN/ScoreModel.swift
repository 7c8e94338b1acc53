import SGPTensor

/// A learned score ∇ log p_σ(z) of the blurred data distribution at a list of noise levels, trained by denoising
/// score matching in normalised space. `score` answers in raw units: s_raw = s_net(z̄) / k elementwise.
public final class ScoreModel: @unchecked Sendable {
    /// The network: noise-conditioned (embedding per level) when there are several levels, plain for one.
    public let network: Network
    /// Normaliser of z (σ is in its units).
    public let normalizer: Normalizer
    /// Noise levels σ_1 > … > σ_L in normalised units.
    public let sigmas: [Double]
    /// What z is made of ("xu", "xux" or free text), kept for the language and checkpoints.
    public let on: String
    /// Level visiting mode used in training.
    public let mode: LevelMode
    /// Training history (per-level validation losses included).
    public internal(set) var history = TrainHistory()
    /// The weights after the final epoch (`network` holds the best-by-validation ones); nil when loaded.
    public internal(set) var lastNetwork: Network?
    /// Run seed.
    public var seed: UInt64 = 0
    /// SHA-256 of the training data (supplied by the caller).
    public var dataSHA256 = ""
    private let cache: WorkspaceCache

    /// Wraps a trained network.
    public init(network: Network, normalizer: Normalizer, sigmas: [Double], on: String = "z", mode: LevelMode = .all) throws {
        let d = network.spec.inputDim
        guard network.spec.outputDim == d, normalizer.dim == d else {
            throw TensorError.shape(op: "score", detail: "score network must map \(normalizer.dim) dims to themselves, got \(network.spec)")
        }
        guard !sigmas.isEmpty, sigmas.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw TensorError.invalid(op: "score", detail: "sigmas must be positive numbers, got \(sigmas)")
        }
        guard network.spec.levels == 0 ? sigmas.count == 1 : network.spec.levels == sigmas.count else {
            throw TensorError.invalid(op: "score", detail: "network has \(network.spec.levels) levels but \(sigmas.count) sigmas were given")
        }
        self.network = network; self.normalizer = normalizer; self.sigmas = sigmas; self.on = on; self.mode = mode
        cache = WorkspaceCache(network: network)
    }

    /// Dimension of z.
    public var dim: Int { normalizer.dim }

    /// Trains on rows of `data` ([n, d]) at noise levels `sigmas` (normalised units).
    public static func train(data: Tensor, sigmas: [Double], levels mode: LevelMode = .all, config: TrainConfig,
                             on: String = "z", normalization: Normalizer.Kind = .minMax,
                             dataSHA256: String = "") throws -> ScoreModel {
        guard data.rank == 2, data.shape[1] >= 1 else {
            throw TensorError.shape(op: "train_score", detail: "data should be [n, d], got \(data.shape)")
        }
        guard !sigmas.isEmpty, sigmas.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw TensorError.invalid(op: "train_score", detail: "sigmas must be positive numbers, got \(sigmas)")
        }
        var cfg = config
        if cfg.task == "train" { cfg.task = "train_score" }
        try cfg.validate()
        let d = data.shape[1]
        let norm = try Normalizer(fitting: data, kind: normalization)
        let z = try norm.apply(data)
        let levels = sigmas.count > 1 ? sigmas.count : 0
        let spec = try NetworkSpec(dims: [d] + cfg.hidden + [d], activation: cfg.activation, levels: levels,
                                   layerNorm: levels > 0 ? true : (cfg.layerNorm ?? false))
        var initRNG = RandomStream(seed: cfg.seed, stream: "init")
        let net = Network(spec: spec, rng: &initRNG)
        let obj = try ScoreObjective(network: net, data: z, sigmas: sigmas, mode: mode, batch: cfg.batch)
        var dataRNG = RandomStream(seed: cfg.seed, stream: "data")
        var noise = RandomStream(seed: cfg.seed, stream: "noise")
        let (trainRows, valRows) = Trainer.split(count: data.shape[0], valFraction: cfg.valFraction, rng: &dataRNG)
        let last = net.copy()
        let history = try Trainer.run(obj, train: trainRows, val: valRows, config: cfg, dataRNG: &dataRNG, noiseRNG: &noise,
                                      last: last)
        let model = try ScoreModel(network: net, normalizer: norm, sigmas: sigmas, on: on, mode: mode)
        model.lastNetwork = last
        model.history = history; model.seed = cfg.seed; model.dataSHA256 = dataSHA256
        return model
    }

    /// True when training was interrupted; the model holds the best weights so far.
    public var interrupted: Bool { history.interrupted }

    /// The level whose σ equals `sigma` (relative tolerance 1e-6).
    public func level(forSigma sigma: Double) throws -> Int {
        guard let l = sigmas.firstIndex(where: { abs($0 - sigma) <= 1e-6 * max(abs(sigma), 1e-12) }) else {
            throw TensorError.invalid(op: "score", detail: "sigma \(sigma) is not one of the trained levels \(sigmas)")
        }
        return l
    }

    /// The score in raw units at level `level` for rows of z ([n, d]): s_raw = s_net(z̄)/k.
    public func score(z: Tensor, level: Int) throws -> Tensor {
        guard z.rank == 2, z.shape[1] == dim else {
            throw TensorError.shape(op: "score", detail: "z should be [n, \(dim)], got \(z.shape)")
        }
        guard level >= 0, level < sigmas.count else { throw TensorError.index(op: "score level", index: level, size: sigmas.count) }
        let n = z.shape[0]
        guard n > 0 else { return Tensor.zeros([0, dim]) }
        let zbar = try normalizer.apply(z)
        let s = try cache.with(rows: n) { try $0.apply(zbar, level: network.spec.levels > 0 ? level : 0) }
        let p = s.storage.f32, d = dim
        for r in 0..<n { for c in 0..<d { p[r * d + c] /= normalizer.scale[c] } }
        return s.to(z.dtype)
    }

    /// `score(z:level:)`; the result is a constant on the autodiff tape (planners use the score as a stop-gradient
    /// direction, as the paper does).
    public func callAsFunction(_ z: Tensor, level: Int) throws -> Tensor {
        try score(z: z.detached(), level: level)
    }

    /// The score at the trained level whose σ equals `sigma`.
    public func callAsFunction(_ z: Tensor, sigma: Double) throws -> Tensor {
        try score(z: z.detached(), level: try level(forSigma: sigma))
    }

    /// The network's score in normalised units (what it was trained to output).
    public func normalizedScore(zbar: Tensor, level: Int) throws -> Tensor {
        guard level >= 0, level < sigmas.count else { throw TensorError.index(op: "score level", index: level, size: sigmas.count) }
        return try cache.with(rows: zbar.shape.first ?? 1) { try $0.apply(zbar, level: network.spec.levels > 0 ? level : 0) }
    }
}
