import SGPTensor

/// A fully connected network (plain MLP, or the paper's noise-conditioned MLP) whose parameters live in one
/// contiguous float32 vector, so optimisers, clipping and checkpoints work on a single buffer.
///
/// Forward and backward passes run in an `MLPWorkspace`; the network itself only owns weights.
public final class Network: @unchecked Sendable {
    /// The architecture.
    public let spec: NetworkSpec
    /// Offsets of every parameter block in `parameters`.
    public let layout: NetworkSpec.Layout
    /// All parameters, flat, in `layout` order (shape [parameterCount]).
    public let parameters: Tensor

    /// Fresh weights: Linear layers with PyTorch's default uniform(±1/√fan_in) for weight and bias,
    /// LayerNorm weight 1 and bias 0, embedding N(0, 1) (PyTorch's `nn.Embedding` default).
    public init(spec: NetworkSpec, rng: inout RandomStream) {
        self.spec = spec
        layout = spec.layout
        parameters = Tensor.zeros([layout.count])
        let p = parameters.storage.f32
        for i in 0..<spec.layerCount {
            let bound = 1 / Double(spec.dims[i]).squareRoot()
            for j in 0..<(spec.dims[i] * spec.dims[i + 1]) { p[layout.weight[i] + j] = Float(rng.uniform(-bound, bound)) }
            for j in 0..<spec.dims[i + 1] { p[layout.bias[i] + j] = Float(rng.uniform(-bound, bound)) }
            if layout.gamma[i] >= 0 { (p + layout.gamma[i]).update(repeating: 1, count: spec.dims[i + 1]) }
        }
        if layout.embedding >= 0 {
            for j in 0..<(spec.levels * spec.embeddingWidth) { p[layout.embedding + j] = Float(rng.normal()) }
        }
    }

    /// Wraps a flat parameter vector (copied).
    public init(spec: NetworkSpec, parameters flat: Tensor) throws {
        self.spec = spec
        layout = spec.layout
        guard flat.count == layout.count else {
            throw TensorError.shape(op: "network", detail: "\(spec) needs \(layout.count) parameters, got \(flat.count)")
        }
        parameters = flat.to(.float32).copy().detached()
    }

    /// A plain network holding a copy of a `DenseStack`'s weights.
    public convenience init(stack: DenseStack) throws {
        let spec = try NetworkSpec(dims: stack.dims, activation: stack.activation)
        var rng = RandomStream(seed: 0)
        self.init(spec: spec, rng: &rng)
        for i in 0..<spec.layerCount {
            weight(i).update(from: stack.weights[i].storage.f32, count: stack.weights[i].count)
            bias(i).update(from: stack.biases[i].storage.f32, count: stack.biases[i].count)
        }
    }

    /// A deep copy (independent parameters).
    public func copy() -> Network {
        // The spec and count match by construction, so this cannot throw.
        (try? Network(spec: spec, parameters: parameters)) ?? self
    }

    /// Number of scalar parameters.
    public var parameterCount: Int { layout.count }

    /// Pointer to layer `i`'s weight, row-major [dims[i], dims[i+1]].
    @inline(__always) public func weight(_ i: Int) -> UnsafeMutablePointer<Float> { parameters.storage.f32 + layout.weight[i] }
    /// Pointer to layer `i`'s bias [dims[i+1]].
    @inline(__always) public func bias(_ i: Int) -> UnsafeMutablePointer<Float> { parameters.storage.f32 + layout.bias[i] }
    /// Pointer to the embedding row of `level` (nil for a plain network).
    @inline(__always) public func embeddingRow(_ level: Int) -> UnsafeMutablePointer<Float>? {
        layout.embedding < 0 ? nil : parameters.storage.f32 + layout.embedding + level * spec.embeddingWidth
    }

    /// Overwrites these parameters with another network's (same architecture).
    public func load(from other: Network) {
        guard other.layout.count == layout.count else { return }
        parameters.storage.f32.update(from: other.parameters.storage.f32, count: layout.count)
    }

    /// The weights as the planners' exchange format; only for plain networks (no LayerNorm, no embedding).
    public func denseStack() throws -> DenseStack {
        guard spec.levels == 0, !spec.layerNorm else {
            throw TensorError.invalid(op: "network", detail: "\(spec) has LayerNorm or level embeddings and cannot be a DenseStack")
        }
        var ws: [Tensor] = [], bs: [Tensor] = []
        for i in 0..<spec.layerCount {
            let w = Tensor.uninitialized([spec.dims[i], spec.dims[i + 1]])
            w.storage.f32.update(from: weight(i), count: w.count)
            let b = Tensor.uninitialized([spec.dims[i + 1]])
            b.storage.f32.update(from: bias(i), count: b.count)
            ws.append(w); bs.append(b)
        }
        return try DenseStack(dims: spec.dims, weights: ws, biases: bs, activation: spec.activation)
    }

    /// Named parameter tensors (copies), in checkpoint order.
    public func namedTensors(prefix: String = "") -> [(String, Tensor)] {
        spec.parameterNames.map { name, offset, shape in
            let t = Tensor.uninitialized(shape)
            t.storage.f32.update(from: parameters.storage.f32 + offset, count: t.count)
            return (prefix + name, t)
        }
    }

    /// Rebuilds a network from named tensors (as written by `namedTensors`).
    public convenience init(spec: NetworkSpec, tensors: [String: Tensor], prefix: String = "") throws {
        var rng = RandomStream(seed: 0)
        self.init(spec: spec, rng: &rng)
        for (name, offset, shape) in spec.parameterNames {
            guard let t = tensors[prefix + name] else {
                throw TensorError.invalid(op: "load", detail: "checkpoint lacks tensor \(prefix + name)")
            }
            guard t.shape == shape else {
                throw TensorError.shape(op: "load", detail: "tensor \(prefix + name) should have shape \(shape), got \(t.shape)")
            }
            let f = t.to(.float32)
            (parameters.storage.f32 + offset).update(from: f.storage.f32, count: f.count)
        }
    }
}
