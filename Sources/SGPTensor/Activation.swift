import CKernels
import Foundation

// Activations as fused kernels for `Tensor.linear`: applied in place to a buffer the op owns, and differentiated
// from the output where the derivative allows it (so the pre-activation buffer need not be kept).

extension Tensor.Activation {
    /// True when the derivative cannot be computed from the activation's output alone.
    var derivativeNeedsInput: Bool {
        switch self {
        case .softplus, .silu, .leakyRelu: return true
        case .identity, .relu, .tanh, .sigmoid, .elu: return false
        }
    }
}

extension Tensor {
    /// Overwrites `t` (a buffer the caller owns and has not shared, viewed as rows of `bias.count`) with
    /// activation(t + bias); relu, leaky relu and identity do it in one pass.
    static func applyInPlace(_ a: Activation, _ t: Tensor, bias: Tensor?) {
        let n = t.count
        switch t.dtype {
        case .float32:
            let p = t.storage.f32
            if let bias, bias.count > 0 {
                let b = bias.storage.f32, w = bias.count, rows = n / w
                switch a {
                case .relu: sgp_bias_leaky_f32(p, rows, w, b, 0); return
                case let .leakyRelu(slope): sgp_bias_leaky_f32(p, rows, w, b, Float(slope)); return
                default: sgp_bias_leaky_f32(p, rows, w, b, 1)
                }
            }
            switch a {
            case .identity: break
            case .relu: for i in 0..<n { let v = p[i]; p[i] = v < 0 ? 0 : v }
            case .tanh: sgp_tanh_f32(p, p, n)
            case .sigmoid: sgp_sigmoid_f32(p, p, n)
            case .softplus: sgp_softplus_f32(p, p, n)
            case .silu: sgp_silu_f32(p, p, n)
            case let .elu(alpha): sgp_elu_f32(p, p, n, Float(alpha))
            case let .leakyRelu(slope): let s = Float(slope); for i in 0..<n { let v = p[i]; p[i] = v < 0 ? s * v : v }
            }
        case .float64:
            let p = t.storage.f64
            if let bias, bias.count > 0 { rowLoop(p, n, bias.storage.f64, bias.count) { v in v } }
            switch a {
            case .identity: break
            case .relu: for i in 0..<n { let v = p[i]; p[i] = v < 0 ? 0 : v }
            case .tanh: for i in 0..<n { p[i] = Foundation.tanh(p[i]) }
            case .sigmoid: for i in 0..<n { p[i] = 1 / (1 + Foundation.exp(-p[i])) }
            case .softplus: for i in 0..<n { let v = p[i]; p[i] = Swift.max(v, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(v))) }
            case .silu: for i in 0..<n { let v = p[i]; p[i] = v / (1 + Foundation.exp(-v)) }
            case let .elu(alpha): for i in 0..<n { let v = p[i]; p[i] = v > 0 ? v : alpha * Foundation.expm1(v) }
            case let .leakyRelu(slope): for i in 0..<n { let v = p[i]; p[i] = v < 0 ? slope * v : v }
            }
        }
    }

    /// p[r·w + j] = f(p[r·w + j] + b[j]) over all rows.
    @inline(__always)
    static func rowLoop<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ n: Int, _ b: UnsafeMutablePointer<T>, _ w: Int,
                                               _ f: (T) -> T) {
        var r = 0
        while r < n {
            let row = p + r
            for j in 0..<w { row[j] = f(row[j] + b[j]) }
            r += w
        }
    }

    /// g · activation′, from the output `y` or (where `derivativeNeedsInput`) the input `x`.
    static func activationGradient(_ a: Activation, g: Tensor, y: Tensor, x: Tensor) -> Tensor {
        switch a {
        case .identity: return g
        case .relu: return leakyGradient(g, y, slope: 0)
        case .tanh: return zipMap(g, y, { g, y in g * (1 - y * y) }, { g, y in g * (1 - y * y) })
        case .sigmoid: return zipMap(g, y, { g, y in g * y * (1 - y) }, { g, y in g * y * (1 - y) })
        case let .elu(alpha):
            let a32 = Float(alpha)
            return zipMap(g, y, { g, y in y > 0 ? g : g * (y + a32) }, { g, y in y > 0 ? g : g * (y + alpha) })
        case let .leakyRelu(slope): return leakyGradient(g, x, slope: slope)
        case .softplus: return x.sigmoidTimes(g)
        case .silu: return x.siluGradient(g)
        }
    }

    /// s > 0 ? g : slope·g elementwise (relu backward with s = output, leaky relu with s = input). The float32
    /// path is a C kernel: Swift compiles this select to a branchy scalar loop (shared/PLATFORM.md).
    static func leakyGradient(_ g: Tensor, _ s: Tensor, slope: Double) -> Tensor {
        guard s.dtype == .float32 else {
            return zipMap(g, s, { g, s in s > 0 ? g : Float(slope) * g }, { g, s in s > 0 ? g : slope * g })
        }
        let gc = g.to(.float32)
        let r = Tensor.uninitialized(s.shape, dtype: .float32)
        sgp_leaky_grad_f32(s.storage.f32, gc.storage.f32, r.storage.f32, s.count, Float(slope))
        return r
    }

    /// g · silu′(self), elementwise.
    func siluGradient(_ g: Tensor) -> Tensor {
        let gc = g.to(dtype)
        let r = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: sgp_silu_grad_f32(storage.f32, gc.storage.f32, r.storage.f32, count)
        case .float64:
            for i in 0..<count {
                let v = storage.f64[i], s = 1 / (1 + Foundation.exp(-v))
                r.storage.f64[i] = gc.storage.f64[i] * s * (1 + v * (1 - s))
            }
        }
        return r
    }
}
