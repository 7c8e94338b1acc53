import Foundation
import SGPTensor

/// Datasets as comma-separated values. The first line is a header naming the columns:
///
/// - `obs_0, obs_1, …` state (aliases `x_0, …`), required;
/// - `act_0, …` action (aliases `u_0, …`), optional (no actions when absent);
/// - `next_obs_0, …` successor state (aliases `x_next_0, …`), required, as many as `obs_*`;
/// - `reward`, `terminal`, `timeout`, `episode`: optional single columns (default 0; flags accept 0/1 and
///   true/false; without `episode`, episodes split after each terminal or timeout row).
///
/// Columns may come in any order; unknown columns are ignored. Values parse with `strtod` (so `nan`, `inf` and
/// exponents work). `write` emits the same header in canonical order.
enum CSVDataset {
    static func read(_ path: String) throws -> (dataset: Dataset, keys: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError.fileNotFound(path: path) }
        var bytes = [UInt8](data)
        bytes.append(0) // strtod needs a terminator after the last field
        guard let headerEnd = bytes.firstIndex(of: 10) ?? (bytes.count > 1 ? bytes.count - 1 : nil) else {
            throw DataError.notADataset(path: path, detail: "the file is empty")
        }
        let header = String(decoding: bytes[0..<headerEnd], as: UTF8.self)
            .split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if header.contains(where: { $0.unicodeScalars.contains { $0.value < 32 && $0 != "\t" } }) {
            throw DataError.notADataset(path: path, detail: "the first line is not a CSV header")
        }
        func indexed(_ prefixes: [String]) -> [Int] {
            for p in prefixes {
                var cols: [(Int, Int)] = []
                for (c, name) in header.enumerated() where name.hasPrefix(p) {
                    if let k = Int(name.dropFirst(p.count)) { cols.append((k, c)) }
                }
                if !cols.isEmpty { return cols.sorted { $0.0 < $1.0 }.map(\.1) }
            }
            return []
        }
        let xs = indexed(["obs_", "x_"]).filter { !header[$0].hasPrefix("x_next") }
        let us = indexed(["act_", "u_"]), ns = indexed(["next_obs_", "x_next_"])
        guard !xs.isEmpty else { throw DataError.missingKey(path: path, key: "obs_0", available: header) }
        guard !ns.isEmpty else { throw DataError.missingKey(path: path, key: "next_obs_0", available: header) }
        guard ns.count == xs.count else {
            throw DataError.widthMismatch(path: path, key: "next_obs_*", width: ns.count, reference: "obs_*", expected: xs.count)
        }
        let rewardCol = header.firstIndex(of: "reward"), termCol = header.firstIndex(of: "terminal")
        let timeoutCol = header.firstIndex(of: "timeout"), episodeCol = header.firstIndex(of: "episode")
        var b = ColumnBuilder(dx: xs.count, du: us.count)
        var row = [Double](repeating: 0, count: header.count)
        var line = 1
        try bytes.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var pos = headerEnd + 1
            let end = buf.count - 1
            while pos < end {
                line += 1
                // Skip blank lines (including a trailing newline).
                if base[pos] == 10 || (base[pos] == 13 && pos + 1 < end && base[pos + 1] == 10) { pos += base[pos] == 13 ? 2 : 1; continue }
                for c in 0..<header.count {
                    let (v, next) = try field(base, pos, end, path: path, line: line, column: header[c])
                    row[c] = v
                    pos = next
                    let sep = pos < end ? base[pos] : 10
                    if c < header.count - 1 {
                        guard sep == 44 else { throw DataError.csv(path: path, line: line, detail: "expected \(header.count) fields, found \(c + 1)") }
                    } else if sep == 44 {
                        throw DataError.csv(path: path, line: line, detail: "more than \(header.count) fields")
                    }
                    pos += 1
                    if sep == 13, pos < end, base[pos] == 10 { pos += 1 }
                }
                for c in xs { b.x.append(Float(row[c])) }
                for c in us { b.u.append(Float(row[c])) }
                for c in ns { b.xNext.append(Float(row[c])) }
                b.reward.append(rewardCol.map { Float(row[$0]) } ?? 0)
                b.terminal.append(termCol.map { row[$0] != 0 ? 1 : 0 } ?? 0)
                b.timeout.append(timeoutCol.map { row[$0] != 0 ? 1 : 0 } ?? 0)
                b.episode.append(episodeCol.map { Float(row[$0]) } ?? 0)
            }
        }
        if episodeCol == nil {
            var ep: Float = 0
            for i in 0..<b.count { b.episode[i] = ep; if b.terminal[i] != 0 || b.timeout[i] != 0 { ep += 1 } }
        }
        return (try b.dataset(source: path), header)
    }

    /// Parses one field starting at `pos`; returns the value and the index of the separator after it.
    private static func field(_ base: UnsafeMutablePointer<UInt8>, _ pos: Int, _ end: Int, path: String, line: Int,
                              column: String) throws -> (Double, Int) {
        var p = pos
        while p < end && (base[p] == 32 || base[p] == 9) { p += 1 }
        // true / false (any case) for flag columns.
        let c = base[p] | 0x20
        if c == 116 || c == 102 {
            var q = p
            while q < end && base[q] != 44 && base[q] != 10 && base[q] != 13 { q += 1 }
            let word = String(decoding: UnsafeBufferPointer(start: base + p, count: q - p), as: UTF8.self).lowercased()
                .trimmingCharacters(in: .whitespaces)
            if word == "true" { return (1, q) }
            if word == "false" { return (0, q) }
        }
        var endPtr: UnsafeMutablePointer<CChar>? = nil
        let start = UnsafeMutableRawPointer(base + p).assumingMemoryBound(to: CChar.self)
        let v = strtod(start, &endPtr)
        guard let e = endPtr, e != start else {
            throw DataError.csv(path: path, line: line, detail: "column '\(column)' is not a number")
        }
        var q = p + (UnsafeMutableRawPointer(e) - UnsafeMutableRawPointer(start))
        while q < end && (base[q] == 32 || base[q] == 9) { q += 1 }
        if q < end && base[q] != 44 && base[q] != 10 && base[q] != 13 {
            throw DataError.csv(path: path, line: line, detail: "column '\(column)' is not a number")
        }
        return (v, q)
    }

    static func write(_ d: Dataset, to tmp: String, finalPath: String) throws {
        let dx = d.stateDim, du = d.actionDim
        var header = (0..<dx).map { "obs_\($0)" } + (0..<du).map { "act_\($0)" } + (0..<dx).map { "next_obs_\($0)" }
        header += ["reward", "terminal", "timeout", "episode"]
        guard let out = FileHandle(forWritingAtPath: tmp) ?? {
            FileManager.default.createFile(atPath: tmp, contents: nil) ? FileHandle(forWritingAtPath: tmp) : nil
        }() else { throw DataError.writeFailed(path: finalPath, detail: "cannot create a temporary file beside it") }
        defer { try? out.close() }
        var text = header.joined(separator: ",") + "\n"
        let px = d.x.storage.f32, pu = d.u.storage.f32, pn = d.xNext.storage.f32
        let pr = d.reward.storage.f32, pt = d.terminal.storage.f32, po = d.timeout.storage.f32, pe = d.episode.storage.f32
        do {
            for i in 0..<d.count {
                // Swift prints the shortest decimal that reads back to the same Float.
                for j in 0..<dx { text += "\(px[i * dx + j]),"}
                for j in 0..<du { text += "\(pu[i * du + j])," }
                for j in 0..<dx { text += "\(pn[i * dx + j])," }
                text += "\(pr[i]),\(pt[i] != 0 ? 1 : 0),\(po[i] != 0 ? 1 : 0),\(Int(pe[i]))\n"
                if text.utf8.count > 1 << 20 { try out.write(contentsOf: Data(text.utf8)); text = "" }
            }
            try out.write(contentsOf: Data(text.utf8))
        } catch {
            throw DataError.writeFailed(path: finalPath, detail: "\(error)")
        }
    }
}
