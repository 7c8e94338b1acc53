import CKernels
import Foundation

// Elementwise unary functions, forward and backward side by side. Float32 transcendentals run in the vectorised
// C kernels (Sources/CKernels); Float64 uses libm, since it serves gradient checks and oracles.

extension Tensor {
    /// Applies a C kernel (float32) or a scalar function (float64) to every element. Not recorded.
    @inline(__always)
    func mapKernel(_ k32: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
                   _ f64: (Double) -> Double) -> Tensor {
        let out = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: k32(storage.f32, out.storage.f32, count)
        case .float64: let p = storage.f64, q = out.storage.f64; for i in 0..<count { q[i] = f64(p[i]) }
        }
        return out
    }

    /// `f(g, y)` elementwise over two equally shaped tensors (backward passes). Not recorded.
    @inline(__always)
    static func zipMap(_ g: Tensor, _ y: Tensor, _ f32: (Float, Float) -> Float, _ f64: (Double, Double) -> Double) -> Tensor {
        let out = Tensor.uninitialized(y.shape, dtype: y.dtype)
        let n = y.count
        switch y.dtype {
        case .float32:
            let gc = g.dtype == .float32 ? g : g.to(.float32)
            let a = gc.storage.f32, b = y.storage.f32, q = out.storage.f32
            for i in 0..<n { q[i] = f32(a[i], b[i]) }
        case .float64:
            let gc = g.dtype == .float64 ? g : g.to(.float64)
            let a = gc.storage.f64, b = y.storage.f64, q = out.storage.f64
            for i in 0..<n { q[i] = f64(a[i], b[i]) }
        }
        return out
    }

    /// eˣ.
    public func exp() -> Tensor {
        let out = mapKernel({ sgp_exp_f32($0, $1, $2) }, Foundation.exp)
        return Autodiff.record(out, op: "exp", self) { g in Tensor.zipMap(g, out, *, *) }
    }

    /// Natural logarithm (NaN below 0, −inf at 0).
    public func log() -> Tensor {
        let out = mapKernel({ sgp_log_f32($0, $1, $2) }, Foundation.log)
        let x = detached()
        return Autodiff.record(out, op: "log", self) { g in Tensor.zipMap(g, x, /, /) }
    }

    /// Square root.
    public func sqrt() -> Tensor {
        let out = Elementwise.unary(self, { $0.squareRoot() }, { $0.squareRoot() })
        return Autodiff.record(out, op: "sqrt", self) { g in Tensor.zipMap(g, out, { g, y in 0.5 * g / y }, { g, y in 0.5 * g / y }) }
    }

    /// Absolute value; its gradient at 0 is 0.
    public func abs() -> Tensor {
        let out = Elementwise.unary(self, { Swift.abs($0) }, { Swift.abs($0) })
        let x = detached()
        return Autodiff.record(out, op: "abs", self) { g in
            Tensor.zipMap(g, x, { g, x in x > 0 ? g : (x < 0 ? -g : 0) }, { g, x in x > 0 ? g : (x < 0 ? -g : 0) })
        }
    }

    /// Hyperbolic tangent.
    public func tanh() -> Tensor {
        let out = mapKernel({ sgp_tanh_f32($0, $1, $2) }, Foundation.tanh)
        return Autodiff.record(out, op: "tanh", self) { g in Tensor.zipMap(g, out, { g, y in g * (1 - y * y) }, { g, y in g * (1 - y * y) }) }
    }

    /// Logistic function 1 / (1 + e⁻ˣ).
    public func sigmoid() -> Tensor {
        let out = mapKernel({ sgp_sigmoid_f32($0, $1, $2) }, { 1 / (1 + Foundation.exp(-$0)) })
        return Autodiff.record(out, op: "sigmoid", self) { g in Tensor.zipMap(g, out, { g, y in g * y * (1 - y) }, { g, y in g * y * (1 - y) }) }
    }

    /// max(x, 0); its gradient at 0 is 0.
    public func relu() -> Tensor {
        // `x < 0 ? 0 : x` keeps NaN (and compiles to a select).
        let out = Elementwise.unary(self, { $0 < 0 ? 0 : $0 }, { $0 < 0 ? 0 : $0 })
        return Autodiff.record(out, op: "relu", self) { g in Tensor.leakyGradient(g, out, slope: 0) }
    }

    /// x for x > 0, alpha·(eˣ − 1) otherwise.
    public func elu(alpha: Double = 1) -> Tensor {
        let a32 = Float(alpha)
        let out = mapKernel({ sgp_elu_f32($0, $1, $2, a32) }, { $0 > 0 ? $0 : alpha * Foundation.expm1($0) })
        let x = detached()
        return Autodiff.record(out, op: "elu", self) { g in
            // For x ≤ 0 the derivative alpha·eˣ equals y + alpha.
            let d = Tensor.zipMap(out, x, { y, x in x > 0 ? 1 : y + a32 }, { y, x in x > 0 ? 1 : y + alpha })
            return Tensor.zipMap(g, d, *, *)
        }
    }

    /// x for x > 0, slope·x otherwise.
    public func leakyRelu(slope: Double = 0.01) -> Tensor {
        let s32 = Float(slope)
        let out = Elementwise.unary(self, { $0 < 0 ? s32 * $0 : $0 }, { $0 < 0 ? slope * $0 : $0 })
        let x = detached()
        return Autodiff.record(out, op: "leaky_relu", self) { g in Tensor.leakyGradient(g, x, slope: slope) }
    }

    /// log(1 + eˣ), computed without overflow.
    public func softplus() -> Tensor {
        let out = mapKernel({ sgp_softplus_f32($0, $1, $2) }, { $0 > 0 ? $0 + Foundation.log1p(Foundation.exp(-$0)) : Foundation.log1p(Foundation.exp($0)) })
        let x = detached()
        return Autodiff.record(out, op: "softplus", self) { g in x.sigmoidTimes(g) }
    }

    /// x · sigmoid(x) (also called swish).
    public func silu() -> Tensor {
        let out = mapKernel({ sgp_silu_f32($0, $1, $2) }, { $0 / (1 + Foundation.exp(-$0)) })
        let x = detached()
        return Autodiff.record(out, op: "silu", self) { g in x.siluGradient(g) }
    }

    /// g · sigmoid(self), elementwise (softplus backward).
    func sigmoidTimes(_ g: Tensor) -> Tensor {
        let gc = g.to(dtype)
        let r = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: sgp_sigmoid_mul_f32(storage.f32, gc.storage.f32, r.storage.f32, count)
        case .float64: for i in 0..<count { r.storage.f64[i] = gc.storage.f64[i] / (1 + Foundation.exp(-storage.f64[i])) }
        }
        return r
    }

    /// Sine.
    public func sin() -> Tensor {
        let out = Elementwise.unary(self, { Foundation.sin($0) }, { Foundation.sin($0) })
        let x = detached()
        return Autodiff.record(out, op: "sin", self) { g in Tensor.zipMap(g, x, { g, x in g * Foundation.cos(x) }, { g, x in g * Foundation.cos(x) }) }
    }

    /// Cosine.
    public func cos() -> Tensor {
        let out = Elementwise.unary(self, { Foundation.cos($0) }, { Foundation.cos($0) })
        let x = detached()
        return Autodiff.record(out, op: "cos", self) { g in Tensor.zipMap(g, x, { g, x in -g * Foundation.sin(x) }, { g, x in -g * Foundation.sin(x) }) }
    }

    /// xᵖ for a constant exponent.
    public func pow(_ p: Double) -> Tensor {
        let p32 = Float(p)
        let out: Tensor
        if p == 2 { out = Elementwise.unary(self, { $0 * $0 }, { $0 * $0 }) }
        else if p == 1 { out = Elementwise.unary(self, { $0 }, { $0 }) }
        else if p == 0.5 { out = Elementwise.unary(self, { $0.squareRoot() }, { $0.squareRoot() }) }
        else { out = Elementwise.unary(self, { Foundation.pow($0, p32) }, { Foundation.pow($0, p) }) }
        let x = detached()
        return Autodiff.record(out, op: "pow", self) { g in
            if p == 2 { return Tensor.zipMap(g, x, { g, x in 2 * g * x }, { g, x in 2 * g * x }) }
            return Tensor.zipMap(g, x, { g, x in p32 * g * Foundation.pow(x, p32 - 1) }, { g, x in p * g * Foundation.pow(x, p - 1) })
        }
    }

    /// Limits every element to [min, max] (either bound may be nil). The gradient passes where min ≤ x ≤ max.
    public func clip(min lo: Double?, max hi: Double?) -> Tensor {
        let l = lo ?? -Double.infinity, h = hi ?? Double.infinity
        let l32 = Float(l), h32 = Float(h)
        let out = Elementwise.unary(self, { Swift.min(Swift.max($0, l32), h32) }, { Swift.min(Swift.max($0, l), h) })
        let x = detached()
        return Autodiff.record(out, op: "clip", self) { g in
            Tensor.zipMap(g, x, { g, x in x >= l32 && x <= h32 ? g : 0 }, { g, x in x >= l && x <= h ? g : 0 })
        }
    }
}
