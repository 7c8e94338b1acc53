import CKernels

// The fused dense layer: activation(x @ w + b) with the bias broadcast into C before one GEMM (beta = 1), and a
// backward pass that calls GEMM with transpose flags instead of materialising transposes.

extension Tensor {
    /// Elementwise nonlinearity applied by `Tensor.linear` (and `activated(_:)`).
    public enum Activation: Sendable, Equatable {
        case identity, relu, tanh, sigmoid, softplus, silu
        case elu(alpha: Double)
        case leakyRelu(slope: Double)
    }

    /// Applies an activation (differentiable).
    public func activated(_ a: Activation) -> Tensor {
        switch a {
        case .identity: return self
        case .relu: return relu()
        case .tanh: return tanh()
        case .sigmoid: return sigmoid()
        case .softplus: return softplus()
        case .silu: return silu()
        case let .elu(alpha): return elu(alpha: alpha)
        case let .leakyRelu(slope): return leakyRelu(slope: slope)
        }
    }

    /// activation(x @ w + b) for x of shape [..., k], w [k, n], b [n] (or nil). Leading axes of x are folded into
    /// GEMM rows. Differentiable in x, w and b.
    public static func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?, activation: Activation = .identity) throws -> Tensor {
        guard x.rank >= 1, w.rank == 2 else {
            throw TensorError.shape(op: "linear", detail: "expected x [..., k] and w [k, n], got \(x.shape) and \(w.shape)")
        }
        let k = w.shape[0], n = w.shape[1]
        guard x.shape[x.rank - 1] == k else {
            throw TensorError.shape(op: "linear", detail: "cannot multiply \(x.shape) by \(w.shape): inner dimensions \(x.shape[x.rank - 1]) and \(k) differ")
        }
        if let b, b.shape != [n] {
            throw TensorError.shape(op: "linear", detail: "bias of shape \(b.shape) does not match output features [\(n)] of weight \(w.shape)")
        }
        let dt = DType.promote(x.dtype, w.dtype)
        let xc = x.to(dt), wc = w.to(dt), bc = b?.to(dt)
        let rows = k == 0 ? x.count : x.count / k
        let outShape = Array(x.shape.dropLast()) + [n]
        _ = try Shape.checkedCount(outShape, op: "linear")
        let z = Tensor.uninitialized(outShape, dtype: dt)
        // GEMM with beta = 0, then one fused pass adds the bias and applies the activation. Measured against
        // copying the bias into C and running GEMM with beta = 1: that costs a second pass over the output, which
        // matters at the small K of the first layers (K = 23: GEMM is only ~7 µs for 64×256 outputs).
        switch dt {
        case .float32:
            BLAS.sgemm(m: rows, n: n, k: k, a: xc.storage.f32, lda: k, b: wc.storage.f32, ldb: n, c: z.storage.f32, ldc: n)
        case .float64:
            BLAS.dgemm(m: rows, n: n, k: k, a: xc.storage.f64, lda: k, b: wc.storage.f64, ldb: n, c: z.storage.f64, ldc: n)
        }
        let needX = xc.requiresGrad, needW = wc.requiresGrad, needB = bc?.requiresGrad ?? false
        let recording = GradMode.isEnabled && (needX || needW || needB)
        // The activation runs in place on z unless its derivative needs the pre-activation values.
        let keepZ = recording && activation.derivativeNeedsInput
        let y: Tensor
        if keepZ {
            Tensor.applyInPlace(.identity, z, bias: bc)
            y = z.copy()
            Tensor.applyInPlace(activation, y, bias: nil)
        } else {
            y = z
            Tensor.applyInPlace(activation, y, bias: bc)
        }
        guard recording else { return y }
        let xd = xc.detached(), wd = wc.detached(), zd = keepZ ? z : y
        let inputs = [xc, wc] + (bc.map { [$0] } ?? [])
        return Autodiff.record(y, op: "linear", inputs: inputs) { g in
            let gz = Tensor.activationGradient(activation, g: g.to(dt), y: y, x: zd)
            let gx = needX ? Tensor.uninitialized(xd.shape, dtype: dt) : nil
            let gw = needW ? Tensor.uninitialized(wd.shape, dtype: dt) : nil
            let gb = needB ? Tensor.uninitialized([n], dtype: dt) : nil
            switch dt {
            case .float32:
                // gx = gz @ wᵀ, gw = xᵀ @ gz, gb = Σ_rows gz
                if let gx { BLAS.sgemm(transB: true, m: rows, n: k, k: n, a: gz.storage.f32, lda: n, b: wd.storage.f32, ldb: n, c: gx.storage.f32, ldc: k) }
                if let gw { BLAS.sgemm(transA: true, m: k, n: n, k: rows, a: xd.storage.f32, lda: k, b: gz.storage.f32, ldb: n, c: gw.storage.f32, ldc: n) }
                if let gb { sgp_rows_sum_f32(gz.storage.f32, rows, n, gb.storage.f32) }
            case .float64:
                if let gx { BLAS.dgemm(transB: true, m: rows, n: k, k: n, a: gz.storage.f64, lda: n, b: wd.storage.f64, ldb: n, c: gx.storage.f64, ldc: k) }
                if let gw { BLAS.dgemm(transA: true, m: k, n: n, k: rows, a: xd.storage.f64, lda: k, b: gz.storage.f64, ldb: n, c: gw.storage.f64, ldc: n) }
                if let gb { sgp_rows_sum_f64(gz.storage.f64, rows, n, gb.storage.f64) }
            }
            return [gx, gw] + (bc == nil ? [] : [gb])
        }
    }
}
