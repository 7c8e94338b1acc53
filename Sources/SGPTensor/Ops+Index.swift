// Indexing: NumPy basic slicing, integer-array gather (np.take), scatter-add and one-hot.

/// One entry of a slicing expression, with NumPy semantics.
public enum SliceSpec: Sendable, Equatable {
    /// A single position (negative counts from the end); the axis is dropped. Out of range throws.
    case index(Int)
    /// `start:stop:step`; nil parts take NumPy's defaults, out-of-range bounds are clamped, step may be negative.
    case range(start: Int?, stop: Int?, step: Int?)
    /// The whole axis (`:`).
    case all
    /// Inserts an axis of extent 1 (`None` / `np.newaxis`).
    case newAxis
}

extension Tensor {
    /// Basic slicing `x[specs…]`. Axes without a spec are taken whole. Differentiable: backward scatters the
    /// gradient into zeros of the input's shape.
    public func slice(_ specs: [SliceSpec]) throws -> Tensor {
        let consuming = specs.filter { $0 != .newAxis }.count
        guard consuming <= rank else {
            throw TensorError.shape(op: "slice", detail: "\(consuming) indices given for shape \(shape) of rank \(rank)")
        }
        let st = strides
        var outShape: [Int] = [], outStrides: [Int] = []
        var base = 0, axis = 0
        for spec in specs + [SliceSpec](repeating: .all, count: rank - consuming) {
            switch spec {
            case .newAxis:
                outShape.append(1); outStrides.append(0)
            case let .index(i):
                let n = shape[axis]
                let j = i < 0 ? i + n : i
                guard j >= 0, j < n else {
                    throw TensorError.invalid(op: "slice", detail: "index \(i) is out of range for axis \(axis) of size \(n)")
                }
                base += j * st[axis]; axis += 1
            case .all:
                outShape.append(shape[axis]); outStrides.append(st[axis]); axis += 1
            case let .range(start, stop, step):
                let (s, len, k) = try Tensor.resolveRange(start, stop, step, extent: shape[axis])
                if len > 0 { base += s * st[axis] }
                outShape.append(len); outStrides.append(k * st[axis]); axis += 1
            }
        }
        let out = gatherView(shape: outShape, base: base, strides: outStrides)
        let inShape = shape
        return Autodiff.record(out, op: "slice", self) { g in
            g.scatteredIntoZeros(inShape, base: base, strides: outStrides)
        }
    }

    /// NumPy's `slice.indices`: first position, length and step for an axis of extent `n`.
    static func resolveRange(_ start: Int?, _ stop: Int?, _ step: Int?, extent n: Int) throws -> (Int, Int, Int) {
        let k = step ?? 1
        guard k != 0 else { throw TensorError.invalid(op: "slice", detail: "slice step cannot be zero") }
        func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(v, lo), hi) }
        if k > 0 {
            let s = clamp(start.map { $0 < 0 ? $0 + n : $0 } ?? 0, 0, n)
            let e = clamp(stop.map { $0 < 0 ? $0 + n : $0 } ?? n, 0, n)
            return (s, Swift.max(0, (e - s + k - 1) / k), k)
        }
        let s = clamp(start.map { $0 < 0 ? $0 + n : $0 } ?? n - 1, -1, n - 1)
        let e = clamp(stop.map { $0 < 0 ? $0 + n : $0 } ?? -1, -1, n - 1)
        return (s, Swift.max(0, (s - e - k - 1) / -k), k)
    }

    /// Validated integer positions from an index tensor for an axis of extent `n` (negative counts from the end).
    static func integerIndices(_ indices: Tensor, extent n: Int, axis: Int, op: String) throws -> [Int] {
        var out = [Int](repeating: 0, count: indices.count)
        for i in 0..<indices.count {
            let v = indices.scalar(at: i)
            guard v.isFinite, v == v.rounded() else {
                throw TensorError.invalid(op: op, detail: "index \(v) is not an integer")
            }
            // Beyond ±2⁵³ the value cannot be an exact index anyway, and Int(v) would trap near ±2⁶³.
            guard Swift.abs(v) < 0x1p53 else {
                throw TensorError.invalid(op: op, detail: "index \(v) is out of range for axis \(axis) of size \(n)")
            }
            let j = Int(v)
            guard j >= -n, j < n else {
                throw TensorError.invalid(op: op, detail: "index \(j) is out of range for axis \(axis) of size \(n)")
            }
            out[i] = j < 0 ? j + n : j
        }
        return out
    }

    /// Picks positions `indices` (an integer-valued tensor of any shape) along `axis`, like `np.take`: the result
    /// has shape `shape[..<axis] + indices.shape + shape[(axis+1)...]`. Differentiable: backward is a scatter-add,
    /// so repeated indices accumulate.
    public func gather(indices: Tensor, axis: Int) throws -> Tensor {
        guard rank > 0 else { throw TensorError.shape(op: "gather", detail: "cannot gather from a scalar") }
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: "gather")
        let (outer, n, inner) = splitAround(ax)
        let idx = try Tensor.integerIndices(indices, extent: n, axis: ax, op: "gather")
        let outShape = Array(shape[..<ax]) + indices.shape + Array(shape[(ax + 1)...])
        _ = try Shape.checkedCount(outShape, op: "gather")
        let out = Tensor.uninitialized(outShape, dtype: dtype)
        let m = idx.count
        switch dtype {
        case .float32:
            let p = storage.f32, q = out.storage.f32
            for o in 0..<outer { for (k, j) in idx.enumerated() { (q + (o * m + k) * inner).update(from: p + (o * n + j) * inner, count: inner) } }
        case .float64:
            let p = storage.f64, q = out.storage.f64
            for o in 0..<outer { for (k, j) in idx.enumerated() { (q + (o * m + k) * inner).update(from: p + (o * n + j) * inner, count: inner) } }
        }
        let inShape = shape
        return Autodiff.record(out, op: "gather", self) { g in
            try Tensor.scatterAdd(into: Tensor.zeros(inShape, dtype: g.dtype), indices: indices, values: g, axis: ax)
        }
    }

    /// A copy of `into` with `values` added at positions `indices` along `axis` (repeated indices accumulate).
    /// `values` must have shape `into.shape[..<axis] + indices.shape + into.shape[(axis+1)...]`, i.e. the shape
    /// `into.gather(indices:axis:)` returns. Differentiable in `into` and `values`.
    public static func scatterAdd(into: Tensor, indices: Tensor, values: Tensor, axis: Int) throws -> Tensor {
        guard into.rank > 0 else { throw TensorError.shape(op: "scatter_add", detail: "cannot scatter into a scalar") }
        let ax = try Shape.normalizeAxis(axis, rank: into.rank, op: "scatter_add")
        let (outer, n, inner) = into.splitAround(ax)
        let expected = Array(into.shape[..<ax]) + indices.shape + Array(into.shape[(ax + 1)...])
        guard values.shape == expected else {
            throw TensorError.shape(op: "scatter_add", detail: "values of shape \(values.shape) do not match \(expected) (into \(into.shape), indices \(indices.shape), axis \(axis))")
        }
        let idx = try integerIndices(indices, extent: n, axis: ax, op: "scatter_add")
        let dt = DType.promote(into.dtype, values.dtype)
        let out = into.detached().to(dt).copy()
        let v = values.detached().to(dt)
        let m = idx.count
        switch dt {
        case .float32:
            let p = v.storage.f32, q = out.storage.f32
            for o in 0..<outer { for (k, j) in idx.enumerated() {
                let src = p + (o * m + k) * inner, dst = q + (o * n + j) * inner
                for t in 0..<inner { dst[t] += src[t] }
            } }
        case .float64:
            let p = v.storage.f64, q = out.storage.f64
            for o in 0..<outer { for (k, j) in idx.enumerated() {
                let src = p + (o * m + k) * inner, dst = q + (o * n + j) * inner
                for t in 0..<inner { dst[t] += src[t] }
            } }
        }
        return Autodiff.record(out, op: "scatter_add", into, values) { g in
            (into.requiresGrad ? g.to(into.dtype) : nil,
             values.requiresGrad ? try g.gather(indices: indices, axis: ax).to(values.dtype) : nil)
        }
    }

    /// One-hot rows: shape `indices.shape + [classes]`, 1 at each index, 0 elsewhere (a negative index counts from
    /// the last class, as in gather). Not differentiable.
    public static func oneHot(_ indices: Tensor, classes: Int, dtype: DType = .float32) throws -> Tensor {
        guard classes > 0 else { throw TensorError.invalid(op: "one_hot", detail: "classes must be positive, got \(classes)") }
        _ = try Shape.checkedCount(indices.shape + [classes], op: "one_hot")
        let idx = try integerIndices(indices, extent: classes, axis: indices.rank, op: "one_hot")
        let out = Tensor.zeros(indices.shape + [classes], dtype: dtype)
        for (i, j) in idx.enumerated() { out.setScalar(i * classes + j, 1) }
        return out
    }
}
