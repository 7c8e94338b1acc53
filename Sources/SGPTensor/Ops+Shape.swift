// Shape-only ops: reshape and 2-D transpose.

extension Tensor {
    /// Same elements, new shape (one extent may be -1). Differentiable.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let out = try reshapedRaw(newShape)
        let inShape = shape
        return Autodiff.record(out, op: "reshape", inputs: [self]) { g in [try g.reshapedRaw(inShape)] }
    }

    /// Reshape without recording (shares storage).
    func reshapedRaw(_ newShape: [Int]) throws -> Tensor {
        var s = newShape
        let unknown = s.indices.filter { s[$0] == -1 }
        guard unknown.count <= 1, s.allSatisfy({ $0 >= -1 }) else {
            throw TensorError.invalid(op: "reshape", detail: "invalid target shape \(newShape)")
        }
        if let u = unknown.first {
            let known = s.enumerated().filter { $0.offset != u }.reduce(1) { $0 * $1.element }
            guard known > 0, count % known == 0 else {
                throw TensorError.shape(op: "reshape", detail: "cannot reshape \(shape) (\(count) elements) into \(newShape)")
            }
            s[u] = count / known
        }
        guard s.reduce(1, *) == count else {
            throw TensorError.shape(op: "reshape", detail: "cannot reshape \(shape) (\(count) elements) into \(newShape)")
        }
        return Tensor(shape: s, storage: storage)
    }

    /// Transpose of a 2-D tensor.
    public func transposed() throws -> Tensor {
        guard rank == 2 else { throw TensorError.shape(op: "transpose", detail: "expected a 2-D tensor, got shape \(shape)") }
        let m = shape[0], n = shape[1]
        let out = Tensor.uninitialized([n, m], dtype: dtype)
        switch dtype {
        case .float32: let p = storage.f32, q = out.storage.f32; for i in 0..<m { for j in 0..<n { q[j * m + i] = p[i * n + j] } }
        case .float64: let p = storage.f64, q = out.storage.f64; for i in 0..<m { for j in 0..<n { q[j * m + i] = p[i * n + j] } }
        }
        return Autodiff.record(out, op: "transpose", inputs: [self]) { g in [try g.transposed()] }
    }
}
