import SGPSyntax
import SGPTensor

/// The one place the evaluator maps language operators and subscripts onto tensor ops.
enum TensorBridge {
    /// One component of a tensor subscript.
    typealias Index = SliceSpec

    static func pow(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        // A constant scalar exponent (x^2) uses the cheaper unary power with its simple derivative.
        if y.count == 1, y.rank == 0, y.node == nil { return x.pow(y.scalar(at: 0)) }
        return try x.pow(y)
    }

    static func mod(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        // Floored modulo, x - y * floor(x / y), on constants only (the gradient of floor is zero almost everywhere).
        let q = try (x.detached() / y.detached())
        let fl = Tensor.uninitialized(q.shape, dtype: q.dtype)
        for i in 0..<q.count {
            let v = q.scalar(at: i).rounded(.down)
            if q.dtype == .float32 { fl.storage.f32[i] = Float(v) } else { fl.storage.f64[i] = v }
        }
        return try x - y * fl
    }

    static func compare(_ x: Tensor, _ y: Tensor, _ op: BinaryOp) throws -> Tensor {
        let c: Comparison
        switch op {
        case .lt: c = .lt
        case .le: c = .le
        case .gt: c = .gt
        case .ge: c = .ge
        case .eq: c = .eq
        default: c = .ne
        }
        return try Tensor.compare(x, y, c)
    }

    /// Rows `indices` along the first axis (differentiable).
    static func gather(_ t: Tensor, _ indices: Tensor) throws -> Tensor { try t.gather(indices: indices, axis: 0) }

    static func subscriptTensor(_ t: Tensor, _ idx: [Index]) throws -> Tensor { try t.slice(idx) }

    /// `x` with the positions selected by `idx` replaced by `v` (broadcast), as a new tensor: the value of
    /// `x[idx] = v`. Differentiable in both `x` and `v`.
    static func replacing(_ x: Tensor, _ idx: [Index], with v: Tensor) throws -> Tensor {
        guard x.rank > 0 else { throw RuntimeError("cannot assign into a rank-0 tensor by index") }
        let n = x.count
        // Flat positions of the selected elements, computed on an index tensor (float64 holds them exactly).
        let positions = try Tensor.arange(0, Double(n), dtype: .float64).reshaped(x.shape).slice(idx)
        let flat = try positions.reshaped([-1])
        let values = try v.to(x.dtype).broadcast(to: positions.shape).reshaped([-1])
        let zeros = Tensor.zeros([n], dtype: x.dtype)
        let mask = try GradMode.noGrad {
            try Tensor.scatterAdd(into: zeros, indices: flat, values: Tensor.ones([flat.count], dtype: x.dtype), axis: 0)
        }.reshaped(x.shape)
        let placed = try Tensor.scatterAdd(into: zeros, indices: flat, values: values, axis: 0).reshaped(x.shape)
        return try x * (Tensor.ones(x.shape, dtype: x.dtype) - mask) + placed
    }

    /// Stacks equal-shape tensors along a new first axis (differentiable).
    static func stack(_ ts: [Tensor]) throws -> Tensor { try Tensor.stack(ts, axis: 0) }
}
