// Shape ops: reshape, transpose, permute, squeeze/unsqueeze, concat, stack, split.

extension Tensor {
    /// Same elements, new shape (one extent may be -1). Differentiable.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let out = try reshapedRaw(newShape)
        let inShape = shape
        return Autodiff.record(out, op: "reshape", self) { g in try g.reshapedRaw(inShape) }
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
        return Autodiff.record(out, op: "transpose", self) { g in try g.transposed() }
    }
}

extension Tensor {
    /// Reorders the axes: result axis `i` is input axis `axes[i]` (NumPy `transpose(axes)`). Differentiable.
    public func permuted(_ axes: [Int]) throws -> Tensor {
        guard axes.count == rank else {
            throw TensorError.shape(op: "permute", detail: "\(axes.count) axes given for shape \(shape) of rank \(rank)")
        }
        let ax = try axes.map { try Shape.normalizeAxis($0, rank: rank, op: "permute") }
        guard Set(ax).count == rank else { throw TensorError.invalid(op: "permute", detail: "axes \(axes) are not a permutation") }
        if ax == Array(0..<rank) { return self }
        let st = strides
        let out = gatherView(shape: ax.map { shape[$0] }, base: 0, strides: ax.map { st[$0] })
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in ax.enumerated() { inverse[a] = i }
        return Autodiff.record(out, op: "permute", self) { g in try g.permuted(inverse) }
    }

    /// Removes axis `axis` (which must have extent 1), or every extent-1 axis when `axis` is nil.
    public func squeezed(axis: Int? = nil) throws -> Tensor {
        guard let axis else { return try reshaped(shape.filter { $0 != 1 }) }
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: "squeeze")
        guard shape[ax] == 1 else {
            throw TensorError.shape(op: "squeeze", detail: "axis \(axis) of shape \(shape) has extent \(shape[ax]), not 1")
        }
        var s = shape; s.remove(at: ax)
        return try reshaped(s)
    }

    /// Inserts an axis of extent 1 at position `axis` (in `-(rank+1)...rank`).
    public func unsqueezed(axis: Int) throws -> Tensor {
        let ax = try Shape.normalizeAxis(axis, rank: rank + 1, op: "unsqueeze")
        var s = shape; s.insert(1, at: ax)
        return try reshaped(s)
    }

    /// Joins tensors along an existing axis; all other extents must agree. Differentiable.
    public static func concat(_ ts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = ts.first else { throw TensorError.invalid(op: "concat", detail: "needs at least one tensor") }
        guard first.rank > 0 else { throw TensorError.shape(op: "concat", detail: "cannot concatenate scalars") }
        let ax = try Shape.normalizeAxis(axis, rank: first.rank, op: "concat")
        let dt = ts.reduce(first.dtype) { DType.promote($0, $1.dtype) }
        var total = 0
        for t in ts {
            var a = t.shape, b = first.shape
            guard a.count == b.count else {
                throw TensorError.shape(op: "concat", detail: "cannot join \(first.shape) and \(t.shape): ranks differ")
            }
            total += a[ax]; a[ax] = 0; b[ax] = 0
            guard a == b else {
                throw TensorError.shape(op: "concat", detail: "cannot join \(first.shape) and \(t.shape) along axis \(axis)")
            }
        }
        var outShape = first.shape; outShape[ax] = total
        let outer = first.shape[..<ax].reduce(1, *), inner = first.shape[(ax + 1)...].reduce(1, *)
        let out = Tensor.uninitialized(outShape, dtype: dt)
        var offset = 0
        for t in ts {
            let tc = t.dtype == dt ? t : t.detached().to(dt)
            let chunk = t.shape[ax] * inner, row = total * inner
            switch dt {
            case .float32: for o in 0..<outer { (out.storage.f32 + o * row + offset).update(from: tc.storage.f32 + o * chunk, count: chunk) }
            case .float64: for o in 0..<outer { (out.storage.f64 + o * row + offset).update(from: tc.storage.f64 + o * chunk, count: chunk) }
            }
            offset += chunk
        }
        let sizes = ts.map { $0.shape[ax] }
        return Autodiff.record(out, op: "concat", inputs: ts) { g in
            let parts = try g.split(sizes: sizes, axis: ax)
            return zip(parts, ts).map { p, t in t.requiresGrad ? p.to(t.dtype) : nil }
        }
    }

    /// Joins equally shaped tensors along a new axis. Differentiable.
    public static func stack(_ ts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = ts.first else { throw TensorError.invalid(op: "stack", detail: "needs at least one tensor") }
        let ax = try Shape.normalizeAxis(axis, rank: first.rank + 1, op: "stack")
        for t in ts where t.shape != first.shape {
            throw TensorError.shape(op: "stack", detail: "cannot stack \(first.shape) and \(t.shape): shapes differ")
        }
        return try concat(ts.map { try $0.unsqueezed(axis: ax) }, axis: ax)
    }

    /// Cuts the tensor along `axis` into pieces of the given extents (which must add up to the axis extent).
    /// Each piece is differentiable.
    public func split(sizes: [Int], axis: Int) throws -> [Tensor] {
        guard rank > 0 else { throw TensorError.shape(op: "split", detail: "cannot split a scalar") }
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: "split")
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[ax] else {
            throw TensorError.shape(op: "split", detail: "sizes \(sizes) do not add up to extent \(shape[ax]) of axis \(axis) in \(shape)")
        }
        var start = 0
        return try sizes.map { n in
            var specs = [SliceSpec](repeating: .all, count: rank)
            specs[ax] = .range(start: start, stop: start + n, step: 1)
            start += n
            return try slice(specs)
        }
    }

    /// Materialises a broadcast of `self` to `target` (differentiable).
    public func broadcast(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let full = try Shape.broadcast(shape, target, op: "broadcast")
        guard full == target else { throw TensorError.broadcast(op: "broadcast", shape, target) }
        let out = gatherView(shape: target, base: 0, strides: Shape.broadcastStrides(shape, to: target))
        let inShape = shape
        return Autodiff.record(out, op: "broadcast", self) { g in try g.sumTo(inShape) }
    }

    /// Materialises a broadcast of `self` to `target` (differentiable); alias of `broadcast(to:)`.
    public func expanded(to target: [Int]) throws -> Tensor { try broadcast(to: target) }
}
