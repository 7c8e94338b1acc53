import SGPTensor

/// The weights of a plain multilayer perceptron, in the layout every fused kernel reads:
/// layer i maps `dims[i]` to `dims[i+1]` with `weights[i]` of shape [dims[i], dims[i+1]] (row-major, input-major,
/// so a batch is `X @ W + b`) and `biases[i]` of shape [dims[i+1]]. The activation follows every layer but the last.
///
/// This is the exchange format between training (SGPNN) and planning kernels (SGPPlanning); richer models
/// (LayerNorm, noise-level embeddings) extend it.
public struct DenseStack: @unchecked Sendable {
    public var dims: [Int]
    public var weights: [Tensor]
    public var biases: [Tensor]
    public var activation: Activation

    /// Wraps existing float32 weights; shapes are checked.
    public init(dims: [Int], weights: [Tensor], biases: [Tensor], activation: Activation) throws {
        guard dims.count >= 2, weights.count == dims.count - 1, biases.count == dims.count - 1 else {
            throw TensorError.invalid(op: "mlp", detail: "need \(max(dims.count - 1, 1)) layers for dims \(dims)")
        }
        for i in 0..<weights.count {
            guard weights[i].shape == [dims[i], dims[i + 1]], biases[i].shape == [dims[i + 1]],
                  weights[i].dtype == .float32, biases[i].dtype == .float32 else {
                throw TensorError.shape(op: "mlp", detail: "layer \(i) expects weight [\(dims[i]), \(dims[i + 1])] and bias [\(dims[i + 1])] in float32, got \(weights[i].shape) and \(biases[i].shape)")
            }
        }
        self.dims = dims; self.weights = weights; self.biases = biases; self.activation = activation
    }

    /// PyTorch's default Linear init: weight and bias uniform in ±1/√fan_in.
    public init(dims: [Int], activation: Activation, rng: inout RandomStream) throws {
        guard dims.count >= 2, dims.allSatisfy({ $0 > 0 }) else {
            throw TensorError.invalid(op: "mlp", detail: "layer widths must be positive, got \(dims)")
        }
        var ws: [Tensor] = [], bs: [Tensor] = []
        for i in 0..<(dims.count - 1) {
            let bound = 1 / Double(dims[i]).squareRoot()
            ws.append(Tensor.rand([dims[i], dims[i + 1]], lo: -bound, hi: bound, rng: &rng))
            bs.append(Tensor.rand([dims[i + 1]], lo: -bound, hi: bound, rng: &rng))
        }
        try self.init(dims: dims, weights: ws, biases: bs, activation: activation)
    }

    public var inputDim: Int { dims[0] }
    public var outputDim: Int { dims[dims.count - 1] }
    public var parameterCount: Int { zip(weights, biases).reduce(0) { $0 + $1.0.count + $1.1.count } }
}
