// Reductions over any set of axes (nil = all), with or without the reduced axes kept as extent 1.

extension Tensor {
    /// Sum over `axes` (all when nil).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try Shape.normalizeAxes(axes, rank: rank, op: "sum")
        let kept = try reduceRaw(.sum, axes: ax, op: "sum")
        let out = keepDims ? kept : try kept.reshapedRaw(Tensor.droppedShape(shape, ax))
        let inShape = shape, keptShape = kept.shape
        return Autodiff.record(out, op: "sum", self) { g in try g.reshapedRaw(keptShape).broadcast(to: inShape) }
    }

    /// Mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try Shape.normalizeAxes(axes, rank: rank, op: "mean")
        let n = ax.reduce(1) { $0 * shape[$1] }
        return try sum(axes: ax, keepDims: keepDims) * Tensor(scalar: 1 / Double(Swift.max(n, 1)), dtype: dtype)
    }

    /// Maximum over `axes` (all when nil); NaN propagates. The gradient is split evenly between tied maxima.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try extremum(.max, "max", axes: axes, keepDims: keepDims)
    }

    /// Minimum over `axes` (all when nil); NaN propagates. The gradient is split evenly between tied minima.
    public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try extremum(.min, "min", axes: axes, keepDims: keepDims)
    }

    private func extremum(_ kind: ReduceKind, _ op: String, axes: [Int]?, keepDims: Bool) throws -> Tensor {
        let ax = try Shape.normalizeAxes(axes, rank: rank, op: op)
        let kept = try reduceRaw(kind, axes: ax, op: op)
        let out = keepDims ? kept : try kept.reshapedRaw(Tensor.droppedShape(shape, ax))
        let x = self.detached(), keptShape = kept.shape
        return Autodiff.record(out, op: op, self) { g in
            // Ties share the gradient: mask / (number of tied elements in the reduced group).
            let mask = try Tensor.compare(x, kept, .eq)
            let ties = try mask.reduceRaw(.sum, axes: ax, op: op)
            return try mask * (g.reshapedRaw(keptShape) / ties)
        }
    }

    /// log Σ exp over `axes` (all when nil), computed stably by shifting by the maximum.
    public func logsumexp(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try Shape.normalizeAxes(axes, rank: rank, op: "logsumexp")
        // The shift is a constant for autodiff: d/dm of log Σ exp(x − m) + m is exactly zero.
        var m = try detached().reduceRaw(.max, axes: ax, op: "logsumexp")
        m = Elementwise.unary(m, { $0.isFinite ? $0 : 0 }, { $0.isFinite ? $0 : 0 })
        let s = try (self - m).exp().sum(axes: ax, keepDims: true).log() + m
        return keepDims ? s : try s.reshaped(Tensor.droppedShape(shape, ax))
    }

    /// Variance over `axes` (all when nil): Σ (x − mean)² / (n − correction). `correction: 1` is the unbiased
    /// sample variance.
    public func `var`(axes: [Int]? = nil, keepDims: Bool = false, correction: Int = 0) throws -> Tensor {
        let ax = try Shape.normalizeAxes(axes, rank: rank, op: "var")
        let n = ax.reduce(1) { $0 * shape[$1] }
        guard n - correction > 0 else {
            throw TensorError.invalid(op: "var", detail: "\(n) elements with correction \(correction) leave no degrees of freedom")
        }
        let c = try self - mean(axes: ax, keepDims: true)
        let ss = try (c * c).sum(axes: ax, keepDims: keepDims)
        return try ss * Tensor(scalar: 1 / Double(n - correction), dtype: dtype)
    }

    /// Same as `var(axes:keepDims:correction:)`.
    public func variance(axes: [Int]? = nil, keepDims: Bool = false, correction: Int = 0) throws -> Tensor {
        try self.var(axes: axes, keepDims: keepDims, correction: correction)
    }

    /// Index of the first maximum along `axis` (over the flattened tensor when nil), as a float tensor.
    /// NaN counts as the maximum. Not differentiable.
    public func argmax(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try argExtremum(axis: axis, keepDims: keepDims, op: "argmax") { v, best in v > best || (v.isNaN && !best.isNaN) }
    }

    /// Index of the first minimum along `axis` (over the flattened tensor when nil), as a float tensor.
    /// NaN counts as the minimum. Not differentiable.
    public func argmin(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try argExtremum(axis: axis, keepDims: keepDims, op: "argmin") { v, best in v < best || (v.isNaN && !best.isNaN) }
    }

    private func argExtremum(axis: Int?, keepDims: Bool, op: String, _ better: (Double, Double) -> Bool) throws -> Tensor {
        guard let axis else {
            let flat = try reshapedRaw([count])
            let r = try flat.argExtremum(axis: 0, keepDims: false, op: op, better)
            return keepDims ? try r.reshapedRaw([Int](repeating: 1, count: rank)) : r
        }
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: op)
        let (outer, n, inner) = splitAround(ax)
        guard n > 0 else { throw TensorError.shape(op: op, detail: "cannot reduce an empty axis of shape \(shape)") }
        let out = Tensor.uninitialized(Tensor.keptShape(shape, [ax]), dtype: dtype)
        for o in 0..<outer {
            for j in 0..<inner {
                let base = o * n * inner + j
                var best = scalar(at: base), bi = 0
                for i in 1..<Swift.max(n, 1) {
                    let v = scalar(at: base + i * inner)
                    if better(v, best) { best = v; bi = i }
                }
                out.setScalar(o * inner + j, Double(bi))
            }
        }
        return keepDims ? out : try out.reshapedRaw(Tensor.droppedShape(shape, [ax]))
    }
}
