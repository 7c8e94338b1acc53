import Foundation
import SGPTensor

/// Why a checkpoint could not be written or read.
public enum CheckpointError: Error, Equatable, CustomStringConvertible, Sendable {
    case io(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case unsupported(path: String, detail: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .io(path, d): return "checkpoint \(path): \(d)"
        case let .corrupt(path, d): return "checkpoint \(path) is corrupt: \(d)"
        case let .unsupported(path, d): return "checkpoint \(path): \(d)"
        }
    }
}

/// Reading and writing the safetensors format: an 8-byte little-endian header length, a JSON header
/// `{name: {dtype, shape, data_offsets}, "__metadata__": {string: string}}` padded with spaces to a multiple of 8,
/// then the raw little-endian tensor bytes.
public enum Checkpoint {
    /// Largest header accepted (the reference implementation's limit).
    static let maxHeader = 100_000_000

    /// Writes `tensors` and `metadata` to `path` atomically (temporary file in the same folder, fsync, rename).
    public static func save(tensors: [(String, Tensor)], metadata: [String: String], to path: String) throws {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        var names = Set<String>()
        for (name, t) in tensors {
            guard name != "__metadata__", names.insert(name).inserted else {
                throw CheckpointError.unsupported(path: path, detail: "duplicate or reserved tensor name \(name)")
            }
            let bytes = t.count * t.dtype.size
            header[name] = ["dtype": t.dtype == .float32 ? "F32" : "F64", "shape": t.shape,
                            "data_offsets": [offset, offset + bytes]] as [String: Any]
            offset += bytes
        }
        var json: Data
        do { json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]) } catch {
            throw CheckpointError.unsupported(path: path, detail: "cannot encode header: \(error)")
        }
        while json.count % 8 != 0 { json.append(0x20) }
        var out = Data(capacity: 8 + json.count + offset)
        var len = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &len) { out.append(contentsOf: $0) }
        out.append(json)
        for (_, t) in tensors {
            // Storage is little-endian on every platform Swift runs this package on (x86-64, arm64).
            out.append(Data(bytes: t.storage.raw, count: t.count * t.dtype.size))
        }
        try writeAtomically(out, to: path)
    }

    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/.\(url.lastPathComponent).tmp.\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CheckpointError.io(path: path, detail: "cannot create \(tmp): \(String(cString: strerror(errno)))") }
        var ok = true
        data.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count, let base = buf.baseAddress {
                let w = write(fd, base + done, buf.count - done)
                if w <= 0 { ok = false; return }
                done += w
            }
        }
        if fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw CheckpointError.io(path: path, detail: "cannot write: \(reason)")
        }
    }

    /// Reads a safetensors file, validating the header length, JSON, dtypes, shapes and offsets
    /// (in range, non-overlapping, covering the data buffer). F32 and F64 tensors are supported.
    public static func load(_ path: String) throws -> (tensors: [(String, Tensor)], metadata: [String: String]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError.io(path: path, detail: "cannot read the file")
        }
        guard data.count >= 8 else { throw CheckpointError.corrupt(path: path, detail: "file has \(data.count) bytes, fewer than the 8-byte header length") }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(data[data.startIndex + i]) << (8 * UInt64(i)) }
        guard n <= UInt64(maxHeader), Int(n) <= data.count - 8 else {
            throw CheckpointError.corrupt(path: path, detail: "header length \(n) exceeds the file size \(data.count) (truncated?)")
        }
        let headerBytes = data.subdata(in: (data.startIndex + 8)..<(data.startIndex + 8 + Int(n)))
        guard let obj = try? JSONSerialization.jsonObject(with: headerBytes), let header = obj as? [String: Any] else {
            throw CheckpointError.corrupt(path: path, detail: "header is not a JSON object")
        }
        let base = 8 + Int(n), available = data.count - base
        var metadata: [String: String] = [:]
        var entries: [(String, DType, [Int], Int, Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else { throw CheckpointError.corrupt(path: path, detail: "__metadata__ is not an object") }
                for (k, v) in m {
                    guard let s = v as? String else { throw CheckpointError.corrupt(path: path, detail: "metadata \(k) is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let e = value as? [String: Any], let dt = e["dtype"] as? String,
                  let shapeAny = e["shape"] as? [Any], let offAny = e["data_offsets"] as? [Any], offAny.count == 2 else {
                throw CheckpointError.corrupt(path: path, detail: "tensor \(name) lacks dtype, shape or data_offsets")
            }
            let shape = shapeAny.compactMap { ($0 as? NSNumber)?.intValue }
            let offs = offAny.compactMap { ($0 as? NSNumber)?.intValue }
            guard shape.count == shapeAny.count, offs.count == 2, shape.allSatisfy({ $0 >= 0 }) else {
                throw CheckpointError.corrupt(path: path, detail: "tensor \(name) has a malformed shape or offsets")
            }
            let dtype: DType
            switch dt {
            case "F32": dtype = .float32
            case "F64": dtype = .float64
            default: throw CheckpointError.unsupported(path: path, detail: "tensor \(name) has dtype \(dt); only F32 and F64 are supported")
            }
            var count = 1
            for s in shape {
                let (p, o) = count.multipliedReportingOverflow(by: s)
                guard !o, p <= Limits.maxElements else { throw CheckpointError.corrupt(path: path, detail: "tensor \(name) shape \(shape) is too large") }
                count = p
            }
            guard offs[0] >= 0, offs[1] >= offs[0], offs[1] <= available else {
                throw CheckpointError.corrupt(path: path, detail: "tensor \(name) offsets \(offs) are outside the \(available)-byte data buffer (truncated?)")
            }
            guard offs[1] - offs[0] == count * dtype.size else {
                throw CheckpointError.corrupt(path: path, detail: "tensor \(name) has \(offs[1] - offs[0]) bytes but shape \(shape) of \(dt) needs \(count * dtype.size)")
            }
            entries.append((name, dtype, shape, offs[0], offs[1]))
        }
        entries.sort { $0.3 != $1.3 ? $0.3 < $1.3 : $0.4 < $1.4 }
        var cursor = 0
        for e in entries {
            guard e.3 == cursor else {
                throw CheckpointError.corrupt(path: path, detail: "tensor \(e.0) starts at byte \(e.3) but the previous tensor ends at \(cursor) (overlap or gap)")
            }
            cursor = e.4
        }
        guard cursor == available else {
            throw CheckpointError.corrupt(path: path, detail: "tensors cover \(cursor) bytes but the data buffer has \(available)")
        }
        var tensors: [(String, Tensor)] = []
        data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            guard let p = buf.baseAddress else { return }
            for (name, dtype, shape, start, end) in entries {
                let t = Tensor.uninitialized(shape, dtype: dtype)
                if end > start { t.storage.raw.copyMemory(from: p + base + start, byteCount: end - start) }
                tensors.append((name, t))
            }
        }
        return (tensors, metadata)
    }
}
