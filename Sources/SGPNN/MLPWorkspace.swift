import SGPTensor
import CKernels

/// Preallocated buffers for fused forward and backward passes of one `Network` on batches of up to `maxRows`.
///
/// `forward` caches what `backward` needs (layer inputs, pre-activations, LayerNorm statistics); `backward`
/// writes parameter gradients into `gradients` (same layout as `Network.parameters`) and optionally the input
/// gradient. On AVX-512 CPUs and batches of at least `packedMinRows` rows, when BLAS runs one thread or the caller
/// passes shared packed weights, the products use the packed-panel kernels of `PackedGEMM` (weights packed per
/// pass, bias + ReLU and the ReLU mask fused into the stores, weight gradients as Xᵀ·G without a transpose);
/// otherwise BLAS. Everything elementwise is one C kernel pass. Not thread-safe: one
/// workspace per thread (several may share one `PackedWeights`).
public final class MLPWorkspace: @unchecked Sendable {
    /// The network whose weights are read (and whose gradients are computed).
    public let network: Network
    /// Largest batch the buffers hold.
    public let maxRows: Int
    /// Parameter gradients, flat, in the network's layout.
    public let gradients: Tensor
    /// Rows of the last forward pass.
    public private(set) var rows = 0
    /// Level of the last forward pass.
    public private(set) var level = 0

    // acts[i]: input of layer i, [maxRows, dims[i]]; acts[last+1] is the output.
    private var acts: [Tensor] = []
    // pre[i]: bias-added linear output of layer i (t); post[i]: the activation's input (LayerNorm output for blocks).
    private var pre: [Tensor] = []
    private var post: [Tensor] = []
    private var xhat: [Tensor] = []
    private var rstd: [Tensor] = []
    private let gradA: Tensor, gradB: Tensor, inputGrad: Tensor
    // Packed-kernel state: own packed weights (when no shared ones are passed), the packed output gradient of the
    // layer being differentiated, the weights the last forward used, and which layers fused bias + ReLU.
    private let ownPacked: PackedWeights?
    private let packedGrad: PackedGEMM.PackedMatrix?
    private var packedInUse: PackedWeights?
    private var fusedRelu: [Bool]

    /// Use the packed kernels where they apply (tests turn this off to compare against the BLAS path).
    var packedKernels = true

    /// Whether the last forward pass ran on the packed kernels.
    var lastPassPacked: Bool { packedInUse != nil }

    /// Smallest batch for the packed kernels: packing a 256×256 weight costs ~6 µs, a few percent of a 128-row
    /// product; smaller batches go to BLAS.
    public static let packedMinRows = 128

    /// Buffers for batches of up to `maxRows` rows.
    public init(network: Network, maxRows: Int) throws {
        guard maxRows > 0, maxRows * (network.spec.dims.max() ?? 1) <= Limits.maxElements else {
            throw TensorError.invalid(op: "mlp", detail: "workspace batch must be positive and fit in memory, got \(maxRows)")
        }
        self.network = network
        self.maxRows = maxRows
        let spec = network.spec
        gradients = Tensor.zeros([network.parameterCount])
        for d in spec.dims { acts.append(Tensor.zeros([maxRows, d])) }
        for i in 0..<spec.layerCount {
            let w = spec.dims[i + 1]
            pre.append(Tensor.zeros([maxRows, w]))
            let ln = spec.layerNorm && spec.isBlock(i)
            post.append(ln ? Tensor.zeros([maxRows, w]) : pre[i])
            xhat.append(ln ? Tensor.zeros([maxRows, w]) : Tensor.zeros([0]))
            rstd.append(ln ? Tensor.zeros([maxRows]) : Tensor.zeros([0]))
        }
        let widest = spec.dims.max() ?? 1
        gradA = Tensor.zeros([maxRows, widest]); gradB = Tensor.zeros([maxRows, widest])
        inputGrad = Tensor.zeros([maxRows, spec.inputDim])
        fusedRelu = Array(repeating: false, count: spec.layerCount)
        if PackedGEMM.available && maxRows >= MLPWorkspace.packedMinRows {
            ownPacked = PackedWeights(spec: spec)
            packedGrad = PackedGEMM.PackedMatrix(k: maxRows, n: widest)
        } else {
            ownPacked = nil; packedGrad = nil
        }
    }

    /// Output of the last forward pass, [rows, outputDim] (valid until the next forward).
    public var output: UnsafeMutablePointer<Float> { acts[acts.count - 1].storage.f32 }

    /// Runs the network on `rows` rows of `input` ([rows, inputDim], row-major) at noise `level`
    /// (ignored by plain networks) and returns a pointer to the output, valid until the next call.
    /// `packed`: weights already packed from this network (shared by the workspaces of one step); by default the
    /// workspace packs them itself when the packed kernels apply.
    @discardableResult
    public func forward(input: UnsafePointer<Float>, rows n: Int, level l: Int = 0,
                        packed: PackedWeights? = nil) throws -> UnsafeMutablePointer<Float> {
        let spec = network.spec
        guard n > 0, n <= maxRows else {
            throw TensorError.invalid(op: "mlp", detail: "batch of \(n) rows does not fit a workspace of \(maxRows) rows")
        }
        guard spec.levels == 0 || (l >= 0 && l < spec.levels) else {
            throw TensorError.index(op: "mlp level", index: l, size: spec.levels)
        }
        rows = n; level = l
        acts[0].storage.f32.update(from: input, count: n * spec.inputDim)
        let act = spec.activationCode, slope = NetworkSpec.leakySlope
        let last = spec.layerCount - 1
        var pw: PackedWeights? = nil
        // Packed kernels are single-threaded: use them when given shared weights (a data-parallel caller) or when
        // BLAS runs one thread anyway; a lone workspace with several BLAS threads keeps OpenBLAS's threading.
        if packedKernels, let own = ownPacked, n >= MLPWorkspace.packedMinRows {
            if let packed { pw = packed } else if BLAS.threads == 1 { own.refresh(from: network); pw = own }
        }
        packedInUse = pw
        for i in 0...last {
            let din = spec.dims[i], dout = spec.dims[i + 1]
            let t = pre[i].storage.f32
            let out = acts[i + 1].storage.f32
            let plainRelu = i != last && spec.activation == .relu && !(spec.layerNorm && spec.isBlock(i))
            fusedRelu[i] = false
            if let pm = pw?.forward[i] {
                if plainRelu {
                    // act(x W + b) in the store; pre[i] is not written (backward masks with the output instead).
                    PackedGEMM.nn(rows: n, a: acts[i].storage.f32, lda: din, b: pm, c: out, ldc: dout, bias: network.bias(i), relu: true)
                    fusedRelu[i] = true
                    continue
                }
                PackedGEMM.nn(rows: n, a: acts[i].storage.f32, lda: din, b: pm, c: i == last ? out : t, ldc: dout, bias: network.bias(i))
            } else {
                // Bias rows first, then a beta = 1 product: no separate bias pass and no zeroing inside BLAS.
                sgp_nn_fill_rows(i == last ? out : t, network.bias(i), n, dout)
                BLAS.sgemm(m: n, n: dout, k: din, a: acts[i].storage.f32, lda: din, b: network.weight(i), ldb: dout,
                           beta: 1, c: i == last ? out : t, ldc: dout)
            }
            if i == last {
                continue
            } else if spec.layerNorm && spec.isBlock(i) {
                let g = network.parameters.storage.f32 + network.layout.gamma[i]
                let b = network.parameters.storage.f32 + network.layout.beta[i]
                sgp_nn_layernorm_fwd(t, network.embeddingRow(l), xhat[i].storage.f32, rstd[i].storage.f32, g, b,
                                     post[i].storage.f32, n, dout, NetworkSpec.layerNormEps)
                sgp_nn_act_fwd(post[i].storage.f32, out, n * dout, act, slope)
            } else {
                sgp_nn_act_fwd(t, out, n * dout, act, slope)
            }
        }
        return output
    }

    /// Backpropagates `dOut` ([rows, outputDim], the loss gradient w.r.t. the last forward's output).
    /// Parameter gradients are written into `gradients` (added to them when `accumulate`); with
    /// `needInputGrad` the gradient w.r.t. the input is returned ([rows, inputDim], valid until the next call).
    /// With `needParamGrads == false` weight products are skipped (frozen weights, e.g. a planner's score term)
    /// and the contents of `gradients` are unspecified afterwards.
    @discardableResult
    public func backward(dOut: UnsafePointer<Float>, needInputGrad: Bool = false, needParamGrads: Bool = true,
                         accumulate: Bool = false) -> UnsafeMutablePointer<Float>? {
        let spec = network.spec, n = rows
        guard n > 0 else { return nil }
        let gp = gradients.storage.f32
        let pw = packedInUse
        // The packed path stores each weight gradient outright, so only biases, LayerNorm and embedding need zeroing
        // (the weights are most of the buffer: 0.8 MB per pass for the 23→[256]×4→23 net).
        let storeWeights = needParamGrads && !accumulate && pw != nil && packedGrad != nil
        if storeWeights {
            var pos = 0
            for i in 0..<spec.layerCount {
                let w = network.layout.weight[i]
                if w > pos { (gp + pos).update(repeating: 0, count: w - pos) }
                pos = max(pos, w + spec.dims[i] * spec.dims[i + 1])
            }
            if pos < network.parameterCount { (gp + pos).update(repeating: 0, count: network.parameterCount - pos) }
        } else if needParamGrads && !accumulate {
            gp.update(repeating: 0, count: network.parameterCount)
        }
        let act = spec.activationCode, slope = NetworkSpec.leakySlope
        var g = UnsafeMutablePointer(mutating: dOut)
        var spare = gradA.storage.f32, other = gradB.storage.f32
        var biasDone = false
        for i in stride(from: spec.layerCount - 1, through: 0, by: -1) {
            let din = spec.dims[i], dout = spec.dims[i + 1]
            if needParamGrads {
                if pw != nil, let pg = packedGrad {
                    // dW += Xᵀ G with X read in place and G packed once (K = rows).
                    pg.pack(g, ld: dout, k: n, n: dout, transpose: false)
                    PackedGEMM.tn(m: din, a: acts[i].storage.f32, lda: din, b: pg, c: gp + network.layout.weight[i], ldc: dout,
                                  accumulate: !storeWeights)
                } else {
                    BLAS.sgemm(transA: true, m: din, n: dout, k: n, a: acts[i].storage.f32, lda: din, b: g, ldb: dout,
                               beta: 1, c: gp + network.layout.weight[i], ldc: dout)
                }
                if !biasDone { sgp_nn_colsum_acc(g, n, dout, gp + network.layout.bias[i]) }
            }
            biasDone = false
            if i == 0 && !needInputGrad { break }
            let dh = i == 0 ? inputGrad.storage.f32 : spare
            let j = i - 1
            if let pmT = pw?.backward[i] {
                if i > 0 && fusedRelu[j] {
                    // G Wᵀ with layer j's ReLU derivative applied in the store (mask: layer j's output > 0).
                    PackedGEMM.nn(rows: n, a: g, lda: dout, b: pmT, c: dh, ldc: din, mask: acts[i].storage.f32, ldm: din)
                    if needParamGrads { sgp_nn_colsum_acc(dh, n, din, gp + network.layout.bias[j]); biasDone = true }
                    g = dh
                    swap(&spare, &other)
                    continue
                }
                PackedGEMM.nn(rows: n, a: g, lda: dout, b: pmT, c: dh, ldc: din)
            } else {
                BLAS.sgemm(transB: true, m: n, n: din, k: dout, a: g, lda: dout, b: network.weight(i), ldb: dout,
                           c: dh, ldc: din)
            }
            if i == 0 { return dh }
            // Through layer i-1's activation (and LayerNorm/embedding for hidden blocks), in place.
            if fusedRelu[j] {
                // Forward fused bias + ReLU and left pre[j] unwritten: the output carries the same sign information.
                sgp_nn_act_bwd(acts[i].storage.f32, acts[i].storage.f32, dh, dh, n * din, act, slope)
                if needParamGrads { sgp_nn_colsum_acc(dh, n, din, gp + network.layout.bias[j]); biasDone = true }
            } else if spec.layerNorm && spec.isBlock(j) || !needParamGrads {
                sgp_nn_act_bwd(post[j].storage.f32, acts[i].storage.f32, dh, dh, n * din, act, slope)
            } else {
                // Plain layer: layer j's bias gradient is the column sum of this result; take it in the same pass.
                sgp_nn_act_bwd_colsum(post[j].storage.f32, acts[i].storage.f32, dh, dh, n, din, act, slope,
                                      gp + network.layout.bias[j])
                biasDone = true
            }
            if spec.layerNorm && spec.isBlock(j) {
                let e = network.embeddingRow(level)
                let de = network.layout.embedding < 0 ? nil : gp + network.layout.embedding + level * spec.embeddingWidth
                sgp_nn_layernorm_bwd(dh, xhat[j].storage.f32, rstd[j].storage.f32,
                                     network.parameters.storage.f32 + network.layout.gamma[j],
                                     pre[j].storage.f32, e, dh, gp + network.layout.gamma[j],
                                     gp + network.layout.beta[j], de, n, din)
            }
            g = dh
            swap(&spare, &other)
        }
        return nil
    }

    /// Convenience: the network applied to a [rows, inputDim] tensor at `level`, as a fresh [rows, outputDim] tensor
    /// (chunked by `maxRows`).
    public func apply(_ x: Tensor, level l: Int = 0) throws -> Tensor {
        let spec = network.spec
        guard x.rank == 2, x.shape[1] == spec.inputDim else {
            throw TensorError.shape(op: "mlp", detail: "input should be [n, \(spec.inputDim)], got \(x.shape)")
        }
        let xf = x.to(.float32)
        let n = x.shape[0], out = Tensor.uninitialized([n, spec.outputDim])
        var start = 0
        while start < n {
            let m = min(maxRows, n - start)
            let y = try forward(input: xf.storage.f32 + start * spec.inputDim, rows: m, level: l)
            (out.storage.f32 + start * spec.outputDim).update(from: y, count: m * spec.outputDim)
            start += m
        }
        return out
    }
}
