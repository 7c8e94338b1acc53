import SGPTensor

/// Settings shared by every trainer (dynamics, score, reward). Defaults follow the paper's reference runs.
public struct TrainConfig: Sendable, Equatable {
    /// Hidden widths.
    public var hidden: [Int] = [256, 256, 256, 256]
    /// Nonlinearity between layers.
    public var activation: Activation = .relu
    /// LayerNorm on hidden blocks (nil: only for noise-conditioned networks).
    public var layerNorm: Bool? = nil
    /// Passes over the training rows.
    public var epochs = 100
    /// Rows per optimiser step.
    public var batch = 1024
    /// Base learning rate.
    public var lr = 1e-3
    /// Weight decay (AdamW-style, decoupled, unless `decoupledDecay` is false).
    public var weightDecay = 0.0
    /// AdamW-style decay (true) or Adam's L2 term (false).
    public var decoupledDecay = true
    /// Clip the global gradient norm to this value (nil: off).
    public var clip: Double? = nil
    /// Learning-rate schedule over the whole run.
    public var schedule: LRSchedule = .constant
    /// Held-out fraction of rows for validation (0: none; best = last). Data sets under 10 rows get none.
    public var valFraction = 0.1
    /// Stop after this many epochs without a validation improvement (nil: never).
    public var patience: Int? = nil
    /// Run seed: the "data" stream shuffles and splits, "init" initialises, "noise" draws DSM noise.
    public var seed: UInt64 = 0
    /// Name shown in progress events.
    public var task = "train"

    /// The defaults.
    public init() {}

    /// Checks ranges, naming the offending setting.
    public func validate() throws {
        func bad(_ d: String) -> TensorError { .invalid(op: task, detail: d) }
        guard epochs >= 1, epochs <= 1_000_000 else { throw bad("epochs must be in 1...1000000, got \(epochs)") }
        guard batch >= 1, batch <= 1 << 20 else { throw bad("batch must be in 1...1048576, got \(batch)") }
        guard lr.isFinite, lr > 0 else { throw bad("lr must be a positive number, got \(lr)") }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw bad("weight_decay must be ≥ 0, got \(weightDecay)") }
        if let c = clip { guard c.isFinite, c > 0 else { throw bad("clip must be positive, got \(c)") } }
        guard valFraction >= 0, valFraction < 1 else { throw bad("val_fraction must be in [0, 1), got \(valFraction)") }
        if let p = patience { guard p >= 1 else { throw bad("patience must be ≥ 1, got \(p)") } }
        guard hidden.allSatisfy({ $0 >= 1 && $0 <= 1 << 16 }) else { throw bad("hidden widths must be in 1...65536, got \(hidden)") }
    }
}

/// Why training stopped with an error.
public enum TrainingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The loss (or gradient) became NaN or infinite.
    case nonFinite(task: String, epoch: Int, loss: Double)
    /// Not enough rows to train on.
    case tooFewRows(task: String, rows: Int)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .nonFinite(task, epoch, loss):
            return "\(task): loss became \(loss) in epoch \(epoch); lower lr, enable clip, or check the data for NaN/Inf"
        case let .tooFewRows(task, rows):
            return "\(task): need at least 2 training rows, got \(rows)"
        }
    }
}
