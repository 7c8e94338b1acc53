// Reductions over any set of axes.

extension Tensor {
    /// Sum over `axes` (all when nil).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try Shape.normalizeAxes(axes, rank: rank, op: "sum")
        let keptShape = shape.enumerated().map { ax.contains($0.offset) ? 1 : $0.element }
        let outShape = keepDims ? keptShape : shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element)
        let out = Tensor.zeros(keptShape, dtype: dtype)
        if count > 0 {
            // Accumulate each input element into its reduced position (strides of out, 0 on reduced axes).
            let os = Shape.broadcastStrides(keptShape, to: shape)
            var idx = [Int](repeating: 0, count: rank)
            var o = 0
            switch dtype {
            case .float32:
                let p = storage.f32, q = out.storage.f32
                if ax == Array(0..<rank) {
                    var acc: Double = 0
                    for i in 0..<count { acc += Double(p[i]) }
                    q[0] = Float(acc)
                } else {
                    for i in 0..<count {
                        q[o] += p[i]
                        Tensor.advance(&idx, &o, shape, os)
                    }
                }
            case .float64:
                let p = storage.f64, q = out.storage.f64
                for i in 0..<count {
                    q[o] += p[i]
                    Tensor.advance(&idx, &o, shape, os)
                }
            }
        }
        let result = try out.reshapedRaw(outShape)
        let inShape = shape
        return Autodiff.record(result, op: "sum", inputs: [self]) { g in
            [try g.reshaped(keptShape).broadcast(to: inShape)]
        }
    }

    /// Odometer step over `shape`, moving offset `o` by `strides`.
    @inline(__always)
    static func advance(_ idx: inout [Int], _ o: inout Int, _ shape: [Int], _ strides: [Int]) {
        var ax = shape.count - 1
        while ax >= 0 {
            idx[ax] += 1; o += strides[ax]
            if idx[ax] < shape[ax] { return }
            o -= strides[ax] * shape[ax]; idx[ax] = 0
            ax -= 1
        }
    }

    /// Mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try Shape.normalizeAxes(axes, rank: rank, op: "mean")
        let n = ax.reduce(1) { $0 * shape[$1] }
        return try sum(axes: ax, keepDims: keepDims) * Tensor(scalar: 1 / Double(max(n, 1)), dtype: dtype)
    }

    /// Materialises a broadcast of `self` to `target` (differentiable).
    public func broadcast(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let full = try Shape.broadcast(shape, target, op: "broadcast")
        guard full == target else { throw TensorError.broadcast(op: "broadcast", shape, target) }
        let out = try Elementwise.binary(self.detached(), Tensor.zeros(target, dtype: dtype), op: "broadcast", { a, _ in a }, { a, _ in a })
        let inShape = shape
        return Autodiff.record(out, op: "broadcast", inputs: [self]) { g in [try g.sumTo(inShape)] }
    }
}
