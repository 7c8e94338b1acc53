import Foundation
import SGPTensor
import CKernels

/// Adam / AdamW on one flat float32 parameter vector, with PyTorch's exact update
/// (`p -= lr · m̂ / (√v̂ + eps)`, bias-corrected) and optional clipping of the gradient's global L2 norm.
public final class Adam: @unchecked Sendable {
    /// First-moment decay.
    public var beta1: Float = 0.9
    /// Second-moment decay.
    public var beta2: Float = 0.999
    /// Added to √v̂ (PyTorch's placement).
    public var eps: Float = 1e-8
    /// Weight decay; decoupled (AdamW, `p *= 1 − lr·wd`) when `decoupled`, else added to the gradient (Adam's L2).
    public var weightDecay: Float
    /// AdamW-style decay when true.
    public var decoupled: Bool
    /// Largest allowed global gradient norm (nil: no clipping).
    public var clipNorm: Float?
    /// Steps taken so far (the bias-correction exponent).
    public private(set) var step = 0
    private let m: Tensor, v: Tensor
    /// Global gradient norm seen by the last step (before clipping).
    public private(set) var lastGradNorm: Double = 0

    /// An optimiser for `count` parameters.
    public init(count: Int, weightDecay: Float = 0, decoupled: Bool = true, clipNorm: Float? = nil) {
        m = Tensor.zeros([count]); v = Tensor.zeros([count])
        self.weightDecay = weightDecay; self.decoupled = decoupled; self.clipNorm = clipNorm
    }

    /// One update of `params` from `grads` (both `count` floats) at learning rate `lr`.
    public func update(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, lr: Float) {
        step += 1
        let n = m.count
        var scale: Float = 1
        let norm = sgp_nn_sumsq(grads, n).squareRoot()
        lastGradNorm = norm
        // PyTorch's clip_grad_norm_: scale by max_norm / (norm + 1e-6) when that is below 1.
        if let c = clipNorm, norm.isFinite, Double(c) < norm { scale = Float(Double(c) / (norm + 1e-6)) }
        let c1 = 1 - Float(pow(Double(beta1), Double(step)))
        let c2 = 1 - Float(pow(Double(beta2), Double(step)))
        let wd = decoupled ? 0 : weightDecay, dwd = decoupled ? weightDecay : 0
        let mp = m.storage.f32, vp = v.storage.f32, b1 = beta1, b2 = beta2, e = eps
        // Elementwise, so ranges on several threads give the same bits; worth it only for large networks.
        let pieces = n >= 1 << 16 ? max(1, min(BLAS.threads, 8)) : 1, step = (n + pieces - 1) / pieces
        try? Parallel.forEach(count: pieces, workers: pieces) { i in
            let lo = i * step, k = min(n, lo + step) - lo
            guard k > 0 else { return }
            sgp_nn_adam(params + lo, grads + lo, mp + lo, vp + lo, k, lr, b1, b2, e, c1, c2, wd, dwd, scale)
        }
    }
}

