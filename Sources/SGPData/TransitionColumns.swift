import SGPTensor

// Building blocks shared by the readers: row gathers, growable columns and the non-finite row filter.

/// Copies rows `indices` (each shifted by `shift`) of a [N, width] float32 tensor into a new [M, width] tensor.
func gatherRows(_ src: Tensor, width: Int, indices: [Int], shift: Int = 0) -> Tensor {
    let out = Tensor.uninitialized([indices.count, width])
    guard width > 0 else { return out }
    let p = src.storage.f32, q = out.storage.f32
    if width == 1 {
        for (r, i) in indices.enumerated() { q[r] = p[i + shift] }
    } else {
        for (r, i) in indices.enumerated() { (q + r * width).update(from: p + (i + shift) * width, count: width) }
    }
    return out
}

/// Growable columns for readers that see transitions a chunk at a time (Minari episodes, CSV rows, NPZ arrays).
struct ColumnBuilder {
    let dx: Int, du: Int
    var x: [Float] = [], u: [Float] = [], xNext: [Float] = []
    var reward: [Float] = [], terminal: [Float] = [], timeout: [Float] = [], episode: [Float] = []

    init(dx: Int, du: Int) { self.dx = dx; self.du = du }

    var count: Int { reward.count }

    /// Wraps the columns as a dataset (shapes are right by construction).
    func dataset(source: String) throws -> Dataset {
        let n = count
        return Dataset(validated: try Tensor(shape: [n, dx], floats: x), u: try Tensor(shape: [n, du], floats: u),
                       xNext: try Tensor(shape: [n, dx], floats: xNext), reward: try Tensor(shape: [n], floats: reward),
                       terminal: try Tensor(shape: [n], floats: terminal), timeout: try Tensor(shape: [n], floats: timeout),
                       episode: try Tensor(shape: [n], floats: episode), source: source)
    }
}

extension Dataset {
    /// The dataset without rows whose x, u, x' or reward hold NaN or ±Inf, and a warning line when any were
    /// dropped (naming the file and the count).
    func droppingNonFinite(file: String) -> (Dataset, String?) {
        let n = count, dx = stateDim, du = actionDim
        var keep: [Int] = []
        keep.reserveCapacity(n)
        let px = x.storage.f32, pu = u.storage.f32, pn = xNext.storage.f32, pr = reward.storage.f32
        for i in 0..<n {
            // A sum of finite floats can overflow to Inf, so test each element; NaN and Inf fail `isFinite`.
            var ok = pr[i].isFinite
            if ok { for j in 0..<dx where !px[i * dx + j].isFinite || !pn[i * dx + j].isFinite { ok = false; break } }
            if ok { for j in 0..<du where !pu[i * du + j].isFinite { ok = false; break } }
            if ok { keep.append(i) }
        }
        if keep.count == n { return (self, nil) }
        let dropped = n - keep.count
        return (gather(keep, source: source), "'\(file)': dropped \(dropped) of \(n) rows with NaN or infinite values")
    }
}
