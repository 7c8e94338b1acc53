import CKernels
import Foundation

// Neural-network building blocks with fused forward and backward kernels: softmax, log-softmax, layer norm.

extension Tensor {
    /// Applies `body` with `axis` moved to the end (a permuting copy only when it is not already last).
    func alongLastAxis(_ axis: Int, op: String, _ body: (Tensor) throws -> Tensor) throws -> Tensor {
        guard rank > 0 else { throw TensorError.shape(op: op, detail: "expected at least one axis, got a scalar") }
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: op)
        if ax == rank - 1 { return try body(self) }
        var order = Array(0..<rank); order.remove(at: ax); order.append(ax)
        var back = Array(0..<rank - 1); back.insert(rank - 1, at: ax)
        return try body(permuted(order)).permuted(back)
    }

    /// Row-wise softmax (or log-softmax) over the last axis of a contiguous [rows, n] view. Not recorded.
    func softmaxLastAxis(log: Bool) -> Tensor {
        let out = Tensor.uninitialized(shape, dtype: dtype)
        let n = shape.last ?? 1
        guard n > 0 else { return out }
        let rows = count / n
        switch dtype {
        case .float32:
            let p = storage.f32, q = out.storage.f32
            for r in 0..<rows {
                let x = p + r * n, y = q + r * n
                var m = sgp_max_f32(x, n)
                if !m.isFinite { m = m.isNaN ? m : 0 }
                for i in 0..<n { y[i] = x[i] - m }
                if log {
                    let s = Float(Foundation.log(Tensor.sumExpF32(y, n)))
                    for i in 0..<n { y[i] -= s }
                } else {
                    sgp_exp_f32(y, y, n)
                    let inv = Float(1 / sgp_sum_f32(y, n))
                    for i in 0..<n { y[i] *= inv }
                }
            }
        case .float64:
            let p = storage.f64, q = out.storage.f64
            for r in 0..<rows {
                let x = p + r * n, y = q + r * n
                var m = sgp_max_f64(x, n)
                if !m.isFinite { m = m.isNaN ? m : 0 }
                var s = 0.0
                for i in 0..<n { let e = Foundation.exp(x[i] - m); y[i] = e; s += e }
                if log { let ls = Foundation.log(s); for i in 0..<n { y[i] = x[i] - m - ls } }
                else { for i in 0..<n { y[i] /= s } }
            }
        }
        return out
    }

    /// Σ exp(y[i]) in double, through a small stack buffer so `y` is left intact.
    static func sumExpF32(_ y: UnsafePointer<Float>, _ n: Int) -> Double {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 256) { buf in
            guard let b = buf.baseAddress else { return 0 }
            var s = 0.0, i = 0
            while i < n {
                let c = Swift.min(256, n - i)
                sgp_exp_f32(y + i, b, c)
                s += sgp_sum_f32(b, c)
                i += c
            }
            return s
        }
    }

    /// exp(x) / Σ exp(x) along `axis`, computed stably. Differentiable.
    public func softmax(axis: Int = -1) throws -> Tensor {
        try alongLastAxis(axis, op: "softmax") { x in
            let y = x.softmaxLastAxis(log: false)
            return Autodiff.record(y, op: "softmax", x) { g in
                // dx = y ⊙ (g − Σ g⊙y)
                let gy = try g * y
                return try gy - y * gy.sum(axes: [-1], keepDims: true)
            }
        }
    }

    /// x − log Σ exp(x) along `axis`, computed stably. Differentiable.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        try alongLastAxis(axis, op: "log_softmax") { x in
            let y = x.softmaxLastAxis(log: true)
            return Autodiff.record(y, op: "log_softmax", x) { g in
                // dx = g − softmax ⊙ Σ g
                try g - y.exp() * g.sum(axes: [-1], keepDims: true)
            }
        }
    }

    /// (x − mean) / √(var + eps) along `axis` (population variance), without an affine part: scale and shift with
    /// `*` and `+`. Differentiable.
    public func layerNorm(axis: Int = -1, eps: Double = 1e-5) throws -> Tensor {
        try alongLastAxis(axis, op: "layer_norm") { x in
            let n = x.shape[x.rank - 1]
            let rows = n == 0 ? 0 : x.count / n
            let y = Tensor.uninitialized(x.shape, dtype: x.dtype)
            let rstd = Tensor.uninitialized(Array(x.shape.dropLast()) + [1], dtype: x.dtype)
            switch x.dtype {
            case .float32: Tensor.layerNormRows(x.storage.f32, y.storage.f32, rstd.storage.f32, rows: rows, n: n, eps: eps)
            case .float64: Tensor.layerNormRows(x.storage.f64, y.storage.f64, rstd.storage.f64, rows: rows, n: n, eps: eps)
            }
            return Autodiff.record(y, op: "layer_norm", x) { g in
                // dx = rstd · (g − mean(g) − y · mean(g ⊙ y))
                let mg = try g.mean(axes: [-1], keepDims: true)
                let mgy = try (g * y).mean(axes: [-1], keepDims: true)
                return try rstd * (g - mg - y * mgy)
            }
        }
    }

    /// Normalises each length-`n` row (two passes in Double: mean, then centred variance).
    static func layerNormRows<T: BinaryFloatingPoint>(_ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>,
                                                      _ rstd: UnsafeMutablePointer<T>, rows: Int, n: Int, eps: Double) {
        for r in 0..<rows {
            let p = x + r * n, q = y + r * n
            var s = 0.0
            for i in 0..<n { s += Double(p[i]) }
            let mean = s / Double(n)
            var v = 0.0
            for i in 0..<n { let d = Double(p[i]) - mean; v += d * d }
            let rs = 1 / (v / Double(n) + eps).squareRoot()
            rstd[r] = T(rs)
            let m = T(mean), k = T(rs)
            for i in 0..<n { q[i] = (p[i] - m) * k }
        }
    }
}
