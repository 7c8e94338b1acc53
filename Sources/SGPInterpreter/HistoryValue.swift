import SGPNN
import SGPPlot
import SGPTensor

/// A model's training history: per-epoch train and validation loss (per-level validation loss for score models).
/// Fields are tensors; `plot(h)` draws the curves.
public final class HistoryValue: OpaqueValue, PlottableValue {
    /// The recorded history.
    public let history: TrainHistory
    /// σ of each level (score models), for the per-level legend.
    public let sigmas: [Double]
    /// What was trained ("train_dynamics", "train_score", …).
    public let task: String

    /// Wraps `history`.
    public init(_ history: TrainHistory, task: String, sigmas: [Double] = []) {
        self.history = history; self.task = task; self.sigmas = sigmas
    }

    /// "history".
    public var typeName: String { "history" }
    /// `history of train_score: 20 epochs, train 0.81 → 0.42, val 0.80 → 0.43 (best epoch 19)`.
    public var summary: String {
        let h = history
        guard let t0 = h.trainLoss.first, let t1 = h.trainLoss.last else { return "history of \(task): no epochs recorded" }
        var s = "history of \(task): \(h.trainLoss.count) epoch\(h.trainLoss.count == 1 ? "" : "s"), train \(short(t0)) → \(short(t1))"
        if let v0 = h.valLoss.first, let v1 = h.valLoss.last { s += ", val \(short(v0)) → \(short(v1))" }
        s += " (best epoch \(h.bestEpoch))"
        if h.interrupted { s += " (interrupted)" }
        if h.stoppedEarly { s += " (stopped early)" }
        return s
    }
    /// Documented fields.
    public var fieldNames: [String] {
        ["train_loss", "val_loss", "level_val_loss", "epochs", "best_epoch", "interrupted", "stopped_early", "steps"]
    }
    /// Losses as float32 tensors ([E]; `level_val_loss` is [E, L]).
    public func field(_ name: String) throws -> Value? {
        let h = history
        switch name {
        case "train_loss": return .tensor(Tensor(h.trainLoss))
        case "val_loss": return .tensor(Tensor(h.valLoss))
        case "level_val_loss":
            let rows = h.perLevelValLoss, l = rows.first?.count ?? 0
            return .tensor(try Tensor(shape: [rows.count, l], doubles: rows.flatMap { $0 }))
        case "epochs": return .int(h.trainLoss.count)
        case "best_epoch": return .int(h.bestEpoch)
        case "interrupted": return .bool(h.interrupted)
        case "stopped_early": return .bool(h.stoppedEarly)
        case "steps": return .int(h.steps)
        default: return nil
        }
    }

    /// Train and validation loss per epoch; dashed per-level validation losses for score models.
    public func makeFigure(_ options: PlotOptions) throws -> Figure {
        let h = history
        guard !h.trainLoss.isEmpty else { throw RuntimeError("plot: the history of \(task) is empty (a loaded model keeps no history)") }
        var fig = Figure()
        var ax = Axes(title: options.title ?? "\(task) loss", xlabel: options.xlabel ?? "epoch", ylabel: options.ylabel ?? "loss")
        let epochs = h.trainLoss.indices.map { Double($0 + 1) }
        do {
            try ax.plot(epochs, h.trainLoss, label: options.label ?? "train", style: options.style ?? .solid, color: options.color)
            if h.valLoss.count == h.trainLoss.count { try ax.plot(epochs, h.valLoss, label: "val") }
            let levels = h.perLevelValLoss.first?.count ?? 0
            if levels > 1, h.perLevelValLoss.count == h.trainLoss.count {
                for l in 0..<levels {
                    let name = l < sigmas.count ? "val σ=\(formatNumber(sigmas[l]))" : "val level \(l)"
                    try ax.plot(epochs, h.perLevelValLoss.map { $0[l] }, label: name, style: .dashed)
                }
            }
        } catch let e as PlotError { throw RuntimeError(e.description) }
        fig.ax = ax
        return fig
    }
}

/// A number with 4 significant digits for one-line summaries.
func short(_ d: Double) -> String {
    guard d.isFinite else { return formatNumber(d) }
    return formatNumber(Double(String(format: "%.4g", d)) ?? d)
}
