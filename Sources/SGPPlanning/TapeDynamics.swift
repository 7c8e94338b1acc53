import SGPTensor

/// Dynamics given as a differentiable function of tensors, x_{t+1} = step(x_t [B, dx], u_t [B, du]) → [B, dx],
/// differentiated with the SGPTensor autodiff tape (for true environment dynamics written with tensor ops, or a
/// user function from the language).
///
/// Forward runs without recording; backward re-runs each step with x_t, u_t tracked and pulls the incoming
/// gradient back through it (one vector–Jacobian product per step), so no graph spans the horizon.
public final class TapeDynamics: RolloutDynamics {
    public let stateDim: Int
    public let actionDim: Int
    /// The one-step map.
    public let step: (Tensor, Tensor) throws -> Tensor

    /// Wraps `step`, which must map x [B, stateDim] and u [B, actionDim] to x' [B, stateDim].
    public init(stateDim: Int, actionDim: Int, step: @escaping (Tensor, Tensor) throws -> Tensor) throws {
        guard stateDim > 0, actionDim > 0 else {
            throw PlanningError.invalid(argument: "stateDim", detail: "state and action widths must be positive, got \(stateDim) and \(actionDim)")
        }
        self.stateDim = stateDim; self.actionDim = actionDim; self.step = step
    }

    /// Copies columns [c0, c0 + n) of `batch` rows at `p` (stride ld) into a fresh [batch, n] tensor.
    func slice(_ p: UnsafePointer<Float>, batch: Int, ld: Int, c0: Int, n: Int) -> Tensor {
        let t = Tensor.uninitialized([batch, n])
        for r in 0..<batch { (t.storage.f32 + r * n).update(from: p + r * ld + c0, count: n) }
        return t
    }

    func checked(_ y: Tensor, batch: Int) throws -> Tensor {
        guard y.shape == [batch, stateDim] else { throw PlanningError.shape(argument: "dynamics", expected: [batch, stateDim], got: y.shape) }
        return y.dtype == .float32 ? y : y.detached().to(.float32)
    }

    public func rollout(z: UnsafeMutablePointer<Float>, batch: Int, horizon: Int, keepCache: Bool) throws {
        let d = stateDim + actionDim
        try GradMode.noGrad {
            for t in 0..<horizon {
                let cur = z + t * batch * d
                let x = slice(cur, batch: batch, ld: d, c0: 0, n: stateDim)
                let u = slice(cur, batch: batch, ld: d, c0: stateDim, n: actionDim)
                let y = try checked(step(x, u), batch: batch)
                let next = z + (t + 1) * batch * d
                for r in 0..<batch { (next + r * d).update(from: y.storage.f32 + r * stateDim, count: stateDim) }
            }
        }
    }

    public func backward(z: UnsafePointer<Float>, g: UnsafeMutablePointer<Float>, batch: Int, horizon: Int) throws {
        let d = stateDim + actionDim
        for t in stride(from: horizon - 1, through: 0, by: -1) {
            let cur = z + t * batch * d
            let x = slice(cur, batch: batch, ld: d, c0: 0, n: stateDim).requiringGrad()
            let u = slice(cur, batch: batch, ld: d, c0: stateDim, n: actionDim).requiringGrad()
            let y = try GradMode.withGrad { try step(x, u) }
            guard y.shape == [batch, stateDim] else { throw PlanningError.shape(argument: "dynamics", expected: [batch, stateDim], got: y.shape) }
            let seed = slice(g + (t + 1) * batch * d, batch: batch, ld: d, c0: 0, n: stateDim)
            let grads = try Autodiff.gradients(of: y, wrt: [x, u], seed: y.dtype == .float32 ? seed : seed.to(y.dtype))
            let gx = grads[0].dtype == .float32 ? grads[0] : grads[0].to(.float32)
            let gu = grads[1].dtype == .float32 ? grads[1] : grads[1].to(.float32)
            let gz = g + t * batch * d
            for r in 0..<batch {
                let row = gz + r * d
                for j in 0..<stateDim { row[j] += gx.storage.f32[r * stateDim + j] }
                for j in 0..<actionDim { row[stateDim + j] += gu.storage.f32[r * actionDim + j] }
            }
        }
    }
}
