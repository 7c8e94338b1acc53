import SGPTensor

/// The architecture of a fully connected network, enough to rebuild it from a checkpoint.
///
/// Layer `i` maps `dims[i]` to `dims[i+1]`. Layer 0 is `Linear → activation`; the hidden blocks
/// (layers `1 ..< last`) are `Linear → (⊙ e_level) → (LayerNorm) → activation`; the last layer is a plain Linear.
/// With `levels > 0` the network is the paper's noise-conditioned MLP: one embedding table `[levels, width]`
/// shared by all hidden blocks (so hidden widths must be equal) and LayerNorm on every hidden block.
public struct NetworkSpec: Sendable, Equatable, CustomStringConvertible {
    /// Widths from input to output.
    public var dims: [Int]
    /// The nonlinearity after every layer but the last.
    public var activation: Activation
    /// Number of noise levels with a learned embedding; 0 for a plain network.
    public var levels: Int
    /// LayerNorm (with affine weight and bias) on the hidden blocks.
    public var layerNorm: Bool
    /// Slope of leaky_relu on the negative side (PyTorch's default).
    public static let leakySlope: Float = 0.01
    /// LayerNorm's variance epsilon (PyTorch's default).
    public static let layerNormEps: Float = 1e-5

    /// A validated architecture.
    public init(dims: [Int], activation: Activation, levels: Int = 0, layerNorm: Bool? = nil) throws {
        guard dims.count >= 2, dims.allSatisfy({ $0 > 0 && $0 <= 1 << 16 }) else {
            throw TensorError.invalid(op: "network", detail: "layer widths must be positive (at most 65536) with at least input and output, got \(dims)")
        }
        guard levels >= 0, levels <= 100_000 else {
            throw TensorError.invalid(op: "network", detail: "levels must be in 0...100000, got \(levels)")
        }
        let ln = layerNorm ?? (levels > 0)
        if levels > 0 {
            guard dims.count >= 4 else {
                throw TensorError.invalid(op: "network", detail: "a noise-conditioned network needs at least two hidden layers, got widths \(dims)")
            }
            let hidden = Array(dims[1..<(dims.count - 1)])
            guard Set(hidden).count == 1 else {
                throw TensorError.invalid(op: "network", detail: "a noise-conditioned network needs equal hidden widths (one shared embedding table), got \(hidden)")
            }
            guard ln else { throw TensorError.invalid(op: "network", detail: "a noise-conditioned network uses LayerNorm on its hidden blocks") }
        }
        self.dims = dims; self.activation = activation; self.levels = levels; self.layerNorm = ln
    }

    /// Number of Linear layers.
    public var layerCount: Int { dims.count - 1 }
    /// Width of the input.
    public var inputDim: Int { dims[0] }
    /// Width of the output.
    public var outputDim: Int { dims[dims.count - 1] }
    /// Width of the hidden blocks that carry the embedding (dims[1]).
    public var embeddingWidth: Int { dims.count > 2 ? dims[1] : 0 }
    /// True for layer indices that are hidden blocks (LayerNorm and embedding apply).
    @inline(__always) public func isBlock(_ layer: Int) -> Bool { layer >= 1 && layer < layerCount - 1 }

    /// Compact architecture text, e.g. `mlp(23→256→23, relu)`.
    public var description: String {
        var s = "mlp(\(dims.map(String.init).joined(separator: "→")), \(activation.rawValue)"
        if layerNorm { s += ", layernorm" }
        if levels > 0 { s += ", levels \(levels)" }
        return s + ")"
    }

    /// Where each parameter lives in the flat parameter vector.
    public struct Layout: Sendable {
        /// Offsets of each layer's weight and bias.
        public var weight: [Int] = [], bias: [Int] = []
        /// LayerNorm weight/bias offsets per layer index (-1 where the layer has none).
        public var gamma: [Int] = [], beta: [Int] = []
        /// Offset of the embedding table [levels, embeddingWidth], or -1.
        public var embedding = -1
        /// Total number of parameters.
        public var count = 0
    }

    /// The flat layout: per layer W then b; then per hidden block LayerNorm weight and bias; then the embedding.
    public var layout: Layout {
        var l = Layout(), o = 0
        for i in 0..<layerCount {
            l.weight.append(o); o += dims[i] * dims[i + 1]
            l.bias.append(o); o += dims[i + 1]
        }
        for i in 0..<layerCount {
            if layerNorm && isBlock(i) {
                l.gamma.append(o); o += dims[i + 1]
                l.beta.append(o); o += dims[i + 1]
            } else { l.gamma.append(-1); l.beta.append(-1) }
        }
        if levels > 0 { l.embedding = o; o += levels * embeddingWidth }
        l.count = o
        return l
    }

    /// Named parameter tensors as (name, offset, shape), the names used in checkpoints.
    public var parameterNames: [(String, Int, [Int])] {
        let l = layout
        var out: [(String, Int, [Int])] = []
        for i in 0..<layerCount {
            out.append(("layers.\(i).weight", l.weight[i], [dims[i], dims[i + 1]]))
            out.append(("layers.\(i).bias", l.bias[i], [dims[i + 1]]))
        }
        for i in 0..<layerCount where l.gamma[i] >= 0 {
            out.append(("norms.\(i).weight", l.gamma[i], [dims[i + 1]]))
            out.append(("norms.\(i).bias", l.beta[i], [dims[i + 1]]))
        }
        if l.embedding >= 0 { out.append(("embedding", l.embedding, [levels, embeddingWidth])) }
        return out
    }

    /// The CKernels activation code.
    var activationCode: Int32 {
        switch activation {
        case .identity: return 0
        case .relu: return 1
        case .elu: return 2
        case .leakyRelu: return 3
        case .tanh: return 4
        case .silu: return 5
        case .softplus: return 6
        }
    }
}
