import SGPTensor

/// What the shared training loop drives: a flat parameter vector, and a fused loss+gradient on chosen rows.
public protocol TrainingObjective: AnyObject {
    /// The network being trained (its flat parameters are updated in place).
    var network: Network { get }
    /// Loss on training rows `rows` (indices into the objective's data); writes gradients into
    /// `gradients` (overwriting). `rng` draws any noise.
    func lossAndGradient(rows: UnsafeBufferPointer<Int>, rng: inout RandomStream) throws -> Double
    /// Gradient buffer written by `lossAndGradient` (network layout).
    var gradients: UnsafeMutablePointer<Float> { get }
    /// Validation loss on `rows` and an optional per-level breakdown.
    func validationLoss(rows: [Int], rng: inout RandomStream) throws -> (loss: Double, perLevel: [Double])
}

/// Per-epoch metrics and how training ended.
public struct TrainHistory: Sendable, Equatable {
    /// Mean training loss per epoch.
    public var trainLoss: [Double] = []
    /// Validation loss per epoch (empty without a validation split).
    public var valLoss: [Double] = []
    /// Validation loss per noise level per epoch (score models).
    public var perLevelValLoss: [[Double]] = []
    /// Epoch (1-based) whose weights were kept.
    public var bestEpoch = 0
    /// Ctrl-C stopped training; the best weights so far were kept.
    public var interrupted = false
    /// Early stopping fired.
    public var stoppedEarly = false
    /// Optimiser steps taken.
    public var steps = 0

    /// The history as CSV: epoch, loss, val_loss, then val_level_<l> columns.
    public var csv: String {
        let levels = perLevelValLoss.first?.count ?? 0
        var s = "epoch,loss,val_loss" + (0..<levels).map { ",val_level_\($0)" }.joined() + "\n"
        for e in trainLoss.indices {
            s += "\(e + 1),\(trainLoss[e]),\(e < valLoss.count ? String(valLoss[e]) : "")"
            if e < perLevelValLoss.count { s += perLevelValLoss[e].map { ",\($0)" }.joined() }
            s += "\n"
        }
        return s
    }
}

/// The training loop shared by all models: seeded shuffled minibatches, a held-out validation split,
/// best-by-validation weights, early stopping, NaN/Inf detection, progress, and cancellation at batch boundaries.
public enum Trainer {
    /// Splits `count` rows into (train, validation) with the seed's "data" stream.
    public static func split(count: Int, valFraction: Double, rng: inout RandomStream) -> (train: [Int], val: [Int]) {
        let perm = rng.permutation(count)
        let nVal = count >= 10 ? Int((Double(count) * valFraction).rounded()) : 0
        return (Array(perm[nVal...]), Array(perm[..<nVal]))
    }

    /// Trains `objective` on rows `train`, validating on `val`. On return the network holds the best-by-validation
    /// weights (the last weights without validation); `last` receives the final weights.
    public static func run(_ objective: TrainingObjective, train: [Int], val: [Int], config: TrainConfig,
                           dataRNG: inout RandomStream, noiseRNG: inout RandomStream,
                           last: Network? = nil) throws -> TrainHistory {
        try config.validate()
        guard train.count >= 2 else { throw TrainingError.tooFewRows(task: config.task, rows: train.count) }
        let net = objective.network
        let n = net.parameterCount
        let opt = Adam(count: n, weightDecay: Float(config.weightDecay), decoupled: config.decoupledDecay,
                       clipNorm: config.clip.map(Float.init))
        let batch = min(config.batch, train.count)
        let perEpoch = (train.count + batch - 1) / batch
        let total = perEpoch * config.epochs
        var history = TrainHistory()
        let best = net.copy()
        var bestVal = Double.infinity, sinceBest = 0
        var order = train
        outer: for epoch in 1...config.epochs {
            // Fisher–Yates on the training rows with the data stream (one shuffle per epoch).
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, dataRNG.int(below: i + 1)) }
            var sum = 0.0, batches = 0
            var start = 0
            while start < order.count {
                if Cancellation.isRequested { history.interrupted = true; break outer }
                let end = min(order.count, start + batch)
                let loss = try order.withUnsafeBufferPointer { all in
                    try objective.lossAndGradient(rows: UnsafeBufferPointer(rebasing: all[start..<end]), rng: &noiseRNG)
                }
                guard loss.isFinite else { throw TrainingError.nonFinite(task: config.task, epoch: epoch, loss: loss) }
                let lr = config.schedule.rate(step: history.steps, total: total, base: config.lr)
                opt.update(params: net.parameters.storage.f32, grads: objective.gradients, lr: Float(lr))
                guard opt.lastGradNorm.isFinite else {
                    throw TrainingError.nonFinite(task: config.task, epoch: epoch, loss: opt.lastGradNorm)
                }
                history.steps += 1
                sum += loss; batches += 1
                start = end
            }
            let trainLoss = sum / Double(max(1, batches))
            history.trainLoss.append(trainLoss)
            var metrics: [(String, Double)] = [("loss", trainLoss)]
            if !val.isEmpty {
                // Same validation noise every epoch, so epochs are comparable.
                var vr = RandomStream(seed: config.seed, stream: "validation")
                let (v, levels) = try objective.validationLoss(rows: val, rng: &vr)
                guard v.isFinite else { throw TrainingError.nonFinite(task: config.task, epoch: epoch, loss: v) }
                history.valLoss.append(v)
                if !levels.isEmpty { history.perLevelValLoss.append(levels) }
                metrics.append(("val_loss", v))
                if v < bestVal {
                    bestVal = v; sinceBest = 0; history.bestEpoch = epoch; best.load(from: net)
                } else {
                    sinceBest += 1
                }
            } else {
                history.bestEpoch = epoch
            }
            ProgressSink.report(ProgressEvent(task: config.task, done: epoch, total: config.epochs, metrics: metrics))
            if let p = config.patience, !val.isEmpty, sinceBest >= p { history.stoppedEarly = true; break }
        }
        last?.load(from: net)
        if !val.isEmpty && history.bestEpoch > 0 { net.load(from: best) }
        ProgressSink.done(config.task)
        return history
    }
}
