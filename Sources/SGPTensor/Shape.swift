/// Shape arithmetic shared by all ops: strides, broadcasting, axis normalisation.
public enum Shape {
    /// Row-major strides.
    public static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc *= shape[i] }
        return s
    }

    /// The element count of `shape`, after checking that no extent is negative and that the count stays within
    /// `Limits.maxElements` (overflow-safe). Use it before creating a tensor from a user-supplied shape.
    public static func checkedCount(_ shape: [Int], op: String) throws -> Int {
        var n = 1
        for d in shape {
            guard d >= 0 else { throw TensorError.invalid(op: op, detail: "negative extent in shape \(shape)") }
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, p <= Limits.maxElements else {
                throw TensorError.invalid(op: op, detail: "shape \(shape) exceeds the limit of \(Limits.maxElements) elements")
            }
            n = p
        }
        return n
    }

    /// NumPy broadcasting of two shapes.
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { throw TensorError.broadcast(op: op, a, b) }
        }
        _ = try checkedCount(out, op: op)
        return out
    }

    /// Strides of `shape` viewed as broadcast to `target` (0 on broadcast axes).
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let st = strides(shape)
        let off = target.count - shape.count
        return (0..<target.count).map { i in
            i < off ? 0 : (shape[i - off] == 1 && target[i] != 1 ? 0 : st[i - off])
        }
    }

    /// Maps a possibly negative axis into `0..<rank`.
    public static func normalizeAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw TensorError.axis(op: op, axis: axis, rank: rank) }
        return a
    }

    /// Normalised, sorted, unique axes; nil means all axes.
    public static func normalizeAxes(_ axes: [Int]?, rank: Int, op: String) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var seen = Set<Int>()
        for a in axes {
            let n = try normalizeAxis(a, rank: rank, op: op)
            guard seen.insert(n).inserted else { throw TensorError.invalid(op: op, detail: "axis \(a) repeated") }
        }
        return seen.sorted()
    }
}
