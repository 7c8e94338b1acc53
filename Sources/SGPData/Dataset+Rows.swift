import SGPTensor

// Row selection: slicing, filtering, concatenation, splits and sampling. All of them copy the selected rows into
// fresh tensors with one memcpy per row and array.

extension Dataset {
    /// Rows `range` (a contiguous slice).
    public func rows(_ range: Range<Int>) throws -> Dataset {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw DataError.invalidArgument(op: "rows", detail: "range \(range.lowerBound)..<\(range.upperBound) is outside 0..<\(count)")
        }
        return gather(Array(range), source: source)
    }

    /// Rows at `indices`, in that order (repeats allowed).
    public func rows(_ indices: [Int]) throws -> Dataset {
        for i in indices where i < 0 || i >= count {
            throw DataError.invalidArgument(op: "rows", detail: "index \(i) is outside 0..<\(count)")
        }
        return gather(indices, source: source)
    }

    /// Rows where `mask` is true; `mask` must have one entry per row.
    public func filter(_ mask: [Bool]) throws -> Dataset {
        guard mask.count == count else {
            throw DataError.invalidArgument(op: "filter", detail: "mask has \(mask.count) entries but the dataset has \(count) rows")
        }
        return gather(mask.indices.filter { mask[$0] }, source: source)
    }

    /// Rows where `mask` (a tensor with N elements) is non-zero.
    public func filter(mask: Tensor) throws -> Dataset {
        guard mask.count == count else {
            throw DataError.invalidArgument(op: "filter", detail: "mask has shape \(mask.shape) but the dataset has \(count) rows")
        }
        return gather((0..<count).filter { mask.scalar(at: $0) != 0 }, source: source)
    }

    /// The datasets one after another. Episode ids of each part are shifted past the previous parts' largest id,
    /// so episodes from different parts never merge.
    public static func concatenate(_ parts: [Dataset], source: String? = nil) throws -> Dataset {
        guard let first = parts.first else { throw DataError.invalidArgument(op: "concatenate", detail: "no datasets given") }
        for (k, p) in parts.enumerated() where p.stateDim != first.stateDim || p.actionDim != first.actionDim {
            throw DataError.invalidArgument(op: "concatenate", detail: "part \(k) has dx=\(p.stateDim), du=\(p.actionDim) but part 0 has dx=\(first.stateDim), du=\(first.actionDim)")
        }
        let n = parts.reduce(0) { $0 + $1.count }
        let dx = first.stateDim, du = first.actionDim
        let out = Columns(n: n, dx: dx, du: du)
        var row = 0
        var offset: Float = 0
        for p in parts {
            let m = p.count
            copyRows(p.x, 0, out.x, row * dx, m * dx); copyRows(p.u, 0, out.u, row * du, m * du)
            copyRows(p.xNext, 0, out.xNext, row * dx, m * dx)
            copyRows(p.reward, 0, out.reward, row, m); copyRows(p.terminal, 0, out.terminal, row, m)
            copyRows(p.timeout, 0, out.timeout, row, m)
            var maxID: Float = -1
            let src = p.episode.storage.f32, dst = out.episode.storage.f32
            for i in 0..<m { let e = src[i] + offset; dst[row + i] = e; maxID = max(maxID, e) }
            offset = max(offset, maxID + 1)
            row += m
        }
        return out.dataset(source: source ?? parts.map(\.source).joined(separator: " + "))
    }

    /// A seeded random split into (train, validation) with `round(fraction·N)` validation rows. With `byEpisode`,
    /// whole episodes go to one side (chosen in random order until the validation side reaches its size).
    public func split(validationFraction fraction: Double, seed: UInt64, byEpisode: Bool = false) throws -> (train: Dataset, validation: Dataset) {
        guard fraction >= 0, fraction <= 1 else {
            throw DataError.invalidArgument(op: "split", detail: "validation fraction must be in [0, 1], got \(fraction)")
        }
        var rng = RandomStream(seed: seed, stream: "split")
        let target = Int((fraction * Double(count)).rounded())
        var isValidation = [Bool](repeating: false, count: count)
        if byEpisode {
            let ids = episodeIds
            var members: [Int: [Int]] = [:]
            for (i, e) in ids.enumerated() { members[e, default: []].append(i) }
            let keys = members.keys.sorted()
            var taken = 0
            for k in rng.permutation(keys.count) where taken < target {
                for i in members[keys[k]] ?? [] { isValidation[i] = true; taken += 1 }
            }
        } else {
            for i in rng.permutation(count).prefix(target) { isValidation[i] = true }
        }
        let train = gather(isValidation.indices.filter { !isValidation[$0] }, source: source + " [train]")
        let validation = gather(isValidation.indices.filter { isValidation[$0] }, source: source + " [validation]")
        return (train, validation)
    }

    /// `n` rows drawn uniformly, with replacement (minibatches) or without (`n ≤ N`).
    public func sample(_ n: Int, rng: inout RandomStream, replacement: Bool = true) throws -> Dataset {
        guard n >= 0 else { throw DataError.invalidArgument(op: "sample", detail: "sample size must be non-negative, got \(n)") }
        guard count > 0 || n == 0 else { throw DataError.invalidArgument(op: "sample", detail: "cannot sample from an empty dataset") }
        if replacement {
            var idx = [Int](repeating: 0, count: n)
            for i in 0..<n { idx[i] = rng.int(below: count) }
            return gather(idx, source: source)
        }
        guard n <= count else {
            throw DataError.invalidArgument(op: "sample", detail: "cannot draw \(n) rows without replacement from \(count)")
        }
        return gather(Array(rng.permutation(count).prefix(n)), source: source)
    }

    /// Copies rows `indices` (already checked) into a new dataset.
    func gather(_ indices: [Int], source: String) -> Dataset {
        let dx = stateDim, du = actionDim
        let out = Columns(n: indices.count, dx: dx, du: du)
        let px = x.storage.f32, pu = u.storage.f32, pn = xNext.storage.f32
        let pr = reward.storage.f32, pt = terminal.storage.f32, po = timeout.storage.f32, pe = episode.storage.f32
        let qx = out.x.storage.f32, qu = out.u.storage.f32, qn = out.xNext.storage.f32
        let qr = out.reward.storage.f32, qt = out.terminal.storage.f32, qo = out.timeout.storage.f32, qe = out.episode.storage.f32
        for (r, i) in indices.enumerated() {
            (qx + r * dx).update(from: px + i * dx, count: dx)
            (qn + r * dx).update(from: pn + i * dx, count: dx)
            if du > 0 { (qu + r * du).update(from: pu + i * du, count: du) }
            qr[r] = pr[i]; qt[r] = pt[i]; qo[r] = po[i]; qe[r] = pe[i]
        }
        return out.dataset(source: source)
    }
}

@inline(__always) private func copyRows(_ from: Tensor, _ fromOffset: Int, _ to: Tensor, _ toOffset: Int, _ count: Int) {
    if count > 0 { (to.storage.f32 + toOffset).update(from: from.storage.f32 + fromOffset, count: count) }
}

/// Freshly allocated output columns for N rows; `dataset(source:)` wraps them without copying.
struct Columns {
    let x, u, xNext, reward, terminal, timeout, episode: Tensor

    init(n: Int, dx: Int, du: Int) {
        x = .uninitialized([n, dx]); u = .uninitialized([n, du]); xNext = .uninitialized([n, dx])
        reward = .uninitialized([n]); terminal = .uninitialized([n]); timeout = .uninitialized([n])
        episode = .uninitialized([n])
    }

    func dataset(source: String) -> Dataset {
        Dataset(validated: x, u: u, xNext: xNext, reward: reward, terminal: terminal, timeout: timeout,
                episode: episode, source: source)
    }
}
