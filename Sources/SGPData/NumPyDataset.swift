import Foundation
import SGPTensor
import ZIPFoundation

/// Datasets in NumPy files. An `.npz` holds one array per key: `observations`, `actions`, `next_observations`
/// (required; or `x`, `u`, `x_next`), and optionally `rewards`, `terminals`, `timeouts`, `episode_ids` (or
/// `reward`, `terminal`, `timeout`, `episode`). Every row is a transition as stored; without episode ids,
/// episodes split after each terminal or timeout row. Both stored and deflated archives read (ZIPFoundation).
/// A single `.npy` array [N, d] reads as states only: x = x' = the array, no actions.
enum NumPyDataset {
    /// Key aliases, first name preferred (and written).
    static let aliases: [(String, [String])] = [
        ("observations", ["observations", "x"]), ("actions", ["actions", "u"]),
        ("next_observations", ["next_observations", "x_next"]), ("rewards", ["rewards", "reward"]),
        ("terminals", ["terminals", "terminal"]), ("timeouts", ["timeouts", "timeout"]),
        ("episode_ids", ["episode_ids", "episode"]),
    ]

    static func readNPZ(_ path: String) throws -> (dataset: Dataset, keys: [String]) {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw DataError.corrupt(path: path, detail: "not a readable zip archive")
        }
        var arrays: [String: Tensor] = [:]
        for entry in archive where entry.path.hasSuffix(".npy") {
            let key = String(entry.path.dropLast(4))
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch {
                throw DataError.corrupt(path: path, detail: "cannot extract '\(key)' (\(error))")
            }
            arrays[key] = try NumPyFormat.decode(data, file: path, key: key)
        }
        let keys = arrays.keys.sorted()
        func find(_ canonical: String) -> (String, Tensor)? {
            let names = aliases.first { $0.0 == canonical }?.1 ?? [canonical]
            for n in names { if let t = arrays[n] { return (n, t) } }
            return nil
        }
        func require(_ canonical: String) throws -> (String, Tensor) {
            guard let r = find(canonical) else { throw DataError.missingKey(path: path, key: canonical, available: keys) }
            return r
        }
        let (xKey, x) = try require("observations")
        let (uKey, u) = try require("actions")
        let (nKey, xn) = try require("next_observations")
        let n = x.shape.first ?? 0
        let X = try matrix(x, xKey, path), U = try matrix(u, uKey, path), XN = try matrix(xn, nKey, path)
        guard U.shape[0] == n else { throw DataError.lengthMismatch(path: path, key: uKey, length: U.shape[0], reference: xKey, expected: n) }
        guard XN.shape[0] == n else { throw DataError.lengthMismatch(path: path, key: nKey, length: XN.shape[0], reference: xKey, expected: n) }
        guard XN.shape[1] == X.shape[1] else { throw DataError.widthMismatch(path: path, key: nKey, width: XN.shape[1], reference: xKey, expected: X.shape[1]) }
        func column(_ canonical: String) throws -> Tensor? {
            guard let (k, t) = find(canonical) else { return nil }
            guard t.rank == 1 || (t.rank == 2 && t.shape[1] == 1) else { throw DataError.wrongRank(path: path, key: k, expected: "[N]", shape: t.shape) }
            guard t.shape[0] == n else { throw DataError.lengthMismatch(path: path, key: k, length: t.shape[0], reference: xKey, expected: n) }
            return try t.reshaped([n])
        }
        let term = try column("terminals"), tout = try column("timeouts")
        let episode = try column("episode_ids") ?? episodesFromFlags(n: n, terminal: term, timeout: tout)
        let d = try Dataset(x: X, u: U, xNext: XN, reward: try column("rewards"), terminal: term, timeout: tout,
                            episode: episode, source: path)
        return (d, keys)
    }

    static func readNPY(_ path: String) throws -> Dataset {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError.fileNotFound(path: path) }
        let key = (path as NSString).lastPathComponent
        let a = try matrix(try NumPyFormat.decode(data, file: path, key: key), key, path)
        return try Dataset(x: a, u: Tensor.zeros([a.shape[0], 0]), xNext: a.copy(), source: path)
    }

    /// [N, d] as is, [N] as [N, 1]; other ranks are errors.
    static func matrix(_ t: Tensor, _ key: String, _ path: String) throws -> Tensor {
        if t.rank == 2 { return t }
        if t.rank == 1 { return try t.reshaped([t.shape[0], 1]) }
        throw DataError.wrongRank(path: path, key: key, expected: "[N, d]", shape: t.shape)
    }

    /// Episode ids that advance after each terminal or timeout row.
    static func episodesFromFlags(n: Int, terminal: Tensor?, timeout: Tensor?) -> Tensor {
        let out = Tensor.uninitialized([n])
        var ep: Float = 0
        for i in 0..<n {
            out.storage.f32[i] = ep
            let t = terminal.map { $0.storage.f32[i] != 0 } ?? false
            let o = timeout.map { $0.storage.f32[i] != 0 } ?? false
            if t || o { ep += 1 }
        }
        return out
    }

    static func writeNPZ(_ d: Dataset, to tmp: String, finalPath: String) throws {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: tmp), accessMode: .create) } catch {
            throw DataError.writeFailed(path: finalPath, detail: "cannot create a temporary file beside it")
        }
        let n = d.count
        let entries: [(String, Tensor, [Int], NumPyFormat.Element)] = [
            ("observations", d.x, [n, d.stateDim], .float32), ("actions", d.u, [n, d.actionDim], .float32),
            ("next_observations", d.xNext, [n, d.stateDim], .float32), ("rewards", d.reward, [n], .float32),
            ("terminals", d.terminal, [n], .bool), ("timeouts", d.timeout, [n], .bool),
            ("episode_ids", d.episode, [n], .int64),
        ]
        for (name, t, shape, element) in entries {
            let data = NumPyFormat.encode(t.storage.f32, shape: shape, as: element)
            do {
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(data.count)) { pos, size in
                    data.subdata(in: Int(pos)..<Int(pos) + size)
                }
            } catch {
                throw DataError.writeFailed(path: finalPath, detail: "adding '\(name)' failed (\(error))")
            }
        }
    }
}
