// Matrix products through BLAS GEMM. Forward and backward side by side.

extension Tensor {
    /// Matrix product with NumPy semantics for the common cases: [m,k]@[k,n]; [..., m, k]@[k, n] (leading axes
    /// folded into rows); [b..., m, k]@[b..., k, n] (batch axes broadcast); 1-D operands as vectors.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let a = self, b = other
        guard a.rank >= 1, b.rank >= 1 else {
            throw TensorError.shape(op: "matmul", detail: "cannot multiply scalars \(a.shape) and \(b.shape); use *")
        }
        // Vectors: promote, multiply, then drop the added axis.
        if a.rank == 1 { return try a.reshaped([1, a.shape[0]]).matmul(b).squeezedAxis(-2) }
        if b.rank == 1 { return try a.matmul(b.reshaped([b.shape[0], 1])).squeezedAxis(-1) }
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
        let k2 = b.shape[b.rank - 2], n = b.shape[b.rank - 1]
        guard k == k2 else {
            throw TensorError.shape(op: "matmul", detail: "cannot multiply \(a.shape) by \(b.shape): inner dimensions \(k) and \(k2) differ")
        }
        let dt = DType.promote(a.dtype, b.dtype)
        let ac = a.dtype == dt ? a : a.to(dt), bc = b.dtype == dt ? b : b.to(dt)
        if b.rank == 2 {
            // One GEMM with leading axes folded into rows; `linear` (no bias) has exactly these semantics and a
            // backward pass that uses GEMM transpose flags.
            return try Tensor.linear(ac, bc, nil)
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        if batchA != batchB {
            // NumPy broadcasts the batch axes; materialise both operands to the common batch shape.
            guard let common = try? Shape.broadcast(batchA, batchB, op: "matmul") else {
                throw TensorError.shape(op: "matmul", detail: "cannot multiply \(a.shape) by \(b.shape): batch axes \(batchA) and \(batchB) do not broadcast")
            }
            return try ac.broadcast(to: common + [m, k]).matmul(bc.broadcast(to: common + [k, n]))
        }
        let batch = batchA.reduce(1, *)
        _ = try Shape.checkedCount(batchA + [m, n], op: "matmul")
        let out = Tensor.uninitialized(batchA + [m, n], dtype: dt)
        for i in 0..<batch { Tensor.gemm(ac, bc, out, m: m, n: n, k: k, offA: i * m * k, offB: i * k * n, offC: i * m * n) }
        return Autodiff.record(out, op: "bmm", ac, bc) { g in
            (ac.requiresGrad ? try g.matmul(bc.detached().swappingLastAxes()) : nil,
             bc.requiresGrad ? try ac.detached().swappingLastAxes().matmul(g) : nil)
        }
    }

    static func gemm(_ a: Tensor, _ b: Tensor, _ c: Tensor, m: Int, n: Int, k: Int, offA: Int = 0, offB: Int = 0, offC: Int = 0) {
        switch c.dtype {
        case .float32:
            BLAS.sgemm(m: m, n: n, k: k, a: a.storage.f32 + offA, lda: k, b: b.storage.f32 + offB, ldb: n,
                       c: c.storage.f32 + offC, ldc: n)
        case .float64:
            BLAS.dgemm(m: m, n: n, k: k, a: a.storage.f64 + offA, lda: k, b: b.storage.f64 + offB, ldb: n,
                       c: c.storage.f64 + offC, ldc: n)
        }
    }

    /// Swaps the last two axes (batched transpose), differentiable.
    public func swappingLastAxes() throws -> Tensor {
        guard rank >= 2 else { throw TensorError.shape(op: "transpose", detail: "expected rank ≥ 2, got \(shape)") }
        if rank == 2 { return try transposed() }
        var outShape = shape; outShape.swapAt(rank - 1, rank - 2)
        var st = strides; st.swapAt(rank - 1, rank - 2)
        let out = gatherView(shape: outShape, base: 0, strides: st)
        return Autodiff.record(out, op: "transpose", self) { g in try g.swappingLastAxes() }
    }

    /// Removes an axis of extent 1.
    func squeezedAxis(_ axis: Int) throws -> Tensor {
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: "squeeze")
        var s = shape; s.remove(at: ax)
        return try reshaped(s)
    }
}
