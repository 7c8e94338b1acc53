import SGPTensor

/// Reads the D4RL HDF5 layout: root datasets `observations` [N, dx], `actions` [N, du], `rewards` [N],
/// `terminals` [N], `timeouts` [N] (optional) and `next_observations` [N, dx] (optional).
///
/// Transitions follow D4RL's `qlearning_dataset`: row i becomes (observations[i], actions[i], rewards[i],
/// observations[i+1]) for i in 0..N−2, rows with `timeouts[i]` are skipped (their successor starts a new
/// episode), and `terminals[i]` is kept as the done flag. When `next_observations` is present it supplies the
/// successor and all N rows are candidates (timeout rows are still skipped, as D4RL does). Episodes split after
/// every terminal or timeout row. Files written by `sgp` (root attribute `sgp_format`) are tables of transitions
/// already: every row is kept and `episode_ids` is read back.
enum D4RLReader {
    /// The root attribute that marks a file written by `DatasetWriter`.
    static let formatAttribute = "sgp_format"

    static func read(_ file: HDF5File) throws -> Dataset {
        let path = file.path
        let (n, dx) = try matrix(file, "observations")
        let (na, du) = try matrix(file, "actions")
        let nr = try vector(file, "rewards")
        let nt = try vector(file, "terminals")
        try sameLength("actions", na, n, path)
        try sameLength("rewards", nr, n, path)
        try sameLength("terminals", nt, n, path)
        let hasTimeouts = file.exists("timeouts")
        if hasTimeouts { try sameLength("timeouts", try vector(file, "timeouts"), n, path) }
        let hasNext = file.exists("next_observations")
        if hasNext {
            let (nn, dn) = try matrix(file, "next_observations")
            try sameLength("next_observations", nn, n, path)
            guard dn == dx else { throw DataError.widthMismatch(path: path, key: "next_observations", width: dn, reference: "observations", expected: dx) }
        }
        let isOurs = file.hasAttribute(formatAttribute)

        let terminals = try file.readBytes("terminals").bytes
        let timeouts = hasTimeouts ? try file.readBytes("timeouts").bytes : [UInt8](repeating: 0, count: n)

        // Rows kept and their episode ids (episodes are counted over all raw rows, skipped ones included).
        var keep: [Int] = []
        keep.reserveCapacity(n)
        var episodeOfRow = [Float](repeating: 0, count: n)
        var ep: Float = 0
        for i in 0..<n {
            episodeOfRow[i] = ep
            if terminals[i] != 0 || timeouts[i] != 0 { ep += 1 }
        }
        let last = hasNext || isOurs ? n : n - 1
        for i in 0..<max(0, last) where isOurs || timeouts[i] == 0 { keep.append(i) }

        // One source array in memory at a time, beside the outputs.
        var x: Tensor, xNext: Tensor
        do {
            let obs = try file.readFloats("observations")
            x = gatherRows(obs, width: dx, indices: keep)
            xNext = hasNext ? Tensor.zeros([0]) : gatherRows(obs, width: dx, indices: keep, shift: 1)
        }
        if hasNext { xNext = gatherRows(try file.readFloats("next_observations"), width: dx, indices: keep) }
        let u = gatherRows(try file.readFloats("actions"), width: du, indices: keep)
        let reward = try gatherRows(try file.readFloats("rewards"), width: 1, indices: keep).reshaped([keep.count])
        let m = keep.count
        let terminal = Tensor.uninitialized([m]), timeout = Tensor.uninitialized([m]), episode = Tensor.uninitialized([m])
        for (r, i) in keep.enumerated() {
            terminal.storage.f32[r] = terminals[i] != 0 ? 1 : 0
            timeout.storage.f32[r] = timeouts[i] != 0 ? 1 : 0
            episode.storage.f32[r] = episodeOfRow[i]
        }
        if isOurs && file.exists("episode_ids") {
            try sameLength("episode_ids", try vector(file, "episode_ids"), n, path)
            let ids = try file.readFloats("episode_ids")
            episode.storage.f32.update(from: ids.storage.f32, count: m)
        }
        return Dataset(validated: x, u: u, xNext: xNext, reward: reward, terminal: terminal, timeout: timeout,
                       episode: episode, source: path)
    }

    /// Rows and columns of a [N, d] dataset ([N] counts as [N, 1]).
    static func matrix(_ file: HDF5File, _ key: String) throws -> (Int, Int) {
        let s = try file.info(key).shape
        switch s.count {
        case 1: return (s[0], 1)
        case 2: return (s[0], s[1])
        default: throw DataError.wrongRank(path: file.path, key: key, expected: "[N, d]", shape: s)
        }
    }

    /// Length of an [N] dataset ([N, 1] accepted).
    static func vector(_ file: HDF5File, _ key: String) throws -> Int {
        let s = try file.info(key).shape
        if s.count == 1 { return s[0] }
        if s.count == 2 && s[1] == 1 { return s[0] }
        throw DataError.wrongRank(path: file.path, key: key, expected: "[N]", shape: s)
    }

    static func sameLength(_ key: String, _ length: Int, _ expected: Int, _ path: String, reference: String = "observations") throws {
        guard length == expected else {
            throw DataError.lengthMismatch(path: path, key: key, length: length, reference: reference, expected: expected)
        }
    }
}
