import SGPTensor

// Views the score and dynamics trainers use: data tuples z = (x, u) or (x, u, x'), and episode segments.

extension Dataset {
    /// Which tuple the score is learned on (SGP.md §1).
    public enum TupleKind: String, Sendable {
        /// z = (x, u).
        case xu
        /// z = (x, u, x').
        case xux
    }

    /// The rows as tuples z, [N, dx+du] or [N, dx+du+dx], float32 (a fresh copy).
    public func tuples(_ kind: TupleKind) -> Tensor {
        let n = count, dx = stateDim, du = actionDim
        let w = kind == .xu ? dx + du : 2 * dx + du
        let out = Tensor.uninitialized([n, w])
        let q = out.storage.f32, px = x.storage.f32, pu = u.storage.f32, pn = xNext.storage.f32
        for i in 0..<n {
            let row = q + i * w
            row.update(from: px + i * dx, count: dx)
            if du > 0 { (row + dx).update(from: pu + i * du, count: du) }
            if kind == .xux { (row + dx + du).update(from: pn + i * dx, count: dx) }
        }
        return out
    }

    /// Maximal runs of consecutive rows of one episode in which each x' equals the next row's x (within
    /// `tolerance`, absolute): the windows multi-step losses may roll through. Runs end at terminal and timeout
    /// rows too.
    public func episodeSegments(tolerance: Float = 0) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        let dx = stateDim, pe = episode.storage.f32, pt = terminal.storage.f32, po = timeout.storage.f32
        let px = x.storage.f32, pn = xNext.storage.f32
        for i in 0..<count {
            var cut = i == count - 1 || pe[i] != pe[i + 1] || pt[i] != 0 || po[i] != 0
            if !cut {
                for j in 0..<dx where abs(pn[i * dx + j] - px[(i + 1) * dx + j]) > tolerance { cut = true; break }
            }
            if cut { out.append(start..<(i + 1)); start = i + 1 }
        }
        return out
    }
}
