import SGPEnvs
import SGPTensor

/// An environment as a script sees it: fields for names, dimensions and bounds; `reset`, `step`, `rollout`,
/// `collect` and `true_dynamics` take it as their first argument.
public final class EnvironmentValue: OpaqueValue {
    /// The simulated system (its state changes with `reset`/`step`).
    public let environment: any Environment

    /// Wraps `environment`.
    public init(_ environment: any Environment) { self.environment = environment }

    /// "environment".
    public var typeName: String { "environment" }
    /// `environment cartpole: state 4, action 1, dt 0.05`.
    public var summary: String {
        let e = environment
        return "environment \(e.name): state \(e.stateDim), action \(e.actionDim), dt \(formatNumber(e.dt))"
    }

    /// Documented fields.
    public var fieldNames: [String] {
        ["name", "state_dim", "action_dim", "action_low", "action_high", "state_low", "state_high", "dt",
         "max_steps", "state"]
    }

    /// The value of a documented field (bounds are float32 tensors).
    public func field(_ name: String) throws -> Value? {
        let e = environment
        switch name {
        case "name": return .string(e.name)
        case "state_dim": return .int(e.stateDim)
        case "action_dim": return .int(e.actionDim)
        case "action_low": return .tensor(Tensor(e.actionLow))
        case "action_high": return .tensor(Tensor(e.actionHigh))
        case "state_low": return .tensor(Tensor(e.stateLow))
        case "state_high": return .tensor(Tensor(e.stateHigh))
        case "dt": return .number(e.dt)
        case "max_steps": return .int(e.maxEpisodeSteps)
        case "state": return .tensor(Tensor(e.state))
        default: return nil
        }
    }
}

/// `true_dynamics(env)`: the environment's exact model as a callable `f(x, u)` → x', batched over leading axes
/// and recorded on the autodiff tape. Planners take it as `dynamics=` and reach the system through `environment`.
public final class TrueDynamicsValue: OpaqueValue {
    /// The system whose `trueDynamics` this calls.
    public let environment: any Environment

    /// Wraps `environment`'s true dynamics.
    public init(_ environment: any Environment) { self.environment = environment }

    /// "dynamics".
    public var typeName: String { "dynamics" }
    /// `true dynamics of cartpole: x [.., 4], u [.., 1] -> x' [.., 4]`.
    public var summary: String {
        let e = environment
        return "true dynamics of \(e.name): x [.., \(e.stateDim)], u [.., \(e.actionDim)] -> x' [.., \(e.stateDim)]"
    }
    /// Documented fields.
    public var fieldNames: [String] { ["env", "state_dim", "action_dim"] }
    /// The value of a documented field.
    public func field(_ name: String) throws -> Value? {
        switch name {
        case "env": return .opaque(EnvironmentValue(environment))
        case "state_dim": return .int(environment.stateDim)
        case "action_dim": return .int(environment.actionDim)
        default: return nil
        }
    }

    /// `f(x, u)` with x [..., dx] and u [..., du] sharing their leading axes (none, [N], [B, T], …).
    public func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        guard args.keywords.isEmpty else {
            throw RuntimeError("true dynamics take no keyword arguments, got '\(args.keywords[0].name)'")
        }
        guard args.values.count == 2, let x = try args[0].asTensor(), let u = try args[1].asTensor() else {
            throw RuntimeError("true dynamics are called as f(x, u) with two tensors, got \(args.values.count) arguments")
        }
        return .tensor(try apply(x, u))
    }

    /// x' = f(x, u) for any matching leading axes.
    public func apply(_ x: Tensor, _ u: Tensor) throws -> Tensor {
        let e = environment, dx = e.stateDim, du = e.actionDim
        guard x.rank >= 1, x.shape[x.rank - 1] == dx else {
            throw RuntimeError("\(e.name) dynamics: x must have shape [..., \(dx)], got \(x.shape)")
        }
        guard u.rank >= 1, u.shape[u.rank - 1] == du else {
            throw RuntimeError("\(e.name) dynamics: u must have shape [..., \(du)], got \(u.shape)")
        }
        let lead = Array(x.shape.dropLast())
        guard Array(u.shape.dropLast()) == lead else {
            throw RuntimeError("\(e.name) dynamics: x \(x.shape) and u \(u.shape) must share their leading axes")
        }
        if x.rank == 2 { return try e.trueDynamics(x: x, u: u) }
        let n = lead.reduce(1, *)
        let out = try e.trueDynamics(x: try x.reshaped([n, dx]), u: try u.reshaped([n, du]))
        return try out.reshaped(lead + [dx])
    }
}

extension Arguments {
    /// An environment argument.
    public func environment(_ name: String) throws -> any Environment {
        let v = self[name]
        guard case .opaque(let o as EnvironmentValue) = v else { throw wrongType(name, "an environment", v) }
        return o.environment
    }
}
