import SGPNN
import SGPTensor

/// Reshapes x [..., dx] and u [..., du] with shared leading axes to rows, calls `body` on [n, dx], [n, du] and
/// reshapes its [n, k] result back to [..., k]. `what` names the callee in errors.
func batchedCall(_ x: Tensor, _ u: Tensor, dx: Int, du: Int, what: String,
                 _ body: (Tensor, Tensor) throws -> Tensor) throws -> Tensor {
    guard x.rank >= 1, x.shape[x.rank - 1] == dx else { throw RuntimeError("\(what): x must have shape [..., \(dx)], got \(x.shape)") }
    guard u.rank >= 1, u.shape[u.rank - 1] == du else { throw RuntimeError("\(what): u must have shape [..., \(du)], got \(u.shape)") }
    let lead = Array(x.shape.dropLast())
    guard Array(u.shape.dropLast()) == lead else {
        throw RuntimeError("\(what): x \(x.shape) and u \(u.shape) must share their leading axes")
    }
    if x.rank == 2 { return try body(x, u) }
    let n = lead.reduce(1, *)
    let y = try body(try x.reshaped([n, dx]), try u.reshaped([n, du]))
    let k = y.rank == 2 ? y.shape[1] : 1
    return try y.reshaped(lead + (y.rank == 2 ? [k] : []))
}

/// Reads the two positional tensors of a model call `f(x, u)`, rejecting keywords other than `allowed`.
func twoTensorCall(_ args: Arguments, what: String, allowed: [String] = []) throws -> (Tensor, Tensor) {
    for k in args.keywords where !allowed.contains(k.name) {
        throw RuntimeError("unknown keyword argument '\(k.name)' to \(what)", help: didYouMean(k.name, allowed) ?? "call it as f(x, u)")
    }
    guard args.values.count == 2, let x = try args[0].asTensor(), let u = try args[1].asTensor() else {
        throw RuntimeError("\(what) is called as f(x, u) with two tensors, got \(args.values.count) arguments")
    }
    return (x, u)
}

/// A trained dynamics model (or ensemble) as a script sees it: callable `f(x, u)` → x' (ensemble mean, or
/// `member=k`), batched over any leading axes and recorded on the autodiff tape; planners roll it out with the
/// fused MLP kernels.
public final class DynamicsModelValue: OpaqueValue, SavableValue {
    /// The trained model.
    public let model: DynamicsModel

    /// Wraps `model`.
    public init(_ model: DynamicsModel) { self.model = model }

    /// "dynamics model".
    public var typeName: String { "dynamics model" }
    /// `dynamics model: x 2 + u 2 -> x' 2, mlp [4, 64, 64, 2] leaky_relu, ensemble of 5, best val 1.2e-05`.
    public var summary: String {
        let m = model, spec = m.members[0].spec
        var s = "dynamics model: x \(m.stateDim) + u \(m.actionDim) -> x' \(m.stateDim), mlp \(spec.dims) \(spec.activation.rawValue), residual"
        if m.members.count > 1 { s += ", ensemble of \(m.members.count)" }
        if let h = m.histories.first, let v = h.valLoss.indices.contains(h.bestEpoch - 1) ? h.valLoss[h.bestEpoch - 1] : h.valLoss.min() {
            s += ", best val \(short(v))"
        }
        if m.interrupted { s += " (interrupted)" }
        return s
    }
    /// Documented fields.
    public var fieldNames: [String] {
        ["history", "histories", "members", "state_dim", "action_dim", "ensemble", "hidden", "activation", "seed", "data_sha256", "interrupted"]
    }
    /// The value of a documented field.
    public func field(_ name: String) throws -> Value? {
        let m = model
        switch name {
        case "history":
            guard let h = m.histories.first else { return .nil }  // a loaded model keeps no history
            return .opaque(HistoryValue(h, task: "train_dynamics"))
        case "histories": return .makeList(m.histories.map { .opaque(HistoryValue($0, task: "train_dynamics")) })
        case "members":
            return .makeList(try m.members.map { net in
                let one = try DynamicsModel(members: [net], normalizer: m.normalizer, stateDim: m.stateDim, actionDim: m.actionDim)
                one.seed = m.seed; one.dataSHA256 = m.dataSHA256
                return .opaque(DynamicsModelValue(one))
            })
        case "state_dim": return .int(m.stateDim)
        case "action_dim": return .int(m.actionDim)
        case "ensemble": return .int(m.members.count)
        case "hidden": return .makeList(m.members[0].spec.dims.dropFirst().dropLast().map { .int($0) })
        case "activation": return .string(m.members[0].spec.activation.rawValue)
        case "seed": return .number(Double(m.seed))
        case "data_sha256": return .string(m.dataSHA256)
        case "interrupted": return .bool(m.interrupted)
        default: return nil
        }
    }

    /// `f(x, u)` or `f(x, u, member=k)`.
    public func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let (x, u) = try twoTensorCall(args, what: "a dynamics model", allowed: ["member"])
        var member: Int?
        if let mv = args.keywords.first(where: { $0.name == "member" })?.value, !mv.isNil {
            guard let d = mv.numberValue, d == d.rounded(), d >= 0, d < Double(model.members.count) else {
                throw RuntimeError("member must be an integer in 0..<\(model.members.count), got \(mv.repr)")
            }
            member = Int(d)
        }
        return .tensor(try apply(x, u, member: member))
    }

    /// x' for x [..., dx], u [..., du], on the tape.
    public func apply(_ x: Tensor, _ u: Tensor, member: Int? = nil) throws -> Tensor {
        try batchedCall(x, u, dx: model.stateDim, du: model.actionDim, what: "dynamics model") { xs, us in
            try model(xs, us, member: member)
        }
    }

    /// Self-describing safetensors.
    public func save(to path: String) throws { try saveModel(.dynamics(model), to: path) }
}

/// A trained reward model: callable `r(x, u)` (or `r(z)` with z = [x, u]) → rewards [...] in raw units, batched
/// over leading axes and recorded on the autodiff tape (a planning cost can differentiate through it).
public final class RewardModelValue: OpaqueValue, SavableValue {
    /// The trained model.
    public let model: RewardModel
    /// Width of x when known (trained in this run), else nil (loaded: only the input width [x, u] is stored).
    public let stateDim: Int?

    /// Wraps `model`, whose input is [x, u].
    public init(_ model: RewardModel, stateDim: Int?) { self.model = model; self.stateDim = stateDim }
    /// Input width (dx + du).
    var inputDim: Int { model.inputNormalizer.dim }
    /// "reward model".
    public var typeName: String { "reward model" }
    /// `reward model: [x, u] 4 -> r, mlp [4, 64, 64, 1] relu`.
    public var summary: String {
        "reward model: [x, u] \(inputDim) -> r, mlp \(model.network.spec.dims) \(model.network.spec.activation.rawValue)"
    }
    /// Documented fields.
    public var fieldNames: [String] { ["history", "input_dim", "state_dim", "seed", "data_sha256"] }
    /// The value of a documented field.
    public func field(_ name: String) throws -> Value? {
        switch name {
        case "history": return .opaque(HistoryValue(model.history, task: "train_reward"))
        case "input_dim": return .int(inputDim)
        case "state_dim": return stateDim.map { .int($0) } ?? .nil
        case "seed": return .number(Double(model.seed))
        case "data_sha256": return .string(model.dataSHA256)
        default: return nil
        }
    }
    /// `r(x, u)` or `r(z)`, batched over leading axes.
    public func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        if let k = args.keywords.first { throw RuntimeError("a reward model takes no keyword arguments, got '\(k.name)'") }
        let z: Tensor
        switch args.values.count {
        case 1:
            guard let t = try args[0].asTensor() else { throw RuntimeError("a reward model is called as r(x, u) or r(z) with tensors") }
            z = t.to(.float32)
        case 2:
            guard let x = try args[0].asTensor(), let u = try args[1].asTensor(), x.rank >= 1, x.rank == u.rank,
                  Array(x.shape.dropLast()) == Array(u.shape.dropLast()) else {
                throw RuntimeError("a reward model is called as r(x, u) with tensors sharing their leading axes")
            }
            z = try Tensor.concat([x.to(.float32), u.to(.float32)], axis: x.rank - 1)
        default: throw RuntimeError("a reward model is called as r(x, u) or r(z), got \(args.values.count) arguments")
        }
        guard z.rank >= 1, z.shape[z.rank - 1] == inputDim else {
            throw RuntimeError("reward model: [x, u] must have shape [..., \(inputDim)], got \(z.shape)")
        }
        let lead = Array(z.shape.dropLast()), n = lead.reduce(1, *)
        return .tensor(try model(try z.reshaped([n, inputDim])).reshaped(lead))
    }
    /// Self-describing safetensors.
    public func save(to path: String) throws { try saveModel(.reward(model), to: path) }
}

/// Writes a model through `ModelIO` (atomic), turning its errors into runtime errors.
func saveModel(_ m: LearnedModel, to path: String) throws {
    do { try ModelIO.save(m, to: path) } catch let e as RuntimeError { throw e } catch {
        throw RuntimeError("cannot save the model to \(path): \(error)")
    }
}
