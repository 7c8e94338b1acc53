import SGPTensor

/// A learned reward (or cost) r(features): an MLP regressing normalised targets from normalised inputs.
public final class RewardModel: @unchecked Sendable {
    public let network: Network
    /// Normaliser of the inputs.
    public let inputNormalizer: Normalizer
    /// Normaliser of the target (one dimension).
    public let targetNormalizer: Normalizer
    /// Training history.
    public internal(set) var history = TrainHistory()
    /// The weights after the final epoch (`network` holds the best-by-validation ones); nil when loaded.
    public internal(set) var lastNetwork: Network?
    /// Run seed.
    public var seed: UInt64 = 0
    /// SHA-256 of the training data (supplied by the caller).
    public var dataSHA256 = ""

    /// Wraps a trained network.
    public init(network: Network, inputNormalizer: Normalizer, targetNormalizer: Normalizer) throws {
        guard network.spec.inputDim == inputNormalizer.dim, network.spec.outputDim == 1, targetNormalizer.dim == 1 else {
            throw TensorError.shape(op: "reward", detail: "reward network must map \(inputNormalizer.dim) inputs to 1 output, got \(network.spec)")
        }
        self.network = network; self.inputNormalizer = inputNormalizer; self.targetNormalizer = targetNormalizer
    }

    /// Trains on inputs [n, d] and rewards [n] or [n, 1]; targets are z-scored.
    public static func train(inputs: Tensor, rewards: Tensor, config: TrainConfig,
                             normalization: Normalizer.Kind = .minMax, dataSHA256: String = "") throws -> RewardModel {
        guard inputs.rank == 2, rewards.count == inputs.shape[0], rewards.rank <= 2 else {
            throw TensorError.shape(op: "train_reward", detail: "need inputs [n, d] and rewards [n]; got \(inputs.shape) and \(rewards.shape)")
        }
        var cfg = config
        if cfg.task == "train" { cfg.task = "train_reward" }
        try cfg.validate()
        let r = try rewards.to(.float32).copy().reshaped([inputs.shape[0], 1])
        let inNorm = try Normalizer(fitting: inputs, kind: normalization)
        let outNorm = try Normalizer(fitting: r, kind: .zScore)
        let spec = try NetworkSpec(dims: [inputs.shape[1]] + cfg.hidden + [1], activation: cfg.activation, layerNorm: cfg.layerNorm ?? false)
        var initRNG = RandomStream(seed: cfg.seed, stream: "init")
        let net = Network(spec: spec, rng: &initRNG)
        let obj = try RegressionObjective(network: net, inputs: try inNorm.apply(inputs), targets: try outNorm.apply(r), batch: cfg.batch)
        var dataRNG = RandomStream(seed: cfg.seed, stream: "data")
        var noise = RandomStream(seed: cfg.seed, stream: "noise")
        let (trainRows, valRows) = Trainer.split(count: inputs.shape[0], valFraction: cfg.valFraction, rng: &dataRNG)
        let last = net.copy()
        let history = try Trainer.run(obj, train: trainRows, val: valRows, config: cfg, dataRNG: &dataRNG, noiseRNG: &noise,
                                      last: last)
        let model = try RewardModel(network: net, inputNormalizer: inNorm, targetNormalizer: outNorm)
        model.lastNetwork = last
        model.history = history; model.seed = cfg.seed; model.dataSHA256 = dataSHA256
        return model
    }

    /// Predicted rewards [n] for inputs [n, d], in raw units.
    public func predict(_ x: Tensor) throws -> Tensor {
        let xbar = try inputNormalizer.apply(x)
        let n = x.shape[0]
        guard n > 0 else { return Tensor.zeros([0]) }
        let y = try MLPWorkspace(network: network, maxRows: min(n, 4096)).apply(xbar)
        return try targetNormalizer.invert(y).reshaped([n])
    }

    /// Gradient of Σ_i g_i·r(x_i) with respect to the inputs x [n, d] (raw units), for cotangent g [n].
    public func vjp(_ x: Tensor, cotangent g: Tensor) throws -> Tensor {
        let n = x.shape[0], d = inputNormalizer.dim
        guard x.rank == 2, x.shape[1] == d, g.count == n else {
            throw TensorError.shape(op: "reward vjp", detail: "need inputs [n, \(d)] and cotangent [n]; got \(x.shape) and \(g.shape)")
        }
        let gx = Tensor.zeros([n, d])
        guard n > 0 else { return gx }
        let xbar = try inputNormalizer.apply(x)
        // dr/dx_c = k_r · (∂y/∂x̄_c) / k_c: the target scale in, the input scale out.
        let gf = g.to(.float32), dOut = Tensor.uninitialized([n, 1]), kr = targetNormalizer.scale[0]
        for r in 0..<n { dOut.storage.f32[r] = kr * gf.storage.f32[r] }
        let ws = try MLPWorkspace(network: network, maxRows: n)
        _ = try ws.forward(input: xbar.storage.f32, rows: n)
        guard let gin = ws.backward(dOut: dOut.storage.f32, needInputGrad: true, needParamGrads: false) else { return gx }
        let o = gx.storage.f32
        for r in 0..<n { for c in 0..<d { o[r * d + c] = gin[r * d + c] / inputNormalizer.scale[c] } }
        return gx
    }

    /// `predict` recorded on the autodiff tape, so a planning cost can differentiate through a learned reward.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let xd = x.detached()
        let y = try GradMode.noGrad { try predict(xd) }
        return Autodiff.record(y.to(x.dtype), op: "reward", inputs: [x]) { [self] g in
            [try self.vjp(xd, cotangent: g).to(x.dtype)]
        }
    }
}
