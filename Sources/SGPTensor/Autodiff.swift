/// A recorded op in the autodiff graph: its inputs and a function from the output's gradient to the inputs'.
///
/// Nodes form a DAG by reference; `id` increases with creation, so processing nodes in decreasing `id` is a valid
/// reverse topological order without an explicit sort of the whole graph. One- and two-input ops (almost all of
/// them) store their inputs inline, so recording allocates no arrays.
public final class GradNode: @unchecked Sendable {
    /// Creation order; larger ids were recorded later.
    public let id: Int
    /// The op that produced the node ("mul", "linear", "leaf", …).
    public let op: String
    // Mutable only so that deinit can dismantle long chains iteratively (see `deinit`).
    private(set) var input0: Tensor?
    private(set) var input1: Tensor?
    private(set) var moreInputs: [Tensor]
    private(set) var backward: Backward?
    /// Scratch for `Autodiff.gradients`: the pass that last visited this node and the gradient accumulated there.
    var mark = 0
    var wanted = 0
    var grad: Tensor?

    /// Maps the output's gradient to one gradient (or nil = zero) per input, each shaped like that input.
    enum Backward {
        case one((Tensor) throws -> Tensor?)
        case two((Tensor) throws -> (Tensor?, Tensor?))
        case many((Tensor) throws -> [Tensor?])
    }

    init(op: String, inputs: [Tensor], backward: Backward?) {
        self.id = Autodiff.nextID()
        self.op = op
        self.input0 = nil
        self.input1 = nil
        self.moreInputs = inputs
        self.backward = backward
    }

    init(op: String, _ a: Tensor, _ b: Tensor?, backward: Backward) {
        self.id = Autodiff.nextID()
        self.op = op
        self.input0 = a
        self.input1 = b
        self.moreInputs = []
        self.backward = backward
    }

    /// Releasing the last tensor of a 100 000-op chain would otherwise free the nodes recursively and overflow
    /// the stack. Instead each dying node hands the children it alone keeps alive to a work list.
    deinit {
        var pending: [GradNode] = []
        detachChildren(into: &pending)
        while let n = pending.popLast() { n.detachChildren(into: &pending) }
    }

    /// Drops the backward closure (its captures may share the children), then moves each child node that only
    /// this node references into `pending`, so it dies there instead of inside this deinit.
    private func detachChildren(into pending: inout [GradNode]) {
        backward = nil
        func take(_ t: inout Tensor) {
            guard var child = t.node else { return }
            t.node = nil
            if isKnownUniquelyReferenced(&child) { pending.append(child) }
        }
        if var t = input0 { input0 = nil; take(&t) }
        if var t = input1 { input1 = nil; take(&t) }
        if !moreInputs.isEmpty {
            var ts = moreInputs
            moreInputs = []
            for i in ts.indices { take(&ts[i]) }
        }
    }

    /// The op's inputs in order.
    var inputs: [Tensor] {
        if let a = input0 { if let b = input1 { return [a, b] }; return [a] }
        return moreInputs
    }

    /// True for a tracked input (no op produced it).
    public var isLeaf: Bool { backward == nil }
}

/// Whether ops record gradient nodes. Off inside backward passes and `noGrad` scopes.
///
/// The interpreter and kernels run on one thread; the flag is process-global like PyTorch's default mode.
public enum GradMode {
    nonisolated(unsafe) public private(set) static var isEnabled = true

    /// Runs `body` with recording off (inference, optimiser updates).
    public static func noGrad<R>(_ body: () throws -> R) rethrows -> R {
        let old = isEnabled
        isEnabled = false
        defer { isEnabled = old }
        return try body()
    }

    /// Runs `body` with recording on, even inside an outer `noGrad`.
    public static func withGrad<R>(_ body: () throws -> R) rethrows -> R {
        let old = isEnabled
        isEnabled = true
        defer { isEnabled = old }
        return try body()
    }
}

/// Reverse-mode differentiation over the graph of `GradNode`s.
public enum Autodiff {
    nonisolated(unsafe) private static var counter = 0
    nonisolated(unsafe) private static var passCounter = 0
    static func nextID() -> Int { counter &+= 1; return counter }

    /// Attaches a node to `out` when recording is on and any input is tracked; otherwise returns `out` unchanged.
    @inline(__always)
    public static func record(_ out: Tensor, op: String, inputs: [Tensor],
                              backward: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.node != nil }) else { return out }
        var r = out
        r.node = GradNode(op: op, inputs: inputs, backward: .many(backward))
        return r
    }

    /// One-input form of `record`: no arrays are allocated.
    @inline(__always)
    public static func record(_ out: Tensor, op: String, _ a: Tensor,
                              backward: @escaping (Tensor) throws -> Tensor?) -> Tensor {
        guard GradMode.isEnabled, a.node != nil else { return out }
        var r = out
        r.node = GradNode(op: op, a, nil, backward: .one(backward))
        return r
    }

    /// Two-input form of `record`: no arrays are allocated.
    @inline(__always)
    public static func record(_ out: Tensor, op: String, _ a: Tensor, _ b: Tensor,
                              backward: @escaping (Tensor) throws -> (Tensor?, Tensor?)) -> Tensor {
        guard GradMode.isEnabled, a.node != nil || b.node != nil else { return out }
        var r = out
        r.node = GradNode(op: op, a, b, backward: .two(backward))
        return r
    }

    /// Gradients of `output` (summed if not scalar, i.e. seeded with ones) with respect to each of `inputs`.
    /// An input that `output` does not depend on gets zeros. Gradients have the inputs' shapes and dtypes.
    public static func gradients(of output: Tensor, wrt inputs: [Tensor], seed: Tensor? = nil) throws -> [Tensor] {
        let seedGrad = seed ?? Tensor.full(output.shape, 1, dtype: output.dtype)
        guard seedGrad.shape == output.shape else {
            throw TensorError.shape(op: "gradient", detail: "seed shape \(seedGrad.shape) differs from output shape \(output.shape)")
        }
        guard let root = output.node else { return inputs.map { Tensor.zeros($0.shape, dtype: $0.dtype) } }

        // Collect reachable nodes (a pass number marks visited ones: no hashing); newest first is a valid reverse
        // topological order. Gradients accumulate in the nodes themselves and are cleared before returning, so
        // one graph must not be differentiated from two threads at once.
        passCounter &+= 1
        let pass = passCounter
        var nodes: [GradNode] = []
        var stack = [root]
        while let n = stack.popLast() {
            guard n.mark != pass else { continue }
            n.mark = pass
            nodes.append(n)
            if let p = n.input0?.node, p.mark != pass { stack.append(p) }
            if let p = n.input1?.node, p.mark != pass { stack.append(p) }
            for i in n.moreInputs { if let p = i.node, p.mark != pass { stack.append(p) } }
        }
        nodes.sort { $0.id > $1.id }
        root.grad = seedGrad
        for x in inputs { x.node?.wanted = pass }
        defer { for n in nodes { n.grad = nil } }

        try GradMode.noGrad {
            for n in nodes {
                guard let back = n.backward, let g = n.grad else { continue }
                if n.wanted != pass { n.grad = nil } // intermediate gradients are not needed again
                @inline(__always) func accumulate(_ inp: Tensor?, _ gi: Tensor?) throws {
                    guard let inp, let p = inp.node, var gi else { return }
                    // Mixed-dtype ops compute in the wider type; hand each input a gradient of its own dtype.
                    if gi.dtype != inp.dtype { gi = gi.to(inp.dtype) }
                    if let acc = p.grad { p.grad = try acc + gi } else { p.grad = gi }
                }
                switch back {
                case let .one(f): try accumulate(n.input0, try f(g))
                case let .two(f):
                    let (ga, gb) = try f(g)
                    try accumulate(n.input0, ga); try accumulate(n.input1, gb)
                case let .many(f):
                    for (inp, gi) in zip(n.moreInputs, try f(g)) { try accumulate(inp, gi) }
                }
            }
        }
        return inputs.map { x in
            if let n = x.node, n.mark == pass, let g = n.grad { return g }
            return Tensor.zeros(x.shape, dtype: x.dtype)
        }
    }
}

extension Tensor {
    /// A copy of this tensor's handle that is a fresh leaf of the autodiff graph.
    public func requiringGrad() -> Tensor {
        var t = Tensor(shape: shape, storage: storage)
        t.node = GradNode(op: "leaf", inputs: [], backward: nil)
        return t
    }

    /// The same values, cut from the graph: gradients do not flow through the result.
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage) }

    /// Gradient of the scalar (or summed) `self` with respect to `x`.
    public func gradient(wrt x: Tensor) throws -> Tensor { try Autodiff.gradients(of: self, wrt: [x])[0] }
}

/// Value and gradient of `f` at `x`.
public func valueAndGradient(at x: Tensor, of f: (Tensor) throws -> Tensor) throws -> (value: Tensor, gradient: Tensor) {
    let xv = x.requiringGrad()
    let y = try GradMode.withGrad { try f(xv) }
    return (y.detached(), try Autodiff.gradients(of: y, wrt: [xv])[0])
}

/// Gradient of `f` at `x`.
public func gradient(at x: Tensor, of f: (Tensor) throws -> Tensor) throws -> Tensor {
    try valueAndGradient(at: x, of: f).gradient
}
