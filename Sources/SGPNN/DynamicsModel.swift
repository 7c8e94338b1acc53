import SGPTensor

/// A learned dynamics model x' = x + k_x ⊙ net([x̄, ū]) (residual in normalised space), or an ensemble of
/// K independently initialised members. Trained by MSE on next states in normalised units.
public final class DynamicsModel: @unchecked Sendable {
    /// The member networks (one unless an ensemble).
    public let members: [Network]
    /// Normaliser of x (first `stateDim` entries) and u (the rest).
    public let normalizer: Normalizer
    /// Widths of x and u.
    public let stateDim: Int, actionDim: Int
    /// Per-member training histories.
    public internal(set) var histories: [TrainHistory] = []
    /// Provenance stored in checkpoints.
    public var seed: UInt64 = 0
    /// SHA-256 of the training data (supplied by the caller).
    public var dataSHA256 = ""
    /// Each member's weights after its final epoch (`members` hold the best-by-validation ones); empty when loaded.
    public internal(set) var lastMembers: [Network] = []
    private let caches: [WorkspaceCache]

    /// Wraps trained members.
    public init(members: [Network], normalizer: Normalizer, stateDim: Int, actionDim: Int) throws {
        guard let first = members.first else { throw TensorError.invalid(op: "dynamics", detail: "need at least one member") }
        guard normalizer.dim == stateDim + actionDim,
              members.allSatisfy({ $0.spec.inputDim == stateDim + actionDim && $0.spec.outputDim == stateDim && $0.spec == first.spec }) else {
            throw TensorError.shape(op: "dynamics", detail: "members must map \(stateDim + actionDim) inputs to \(stateDim) outputs with one architecture")
        }
        self.members = members; self.normalizer = normalizer; self.stateDim = stateDim; self.actionDim = actionDim
        caches = members.map { WorkspaceCache(network: $0) }
    }

    /// Trains `ensemble` members on transitions (x [n, dx], u [n, du], x' [n, dx]).
    ///
    /// `horizon` > 1 adds the multi-step loss Σ_{h<H} 0.9^h‖x̂_{h+1} − x_{t+h+1}‖² over windows of consecutive rows
    /// inside one episode. Episodes end where `episodeEnds[t]` is true; without it, row t+1 continues row t when
    /// x[t+1] equals x'[t] exactly (the D4RL layout).
    public static func train(x: Tensor, u: Tensor, xNext: Tensor, config: TrainConfig, ensemble: Int = 1,
                             horizon: Int = 1, episodeEnds: [Bool]? = nil,
                             normalization: Normalizer.Kind = .minMax, dataSHA256: String = "") throws -> DynamicsModel {
        guard x.rank == 2, u.rank == 2, xNext.shape == x.shape, u.shape[0] == x.shape[0] else {
            throw TensorError.shape(op: "train_dynamics", detail: "need x [n, dx], u [n, du], x' [n, dx]; got \(x.shape), \(u.shape), \(xNext.shape)")
        }
        guard ensemble >= 1, ensemble <= 64 else {
            throw TensorError.invalid(op: "train_dynamics", detail: "ensemble must be in 1...64, got \(ensemble)")
        }
        guard horizon >= 1, horizon <= 1000 else {
            throw TensorError.invalid(op: "train_dynamics", detail: "horizon must be in 1...1000, got \(horizon)")
        }
        if let e = episodeEnds, e.count != x.shape[0] {
            throw TensorError.shape(op: "train_dynamics", detail: "episode_ends has \(e.count) entries for \(x.shape[0]) transitions")
        }
        var cfg = config
        if cfg.task == "train" { cfg.task = "train_dynamics" }
        try cfg.validate()
        let n = x.shape[0], dx = x.shape[1], du = u.shape[1]
        let xu = try columnConcat(x, u)
        let norm = try Normalizer(fitting: xu, kind: normalization)
        let inputs = try norm.apply(xu)
        // Targets: (x' − x)/k_x.
        let xf = x.to(.float32), nf = xNext.to(.float32), targets = Tensor.uninitialized([n, dx])
        for r in 0..<n { for c in 0..<dx {
            targets.storage.f32[r * dx + c] = (nf.storage.f32[r * dx + c] - xf.storage.f32[r * dx + c]) / norm.scale[c]
        } }
        let spec = try NetworkSpec(dims: [dx + du] + cfg.hidden + [dx], activation: cfg.activation, layerNorm: cfg.layerNorm ?? false)
        var dataRNG = RandomStream(seed: cfg.seed, stream: "data")
        // Rows the loss starts from: every transition, or the starts of in-episode windows of length H.
        let starts = horizon == 1 ? Array(0..<n) : windowStarts(x: xf, xNext: nf, horizon: horizon, ends: episodeEnds)
        guard starts.count >= 2 else { throw TrainingError.tooFewRows(task: cfg.task, rows: starts.count) }
        let split = Trainer.split(count: starts.count, valFraction: cfg.valFraction, rng: &dataRNG)
        let trainRows = split.train.map { starts[$0] }, valRows = split.val.map { starts[$0] }
        // Multi-step targets are normalised next states x̄' (the rollout adds net outputs to x̄).
        var nextBar = targets
        if horizon > 1 {
            nextBar = Tensor.uninitialized([n, dx])
            for r in 0..<n { for c in 0..<dx {
                nextBar.storage.f32[r * dx + c] = (nf.storage.f32[r * dx + c] - norm.shift[c]) / norm.scale[c]
            } }
        }
        var members: [Network] = [], histories: [TrainHistory] = [], lasts: [Network] = []
        for k in 0..<ensemble {
            var initRNG = RandomStream(seed: cfg.seed, stream: k == 0 ? "init" : "init.\(k)")
            let net = Network(spec: spec, rng: &initRNG)
            let obj: TrainingObjective = horizon == 1
                ? try RegressionObjective(network: net, inputs: inputs, targets: targets, batch: cfg.batch)
                : try MultiStepObjective(network: net, inputs: inputs, targets: nextBar, stateDim: dx, horizon: horizon, batch: cfg.batch)
            var noise = RandomStream(seed: cfg.seed, stream: "noise.\(k)")
            var memberCfg = cfg
            if ensemble > 1 { memberCfg.task = "\(cfg.task)[\(k)]" }
            let last = net.copy()
            histories.append(try Trainer.run(obj, train: trainRows, val: valRows, config: memberCfg,
                                             dataRNG: &dataRNG, noiseRNG: &noise, last: last))
            lasts.append(last)
            members.append(net)
            if histories[k].interrupted { break }
        }
        let model = try DynamicsModel(members: members, normalizer: norm, stateDim: dx, actionDim: du)
        model.histories = histories
        model.lastMembers = lasts
        model.seed = cfg.seed; model.dataSHA256 = dataSHA256
        return model
    }

    /// Starts t of windows t…t+H−1 that stay inside one episode.
    static func windowStarts(x: Tensor, xNext: Tensor, horizon: Int, ends: [Bool]?) -> [Int] {
        let n = x.shape[0], dx = x.shape[1]
        // continues[t]: row t+1 follows row t in the same episode.
        var continues = [Bool](repeating: false, count: n)
        for t in 0..<max(0, n - 1) {
            if let e = ends { continues[t] = !e[t]; continue }
            var same = true
            for c in 0..<dx where x.storage.f32[(t + 1) * dx + c] != xNext.storage.f32[t * dx + c] { same = false; break }
            continues[t] = same
        }
        var out: [Int] = [], run = 0
        // run = number of consecutive continuing links ending at t-1; window at s needs links s…s+H-2.
        for t in stride(from: n - 1, through: 0, by: -1) {
            run = t < n - 1 && continues[t] ? run + 1 : 0
            if run >= horizon - 1 { out.append(t) }
        }
        return out.reversed()
    }

    /// True when training was interrupted (Ctrl-C); the model holds the best weights so far.
    public var interrupted: Bool { histories.contains { $0.interrupted } }

    private func checkInputs(_ x: Tensor, _ u: Tensor) throws -> Tensor {
        guard x.rank == 2, u.rank == 2, x.shape[1] == stateDim, u.shape[1] == actionDim, x.shape[0] == u.shape[0] else {
            throw TensorError.shape(op: "dynamics", detail: "expected x [n, \(stateDim)] and u [n, \(actionDim)], got \(x.shape) and \(u.shape)")
        }
        return try normalizer.apply(try columnConcat(x, u))
    }

    /// Next states [n, dx] from x [n, dx] and u [n, du] (in x's dtype; computed in float32): the ensemble mean,
    /// or member `member`'s prediction.
    public func predict(x: Tensor, u: Tensor, member: Int? = nil) throws -> Tensor {
        let inputs = try checkInputs(x, u)
        let n = x.shape[0], dx = stateDim
        let chosen = try selected(member)
        let out = x.to(.float32).copy()
        let o = out.storage.f32, w = Float(1) / Float(chosen.count)
        for k in chosen {
            let d = try caches[k].with(rows: n) { try $0.apply(inputs) }
            for r in 0..<n { for c in 0..<dx { o[r * dx + c] += w * normalizer.scale[c] * d.storage.f32[r * dx + c] } }
        }
        return out.to(x.dtype)
    }

    /// Vector–Jacobian product of `predict` at (x, u) with cotangent `gy` [n, dx]: returns (∂⟨gy, x'⟩/∂x, ∂/∂u).
    public func vjp(x: Tensor, u: Tensor, cotangent gy: Tensor, member: Int? = nil) throws -> (Tensor, Tensor) {
        let inputs = try checkInputs(x, u)
        let n = x.shape[0], dx = stateDim, du = actionDim, din = dx + du
        guard gy.shape == [n, dx] else {
            throw TensorError.shape(op: "dynamics vjp", detail: "cotangent should be [\(n), \(dx)], got \(gy.shape)")
        }
        let chosen = try selected(member)
        let gyf = gy.to(.float32)
        let gx = gyf.copy(), gu = Tensor.zeros([n, du])
        guard n > 0 else { return (gx, gu) }
        // The network sees k_x ⊙ gy / K; its input gradient comes back in normalised units, so divide by k.
        let scaled = Tensor.uninitialized([n, dx])
        let w = Float(1) / Float(chosen.count)
        for r in 0..<n { for c in 0..<dx { scaled.storage.f32[r * dx + c] = w * normalizer.scale[c] * gyf.storage.f32[r * dx + c] } }
        for k in chosen {
            let ws = try MLPWorkspace(network: members[k], maxRows: n)
            try ws.forward(input: inputs.storage.f32, rows: n)
            guard let g = ws.backward(dOut: scaled.storage.f32, needInputGrad: true, needParamGrads: false) else { continue }
            for r in 0..<n {
                for c in 0..<dx { gx.storage.f32[r * dx + c] += g[r * din + c] / normalizer.scale[c] }
                for c in 0..<du { gu.storage.f32[r * du + c] += g[r * din + dx + c] / normalizer.scale[dx + c] }
            }
        }
        return (gx, gu)
    }

    /// `predict` recorded on the autodiff tape (gradients flow to x and u through `vjp`).
    public func callAsFunction(_ x: Tensor, _ u: Tensor, member: Int? = nil) throws -> Tensor {
        let y = try GradMode.noGrad { try predict(x: x.detached(), u: u.detached(), member: member) }
        let xd = x.detached(), ud = u.detached()
        return Autodiff.record(y.to(x.dtype), op: "dynamics", inputs: [x, u]) { [self] g in
            let (gx, gu) = try self.vjp(x: xd, u: ud, cotangent: g, member: member)
            return [gx.to(x.dtype), gu.to(u.dtype)]
        }
    }

    private func selected(_ member: Int?) throws -> [Int] {
        guard let m = member else { return Array(members.indices) }
        guard m >= 0, m < members.count else { throw TensorError.index(op: "dynamics member", index: m, size: members.count) }
        return [m]
    }
}
