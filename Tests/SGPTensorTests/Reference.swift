import SGPTensor

// Plain-loop reference implementations the optimised kernels are checked against: index arithmetic spelled out,
// Double everywhere, no shared code with the library's kernels.

enum Reference {
    /// Row-major multi-index of flat position `i` in `shape`.
    static func unravel(_ i: Int, _ shape: [Int]) -> [Int] {
        var idx = [Int](repeating: 0, count: shape.count), r = i
        for ax in stride(from: shape.count - 1, through: 0, by: -1) { idx[ax] = r % shape[ax]; r /= shape[ax] }
        return idx
    }

    /// Flat position of a multi-index.
    static func ravel(_ idx: [Int], _ shape: [Int]) -> Int {
        var o = 0
        for (i, d) in zip(idx, shape) { o = o * d + i }
        return o
    }

    /// Flat position in `shape` of output index `idx` under NumPy broadcasting.
    static func broadcastSource(_ idx: [Int], from shape: [Int]) -> Int {
        let off = idx.count - shape.count
        return ravel(shape.indices.map { shape[$0] == 1 ? 0 : idx[$0 + off] }, shape)
    }

    static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let n = max(a.count, b.count)
        return (0..<n).map { i in
            let da = i < n - a.count ? 1 : a[i - (n - a.count)], db = i < n - b.count ? 1 : b[i - (n - b.count)]
            return max(da, db)
        }
    }

    static func binary(_ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) -> (shape: [Int], values: [Double]) {
        let shape = broadcastShape(a.shape, b.shape)
        let n = shape.reduce(1, *)
        let values = (0..<n).map { i -> Double in
            let idx = unravel(i, shape)
            return f(a.scalar(at: broadcastSource(idx, from: a.shape)), b.scalar(at: broadcastSource(idx, from: b.shape)))
        }
        return (shape, values)
    }

    /// Reduction over `axes` with keepDims, by visiting every input element.
    static func reduce(_ x: Tensor, axes: [Int], initial: Double, _ f: (Double, Double) -> Double) -> (shape: [Int], values: [Double]) {
        var kept = x.shape
        for a in axes { kept[a] = 1 }
        var out = [Double](repeating: initial, count: kept.reduce(1, *))
        for i in 0..<x.count {
            var idx = unravel(i, x.shape)
            for a in axes { idx[a] = 0 }
            let o = ravel(idx, kept)
            out[o] = f(out[o], x.scalar(at: i))
        }
        return (kept, out)
    }
}

/// Random shapes for property tests, from a seeded stream.
struct ShapeGen {
    var rng: RandomStream

    init(seed: UInt64) { rng = RandomStream(seed: seed, stream: "shapes") }

    mutating func shape(maxRank: Int = 4, maxExtent: Int = 4) -> [Int] {
        (0..<rng.int(below: maxRank + 1)).map { _ in 1 + rng.int(below: maxExtent) }
    }

    /// Two shapes that broadcast together: suffixes of one output shape with some extents set to 1.
    mutating func broadcastPair() -> ([Int], [Int]) {
        let out = shape(maxRank: 4)
        func operand() -> [Int] {
            let drop = rng.int(below: out.count + 1)
            return out.dropFirst(drop).map { rng.uniform() < 0.3 ? 1 : $0 }
        }
        return (operand(), operand())
    }
}
