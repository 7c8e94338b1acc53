import CKernels

/// The reduction engine behind sum/max/min. Any set of axes is brought to the form [outer, R, inner] — directly
/// when the reduced axes are adjacent (ignoring extent-1 axes), otherwise by one permuting copy — and then runs
/// the vectorised C kernels: a contiguous reduction per row when inner = 1, row-wise accumulation otherwise.
enum ReduceKind { case sum, max, min }

extension Tensor {
    /// The shape with the reduced axes set to 1.
    static func keptShape(_ shape: [Int], _ axes: [Int]) -> [Int] {
        var s = shape
        for a in axes { s[a] = 1 }
        return s
    }

    /// The shape with the reduced axes removed.
    static func droppedShape(_ shape: [Int], _ axes: [Int]) -> [Int] {
        shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }

    /// Reduces over the normalised axes `ax`; the result has the kept shape (reduced axes of extent 1). Not recorded.
    func reduceRaw(_ kind: ReduceKind, axes ax: [Int], op: String) throws -> Tensor {
        let kept = Tensor.keptShape(shape, ax)
        let out = Tensor.uninitialized(kept, dtype: dtype)
        if out.count == 0 { return out }
        let r = ax.reduce(1) { $0 * shape[$1] }
        if r == 0 {
            guard kind == .sum else { throw TensorError.shape(op: op, detail: "cannot reduce an empty axis of shape \(shape)") }
            return Tensor.zeros(kept, dtype: dtype)
        }
        // Layout: non-trivial axes only; reduced ones adjacent means no copy is needed.
        let live = (0..<rank).filter { shape[$0] != 1 }
        let liveReduced = live.map { ax.contains($0) }
        let firstR = liveReduced.firstIndex(of: true), lastR = liveReduced.lastIndex(of: true)
        var src = self
        var outer = 1, inner = 1
        if let f = firstR, let l = lastR, !liveReduced[f...l].contains(false) {
            outer = live[..<f].reduce(1) { $0 * shape[$1] }
            inner = live[(l + 1)...].reduce(1) { $0 * shape[$1] }
        } else if firstR == nil {
            // Only extent-1 axes are reduced: the values are unchanged, but a reduction hands out fresh storage.
            return try copy().reshapedRaw(kept)
        } else {
            let keptAxes = (0..<rank).filter { !ax.contains($0) }
            let order = keptAxes + ax
            let st = strides
            src = gatherView(shape: order.map { shape[$0] }, base: 0, strides: order.map { st[$0] })
            outer = keptAxes.reduce(1) { $0 * shape[$1] }
        }
        switch dtype {
        case .float32:
            let p = src.storage.f32, q = out.storage.f32
            for o in 0..<outer {
                let x = p + o * r * inner
                if inner == 1 {
                    switch kind {
                    case .sum: q[o] = Float(sgp_sum_f32(x, r))
                    case .max: q[o] = sgp_max_f32(x, r)
                    case .min: q[o] = sgp_min_f32(x, r)
                    }
                } else {
                    let y = q + o * inner
                    switch kind {
                    case .sum: sgp_rows_sum_f32(x, r, inner, y)
                    case .max: sgp_rows_max_f32(x, r, inner, y)
                    case .min: sgp_rows_min_f32(x, r, inner, y)
                    }
                }
            }
        case .float64:
            let p = src.storage.f64, q = out.storage.f64
            for o in 0..<outer {
                let x = p + o * r * inner
                if inner == 1 {
                    switch kind {
                    case .sum: q[o] = sgp_sum_f64(x, r)
                    case .max: q[o] = sgp_max_f64(x, r)
                    case .min: q[o] = sgp_min_f64(x, r)
                    }
                } else {
                    let y = q + o * inner
                    switch kind {
                    case .sum: sgp_rows_sum_f64(x, r, inner, y)
                    case .max: sgp_rows_max_f64(x, r, inner, y)
                    case .min: sgp_rows_min_f64(x, r, inner, y)
                    }
                }
            }
        }
        return out
    }

    /// [outer, extent, inner] around one axis.
    func splitAround(_ axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }
}
