import SGPData
import SGPNN
import SGPPlanning
import SGPTensor

/// What the score/distance values share: the level chosen by `level=`/`sigma=` and the batched call shape.
protocol LeveledField: OpaqueValue {
    /// Noise levels, coarsest first.
    var sigmaList: [Double] { get }
    /// Row width.
    var rowDim: Int { get }
}

extension LeveledField {
    /// The level from a call's keywords: `level=k` (negative counts from the end), `sigma=σ` (must be a trained
    /// level: nearest within 1e-6 relative), else the finest.
    func level(from args: Arguments, what: String) throws -> Int {
        let names = ["level", "sigma"]
        for k in args.keywords where !names.contains(k.name) {
            throw RuntimeError("unknown keyword argument '\(k.name)' to \(what)", help: didYouMean(k.name, names) ?? "use level= or sigma=")
        }
        let l = args.keywords.first { $0.name == "level" }?.value ?? .nil
        let s = args.keywords.first { $0.name == "sigma" }?.value ?? .nil
        let count = sigmaList.count
        if !l.isNil {
            guard s.isNil else { throw RuntimeError("\(what): give level= or sigma=, not both") }
            guard let d = l.numberValue, d == d.rounded(), d >= -Double(count), d < Double(count) else {
                throw RuntimeError("\(what): level must be an integer in 0..<\(count) (or negative from the end), got \(l.repr)")
            }
            return Int(d) < 0 ? Int(d) + count : Int(d)
        }
        if !s.isNil {
            guard let sigma = s.numberValue else { throw RuntimeError("\(what): sigma must be a number, got \(s.typeName)") }
            guard let i = sigmaList.firstIndex(where: { abs($0 - sigma) <= 1e-6 * max(abs(sigma), 1e-12) }) else {
                throw RuntimeError("\(what): sigma \(formatNumber(sigma)) is not one of the levels [\(sigmaList.map(formatNumber).joined(separator: ", "))]",
                                   help: "pass level= (0 = coarsest) or one of the listed sigmas")
            }
            return i
        }
        return count - 1
    }

    /// Applies `body` to the rows of z [..., dim] (stop-gradient) and restores the leading axes.
    func rowsCall(_ args: Arguments, what: String, _ body: (Tensor) throws -> Tensor) throws -> Tensor {
        guard args.values.count == 1, let z = try args[0].asTensor() else {
            throw RuntimeError("\(what) is called as s(z) with one tensor z [..., \(rowDim)], got \(args.values.count) arguments")
        }
        guard z.rank >= 1, z.shape[z.rank - 1] == rowDim else { throw RuntimeError("\(what): z must have shape [..., \(rowDim)], got \(z.shape)") }
        let lead = Array(z.shape.dropLast()), n = lead.reduce(1, *)
        let y = try body(try z.detached().to(.float32).reshaped([n, rowDim]))
        return try y.reshaped(lead + (y.rank == 2 ? [y.shape[1]] : []))
    }
}

/// A learned score model: `s(z, level=)` or `s(z, sigma=)` → the score in raw units (a constant for autodiff).
public final class ScoreModelValue: OpaqueValue, SavableValue, LeveledField, ScoreField {
    /// The trained model.
    public let model: ScoreModel
    /// Wraps `model`.
    public init(_ model: ScoreModel) { self.model = model }

    var sigmaList: [Double] { model.sigmas }
    var rowDim: Int { model.dim }
    /// "score model".
    public var typeName: String { "score model" }
    /// `score model on xu: dim 4, 10 levels σ 0.3 → 0.05 (all), mlp [4, 256, 256, 4]`.
    public var summary: String {
        let m = model
        var s = "score model on \(m.on): dim \(m.dim), \(m.sigmas.count) level\(m.sigmas.count == 1 ? "" : "s") σ "
        s += "\(formatNumber(m.sigmas.first ?? 0)) → \(formatNumber(m.sigmas.last ?? 0)) (\(m.mode.rawValue)), mlp \(m.network.spec.dims) \(m.network.spec.activation.rawValue)"
        if m.interrupted { s += " (interrupted)" }
        return s
    }
    /// Documented fields.
    public var fieldNames: [String] { ["sigmas", "levels", "dim", "on", "history", "level_mode", "seed", "data_sha256", "interrupted"] }
    /// The value of a documented field.
    public func field(_ name: String) throws -> Value? {
        let m = model
        switch name {
        case "sigmas": return .opaque(SigmasValue(m.sigmas, kind: "trained"))
        case "levels": return .int(m.sigmas.count)
        case "dim": return .int(m.dim)
        case "on": return .string(m.on)
        case "history": return .opaque(HistoryValue(m.history, task: "train_score", sigmas: m.sigmas))
        case "level_mode": return .string(m.mode.rawValue)
        case "seed": return .number(Double(m.seed))
        case "data_sha256": return .string(m.dataSHA256)
        case "interrupted": return .bool(m.interrupted)
        default: return nil
        }
    }
    /// `s(z, level=)` / `s(z, sigma=)`.
    public func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let l = try level(from: args, what: "score model")
        return .tensor(try rowsCall(args, what: "score model") { try model.score(z: $0, level: l) })
    }
    /// Self-describing safetensors.
    public func save(to path: String) throws { try saveModel(.score(model), to: path) }

    // ScoreField, for the planners.
    /// Row width.
    public var dim: Int { model.dim }
    /// Number of levels.
    public var levels: Int { model.sigmas.count }
    /// σ per level (the model's normalised units).
    public var sigmas: [Double] { model.sigmas }
    /// Raw-unit scores of rows.
    public func score(_ z: Tensor, level: Int) throws -> Tensor { try model.score(z: z, level: level) }
}

/// The exact oracles over a dataset (`data_score`, `smoothed_distance`) share their fields.
protocol OracleBacked: LeveledField {
    var oracle: ExactScore { get }
    /// Which columns of the dataset ("x", "xu", "xux", or "tensor").
    var on: String { get }
}

extension OracleBacked {
    var sigmaList: [Double] { oracle.sigmas }
    var rowDim: Int { oracle.dim }
    var oracleFieldNames: [String] { ["sigmas", "levels", "dim", "on", "n"] }

    func oracleField(_ name: String) -> Value? {
        switch name {
        case "sigmas": return .opaque(SigmasValue(oracle.sigmas, kind: "list"))
        case "levels": return .int(oracle.levels)
        case "dim": return .int(oracle.dim)
        case "on": return .string(on)
        case "n": return .int(oracle.count)
        default: return nil
        }
    }
}

/// `data_score(data, sigma)`: the exact score of the blurred data, same interface as a learned score.
public final class ExactScoreValue: OpaqueValue, OracleBacked {
    /// The oracle.
    public let oracle: ExactScore
    /// Which columns of the dataset ("x", "xu", "xux", or "tensor").
    public let on: String
    /// Wraps `oracle`.
    public init(_ oracle: ExactScore, on: String) { self.oracle = oracle; self.on = on }

    /// "data score".
    public var typeName: String { "data score" }
    /// `exact data score on xu: 2000 points of dim 4, σ [0.3, 0.05]`.
    public var summary: String {
        "exact data score on \(on): \(oracle.count) points of dim \(oracle.dim), σ [\(oracle.sigmas.map(short).joined(separator: ", "))]"
    }
    /// Documented fields.
    public var fieldNames: [String] { oracleFieldNames }
    /// The value of a documented field.
    public func field(_ name: String) throws -> Value? { oracleField(name) }
    /// `s(z, level=)` / `s(z, sigma=)`.
    public func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let l = try level(from: args, what: "data score")
        return .tensor(try rowsCall(args, what: "data score") { try oracle.score($0, level: l) })
    }
}

/// `smoothed_distance(data, sigma)`: d_σ(z) = −σ² log Σ_i exp(−‖z − z_i‖²/2σ²), callable `d(z, level=|sigma=)` → [...].
public final class SmoothedDistanceValue: OpaqueValue, OracleBacked {
    /// The oracle.
    public let oracle: ExactScore
    /// Which columns of the dataset.
    public let on: String
    /// Wraps `oracle`.
    public init(_ oracle: ExactScore, on: String) { self.oracle = oracle; self.on = on }

    /// "smoothed distance".
    public var typeName: String { "smoothed distance" }
    /// `smoothed distance to 2000 points on xu (dim 4), σ [0.1]`.
    public var summary: String {
        "smoothed distance to \(oracle.count) points on \(on) (dim \(oracle.dim)), σ [\(oracle.sigmas.map(short).joined(separator: ", "))]"
    }
    /// Documented fields.
    public var fieldNames: [String] { oracleFieldNames }
    /// The value of a documented field.
    public func field(_ name: String) throws -> Value? { oracleField(name) }
    /// `d(z, level=)` / `d(z, sigma=)`.
    public func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let l = try level(from: args, what: "smoothed distance")
        return .tensor(try rowsCall(args, what: "smoothed distance") { try oracle.distance($0, level: l) })
    }
}

/// The rows a score is trained on or evaluated against: "x", "xu" ([x, u]) or "xux" ([x, u, x']).
func datasetRows(_ d: Dataset, on: String, owner: String) throws -> Tensor {
    let x = d.x.to(.float32), u = d.u.to(.float32)
    switch on {
    case "x": return x
    case "xu": return try Tensor.concat([x, u], axis: 1)
    case "xux": return try Tensor.concat([x, u, d.xNext.to(.float32)], axis: 1)
    default:
        throw RuntimeError("argument 'on' to '\(owner)' must be \"x\", \"xu\" or \"xux\", got \"\(on)\"",
                           help: didYouMean(on, ["x", "xu", "xux"]))
    }
}
