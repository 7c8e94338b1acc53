import Foundation
import SGPNN
import SGPTensor

/// A frozen `DenseStack` copied into owned, aligned Float buffers, with fused bias + activation loops and the
/// matching backward (input-gradient only: planners never train weights).
///
/// Layer l computes h_{l+1} = act(h_l W_l + b_l) (no activation after the last layer). Callers own the activation
/// buffers; this type owns only the weights.
public final class FusedMLP: @unchecked Sendable {
    /// Layer widths, input first.
    public let dims: [Int]
    /// Activation after every layer but the last.
    public let activation: Activation
    /// Slope of leaky ReLU for negative inputs (PyTorch's default).
    public static let leakySlope: Float = 0.01
    let w: [UnsafeMutablePointer<Float>]
    let b: [UnsafeMutablePointer<Float>]
    /// Packed W_l for the forward product and W_lᵀ for the backward one, where the packed kernels apply.
    let packedForward: [PackedGEMM.PackedMatrix?]
    let packedBackward: [PackedGEMM.PackedMatrix?]
    /// W_lᵀ as contiguous [dims[l+1], dims[l]] copies: OpenBLAS is ~40% slower with a transposed operand at these
    /// shapes (measured 59 vs 97 GFLOP/s at 64×256×23).
    let wt: [UnsafeMutablePointer<Float>]
    /// Zeros, for applying an activation without a bias.
    let zeroBias: UnsafeMutablePointer<Float>

    /// Copies `stack`, optionally folding an input normaliser (x̄ = (x − inOffset)/inScale) into the first layer and
    /// an output scale/offset (y = outScale ⊙ net + outOffset) into the last, so the fused loops never see them.
    public init(_ stack: DenseStack, inScale: [Double]? = nil, inOffset: [Double]? = nil,
                outScale: [Double]? = nil, outOffset: [Double]? = nil) throws {
        dims = stack.dims; activation = stack.activation
        let nIn = dims[0], nOut = dims[dims.count - 1]
        for (name, v, n) in [("inScale", inScale, nIn), ("inOffset", inOffset, nIn), ("outScale", outScale, nOut), ("outOffset", outOffset, nOut)] {
            if let v, v.count != n { throw PlanningError.shape(argument: name, expected: [n], got: [v.count]) }
        }
        if let s = inScale, s.contains(where: { $0 == 0 || !$0.isFinite }) {
            throw PlanningError.invalid(argument: "inScale", detail: "scales must be finite and non-zero")
        }
        // DenseStack's fields are mutable: re-check the shapes the raw copies below rely on.
        guard dims.count >= 2, stack.weights.count == dims.count - 1, stack.biases.count == dims.count - 1, dims.allSatisfy({ $0 > 0 }) else {
            throw PlanningError.invalid(argument: "network", detail: "dims \(dims) do not match \(stack.weights.count) weight and \(stack.biases.count) bias tensors")
        }
        for l in 0..<(dims.count - 1) {
            guard stack.weights[l].shape == [dims[l], dims[l + 1]] else {
                throw PlanningError.shape(argument: "weights[\(l)]", expected: [dims[l], dims[l + 1]], got: stack.weights[l].shape)
            }
            guard stack.biases[l].shape == [dims[l + 1]] else {
                throw PlanningError.shape(argument: "biases[\(l)]", expected: [dims[l + 1]], got: stack.biases[l].shape)
            }
        }
        var ws: [UnsafeMutablePointer<Float>] = [], bs: [UnsafeMutablePointer<Float>] = []
        for l in 0..<(dims.count - 1) {
            let i = dims[l], o = dims[l + 1]
            let wl = UnsafeMutablePointer<Float>.allocate(capacity: i * o), bl = UnsafeMutablePointer<Float>.allocate(capacity: o)
            let wt = stack.weights[l].dtype == .float32 ? stack.weights[l] : stack.weights[l].detached().to(.float32)
            let bt = stack.biases[l].dtype == .float32 ? stack.biases[l] : stack.biases[l].detached().to(.float32)
            wl.update(from: wt.storage.f32, count: i * o); bl.update(from: bt.storage.f32, count: o)
            if l == 0, inScale != nil || inOffset != nil {
                // x̄ W + b = x (diag(1/k) W) + (b − (off/k) W), folded in Float64.
                for c in 0..<o {
                    var shift = 0.0
                    for r in 0..<i {
                        let k = inScale?[r] ?? 1, off = inOffset?[r] ?? 0
                        let orig = Double(wl[r * o + c])
                        shift += off / k * orig
                        wl[r * o + c] = Float(orig / k)
                    }
                    bl[c] = Float(Double(bl[c]) - shift)
                }
            }
            if l == dims.count - 2 {
                for c in 0..<o {
                    let k = outScale?[c] ?? 1, off = outOffset?[c] ?? 0
                    for r in 0..<i { wl[r * o + c] = Float(Double(wl[r * o + c]) * k) }
                    bl[c] = Float(Double(bl[c]) * k + off)
                }
            }
            ws.append(wl); bs.append(bl)
        }
        w = ws; b = bs
        let dims = self.dims, useKernels = PackedGEMM.available
        packedForward = (0..<(dims.count - 1)).map { l in
            useKernels && dims[l + 1] >= PackedGEMM.minimumColumns
                ? PackedGEMM.PackedMatrix(ws[l], ld: dims[l + 1], k: dims[l], n: dims[l + 1], transpose: false) : nil
        }
        // Backward through layer l ≥ 1 maps a gradient of width dims[l+1] to width dims[l]: B = W_lᵀ. Layer 0's
        // product accumulates into the caller's gradient rows and stays with BLAS.
        packedBackward = (0..<(dims.count - 1)).map { l in
            useKernels && l > 0 && dims[l] >= PackedGEMM.minimumColumns
                ? PackedGEMM.PackedMatrix(ws[l], ld: dims[l + 1], k: dims[l + 1], n: dims[l], transpose: true) : nil
        }
        wt = (0..<(dims.count - 1)).map { l in
            let i = dims[l], o = dims[l + 1]
            let t = UnsafeMutablePointer<Float>.allocate(capacity: i * o)
            for r in 0..<i { for c in 0..<o { t[c * i + r] = ws[l][r * o + c] } }
            return t
        }
        let widest = dims.max() ?? 1
        zeroBias = UnsafeMutablePointer<Float>.allocate(capacity: widest)
        zeroBias.update(repeating: 0, count: widest)
    }

    deinit { for p in w + b + wt { p.deallocate() }; zeroBias.deallocate() }

    /// Number of layers.
    public var layerCount: Int { dims.count - 1 }
    /// Widest hidden layer (scratch sizing).
    public var maxWidth: Int { dims.max() ?? 0 }
    /// True when backward needs the pre-activation values as well as the outputs.
    var needsPreActivation: Bool { activation == .silu || activation == .softplus }

    /// One layer forward: out[rows, o] (stride ldo) = act?(inp[rows, i] (stride ldi) · W_l + b_l).
    @inline(__always)
    func layerForward(_ l: Int, rows: Int, inp: UnsafePointer<Float>, ldi: Int, out: UnsafeMutablePointer<Float>, ldo: Int,
                      pre: UnsafeMutablePointer<Float>? = nil) {
        let i = dims[l], o = dims[l + 1]
        let last = l == dims.count - 2
        let act = last ? Activation.identity : activation
        if let packed = packedForward[l] {
            // Bias (and ReLU) in the kernel's epilogue; other activations in one pass afterwards.
            let fused = act == .relu || act == .identity
            PackedGEMM.nn(rows: rows, a: inp, lda: ldi, b: packed, c: out, ldc: ldo, bias: b[l], relu: act == .relu, mask: nil, ldm: 0)
            if !fused { Self.biasActivate(out, rows: rows, n: o, ld: ldo, bias: zeroBias, act: act, pre: pre) }
            return
        }
        BLAS.sgemm(m: rows, n: o, k: i, a: inp, lda: ldi, b: w[l], ldb: o, c: out, ldc: ldo)
        Self.biasActivate(out, rows: rows, n: o, ld: ldo, bias: b[l], act: act, pre: last ? nil : pre)
    }

    /// out[rows × dims[l]] = g[rows × dims[l+1]] · W_lᵀ; when `maskY` (outputs of the layer below, stride dims[l]) is
    /// given and the activation is ReLU, the ReLU derivative is applied in the same pass and the result says so.
    @inline(__always)
    func backwardProduct(_ l: Int, rows: Int, g: UnsafePointer<Float>, ldg: Int, out: UnsafeMutablePointer<Float>,
                         maskY: UnsafePointer<Float>?) -> Bool {
        let o = dims[l + 1], i = dims[l]
        if let packed = packedBackward[l] {
            let fuse = activation == .relu && maskY != nil
            PackedGEMM.nn(rows: rows, a: g, lda: ldg, b: packed, c: out, ldc: i, bias: nil, relu: false,
                             mask: fuse ? maskY : nil, ldm: i)
            return fuse
        }
        BLAS.sgemm(m: rows, n: i, k: o, a: g, lda: ldg, b: wt[l], ldb: i, c: out, ldc: i)
        return false
    }

    /// Forward of a whole batch with two ping-pong scratch buffers (each ≥ rows × maxWidth); the result goes to
    /// `out` [rows, dims.last] (stride ldo).
    public func forward(rows: Int, inp: UnsafePointer<Float>, ldi: Int, out: UnsafeMutablePointer<Float>, ldo: Int,
                        scratchA: UnsafeMutablePointer<Float>, scratchB: UnsafeMutablePointer<Float>) {
        var src = UnsafePointer(inp), ld = ldi
        var bufs = (scratchA, scratchB)
        for l in 0..<layerCount {
            if l == layerCount - 1 {
                layerForward(l, rows: rows, inp: src, ldi: ld, out: out, ldo: ldo)
            } else {
                layerForward(l, rows: rows, inp: src, ldi: ld, out: bufs.0, ldo: dims[l + 1])
                src = UnsafePointer(bufs.0); ld = dims[l + 1]
                bufs = (bufs.1, bufs.0)
            }
        }
    }

    /// Adds the bias to every row and applies the activation in one pass; stores pre-activations when asked.
    @inline(__always)
    static func biasActivate(_ h: UnsafeMutablePointer<Float>, rows: Int, n: Int, ld: Int, bias: UnsafePointer<Float>,
                             act: Activation, pre: UnsafeMutablePointer<Float>?) {
        for r in 0..<rows {
            let row = h + r * ld
            switch act {
            case .identity: for j in 0..<n { row[j] += bias[j] }
            case .relu: for j in 0..<n { let v = row[j] + bias[j]; row[j] = v > 0 ? v : 0 }
            case .leakyRelu: for j in 0..<n { let v = row[j] + bias[j]; row[j] = v > 0 ? v : leakySlope * v }
            case .elu: for j in 0..<n { let v = row[j] + bias[j]; row[j] = v > 0 ? v : expf(v) - 1 }
            case .tanh: for j in 0..<n { row[j] = tanhf(row[j] + bias[j]) }
            case .silu:
                for j in 0..<n { let v = row[j] + bias[j]; pre?[r * n + j] = v; row[j] = v / (1 + expf(-v)) }
            case .softplus:
                for j in 0..<n {
                    let v = row[j] + bias[j]; pre?[r * n + j] = v
                    row[j] = v > 20 ? v : log1pf(expf(v))
                }
            }
        }
    }

    /// g ← g ⊙ act′, from the layer's outputs `y` (and pre-activations for silu/softplus), rows × n contiguous.
    @inline(__always)
    static func activationBackward(_ g: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, pre: UnsafePointer<Float>?,
                                   count n: Int, act: Activation) {
        switch act {
        case .identity: return
        case .relu: for j in 0..<n { let d = g[j]; g[j] = y[j] > 0 ? d : 0 }
        case .leakyRelu: for j in 0..<n { let d = g[j]; g[j] = y[j] > 0 ? d : d * leakySlope }
        case .elu: for j in 0..<n { let d = g[j]; let v = y[j]; g[j] = v > 0 ? d : d * (v + 1) }
        case .tanh: for j in 0..<n { let v = y[j]; g[j] *= 1 - v * v }
        case .silu:
            guard let pre else { return }
            for j in 0..<n { let x = pre[j]; let s = 1 / (1 + expf(-x)); g[j] *= s * (1 + x * (1 - s)) }
        case .softplus:
            guard let pre else { return }
            for j in 0..<n { g[j] *= 1 / (1 + expf(-pre[j])) }
        }
    }
}
