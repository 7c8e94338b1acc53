/// The broadcasting engine behind every elementwise op. Kernels get raw pointers and strides; fast paths cover
/// equal shapes and a scalar operand, the general path walks the output with per-operand broadcast strides.
public enum Elementwise {
    /// Applies `f` elementwise to `a` and `b` with NumPy broadcasting and dtype promotion.
    @inline(__always)
    public static func binary(_ a: Tensor, _ b: Tensor, op: String,
                              _ f32: (Float, Float) -> Float, _ f64: (Double, Double) -> Double) throws -> Tensor {
        let dt = DType.promote(a.dtype, b.dtype)
        let a = a.dtype == dt ? a : a.detached().to(dt), b = b.dtype == dt ? b : b.detached().to(dt)
        let shape = a.shape == b.shape ? a.shape : try Shape.broadcast(a.shape, b.shape, op: op)
        let out = Tensor.uninitialized(shape, dtype: dt)
        switch dt {
        case .float32: run(a, b, out, a.storage.f32, b.storage.f32, out.storage.f32, f32)
        case .float64: run(a, b, out, a.storage.f64, b.storage.f64, out.storage.f64, f64)
        }
        return out
    }

    @inline(__always)
    static func run<T>(_ a: Tensor, _ b: Tensor, _ out: Tensor, _ pa: UnsafeMutablePointer<T>, _ pb: UnsafeMutablePointer<T>,
                       _ po: UnsafeMutablePointer<T>, _ f: (T, T) -> T) {
        let n = out.count
        if a.count == n && b.count == n {
            for i in 0..<n { po[i] = f(pa[i], pb[i]) }
            return
        }
        if b.count == 1 && a.count == n {
            let s = pb[0]
            for i in 0..<n { po[i] = f(pa[i], s) }
            return
        }
        if a.count == 1 && b.count == n {
            let s = pa[0]
            for i in 0..<n { po[i] = f(s, pb[i]) }
            return
        }
        // General path: innermost axis as a strided loop, outer axes by an odometer.
        let shape = out.shape
        let r = shape.count
        let sa = Shape.broadcastStrides(a.shape, to: shape), sb = Shape.broadcastStrides(b.shape, to: shape)
        let inner = shape[r - 1], ia = sa[r - 1], ib = sb[r - 1]
        var idx = [Int](repeating: 0, count: r)
        var oa = 0, ob = 0, o = 0
        while o < n {
            if ia == 1 && ib == 1 {
                for j in 0..<inner { po[o + j] = f(pa[oa + j], pb[ob + j]) }
            } else if ia == 0 && ib == 1 {
                let s = pa[oa]
                for j in 0..<inner { po[o + j] = f(s, pb[ob + j]) }
            } else if ia == 1 && ib == 0 {
                let s = pb[ob]
                for j in 0..<inner { po[o + j] = f(pa[oa + j], s) }
            } else {
                for j in 0..<inner { po[o + j] = f(pa[oa + j * ia], pb[ob + j * ib]) }
            }
            o += inner
            // Advance the odometer over axes r-2 ... 0.
            var ax = r - 2
            while ax >= 0 {
                idx[ax] += 1; oa += sa[ax]; ob += sb[ax]
                if idx[ax] < shape[ax] { break }
                oa -= sa[ax] * shape[ax]; ob -= sb[ax] * shape[ax]; idx[ax] = 0
                ax -= 1
            }
        }
    }

    /// Applies `f` elementwise to one tensor.
    @inline(__always)
    public static func unary(_ a: Tensor, _ f32: (Float) -> Float, _ f64: (Double) -> Double) -> Tensor {
        let out = Tensor.uninitialized(a.shape, dtype: a.dtype)
        let n = a.count
        switch a.dtype {
        case .float32: let p = a.storage.f32, q = out.storage.f32; for i in 0..<n { q[i] = f32(p[i]) }
        case .float64: let p = a.storage.f64, q = out.storage.f64; for i in 0..<n { q[i] = f64(p[i]) }
        }
        return out
    }
}
