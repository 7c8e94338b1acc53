// Matrix products through BLAS GEMM. Forward and backward side by side.

extension Tensor {
    /// Matrix product with NumPy semantics for the common cases: [m,k]@[k,n]; [..., m, k]@[k, n] (leading axes
    /// folded into rows); [b..., m, k]@[b..., k, n] (same batch axes); 1-D operands as vectors.
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
            let rows = a.count / Swift.max(k, 1)
            let outShape = Array(a.shape.dropLast()) + [n]
            let out = Tensor.uninitialized(outShape, dtype: dt)
            Tensor.gemm(ac, bc, out, m: rows, n: n, k: k)
            return Autodiff.record(out, op: "matmul", inputs: [ac, bc]) { g in
                let g2 = try g.reshaped([rows, n])
                let ga = ac.requiresGrad ? try g2.matmul(bc.detached().transposed()).reshaped(ac.shape) : nil
                let gb = bc.requiresGrad ? try ac.detached().reshaped([rows, k]).transposed().matmul(g2) : nil
                return [ga, gb]
            }
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        guard batchA == batchB else {
            throw TensorError.shape(op: "matmul", detail: "batch axes differ: \(a.shape) and \(b.shape)")
        }
        let batch = batchA.reduce(1, *)
        let out = Tensor.uninitialized(batchA + [m, n], dtype: dt)
        for i in 0..<batch { Tensor.gemm(ac, bc, out, m: m, n: n, k: k, offA: i * m * k, offB: i * k * n, offC: i * m * n) }
        return Autodiff.record(out, op: "bmm", inputs: [ac, bc]) { g in
            [ac.requiresGrad ? try g.matmul(bc.detached().swappingLastAxes()) : nil,
             bc.requiresGrad ? try ac.detached().swappingLastAxes().matmul(g) : nil]
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
        let m = shape[rank - 2], n = shape[rank - 1], batch = count / Swift.max(m * n, 1)
        var outShape = shape; outShape.swapAt(rank - 1, rank - 2)
        let out = Tensor.uninitialized(outShape, dtype: dtype)
        for bi in 0..<batch {
            let o = bi * m * n
            for i in 0..<m { for j in 0..<n { out.setScalar(o + j * m + i, scalar(at: o + i * n + j)) } }
        }
        return Autodiff.record(out, op: "transpose", inputs: [self]) { g in [try g.swappingLastAxes()] }
    }

    /// Removes an axis of extent 1.
    func squeezedAxis(_ axis: Int) throws -> Tensor {
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: "squeeze")
        var s = shape; s.remove(at: ax)
        return try reshaped(s)
    }
}
