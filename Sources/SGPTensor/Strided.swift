/// Copies between a contiguous tensor and a strided view of another buffer. Permute, slice, broadcast and their
/// backward passes all reduce to these two loops: an odometer over the outer axes and a tight inner loop.
enum Strided {
    /// `dst[i] = src[base + Σ idx[k]·strides[k]]` for every index `idx` of `shape`, `dst` contiguous.
    static func gather<T>(_ src: UnsafePointer<T>, base: Int, strides: [Int], shape: [Int],
                          into dst: UnsafeMutablePointer<T>) {
        let n = shape.reduce(1, *)
        guard n > 0 else { return }
        let r = shape.count
        if r == 0 { dst[0] = src[base]; return }
        let inner = shape[r - 1], si = strides[r - 1]
        var idx = [Int](repeating: 0, count: r)
        var o = base, d = 0
        while d < n {
            if si == 1 {
                (dst + d).update(from: src + o, count: inner)
            } else if si == 0 {
                (dst + d).update(repeating: src[o], count: inner)
            } else {
                for j in 0..<inner { dst[d + j] = src[o + j * si] }
            }
            d += inner
            var ax = r - 2
            while ax >= 0 {
                idx[ax] += 1; o += strides[ax]
                if idx[ax] < shape[ax] { break }
                o -= strides[ax] * shape[ax]; idx[ax] = 0
                ax -= 1
            }
        }
    }

    /// `dst[base + Σ idx[k]·strides[k]] += src[i]`, the adjoint of `gather` (repeated targets accumulate).
    static func scatterAdd<T: FloatingPoint>(_ src: UnsafePointer<T>, into dst: UnsafeMutablePointer<T>, base: Int,
                                             strides: [Int], shape: [Int]) {
        let n = shape.reduce(1, *)
        guard n > 0 else { return }
        let r = shape.count
        if r == 0 { dst[base] += src[0]; return }
        let inner = shape[r - 1], si = strides[r - 1]
        var idx = [Int](repeating: 0, count: r)
        var o = base, d = 0
        while d < n {
            if si == 1 {
                for j in 0..<inner { let v = src[d + j]; dst[o + j] += v }
            } else {
                for j in 0..<inner { let v = src[d + j]; dst[o + j * si] += v }
            }
            d += inner
            var ax = r - 2
            while ax >= 0 {
                idx[ax] += 1; o += strides[ax]
                if idx[ax] < shape[ax] { break }
                o -= strides[ax] * shape[ax]; idx[ax] = 0
                ax -= 1
            }
        }
    }
}

extension Tensor {
    /// A contiguous copy of the strided view (`shape`, `base`, `strides`) of this tensor's storage. Not recorded.
    func gatherView(shape: [Int], base: Int, strides: [Int]) -> Tensor {
        let out = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: Strided.gather(storage.f32, base: base, strides: strides, shape: shape, into: out.storage.f32)
        case .float64: Strided.gather(storage.f64, base: base, strides: strides, shape: shape, into: out.storage.f64)
        }
        return out
    }

    /// Zeros of `target` shape with `self` added into the strided view (`base`, `strides` over `self.shape`).
    /// The adjoint of `gatherView`; used by backward passes. Not recorded.
    func scatteredIntoZeros(_ target: [Int], base: Int, strides: [Int]) -> Tensor {
        let out = Tensor.zeros(target, dtype: dtype)
        switch dtype {
        case .float32: Strided.scatterAdd(storage.f32, into: out.storage.f32, base: base, strides: strides, shape: shape)
        case .float64: Strided.scatterAdd(storage.f64, into: out.storage.f64, base: base, strides: strides, shape: shape)
        }
        return out
    }
}
