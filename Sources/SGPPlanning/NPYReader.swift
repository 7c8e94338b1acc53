import Foundation
import SGPTensor

/// A minimal reader for little-endian float32 C-order `.npy` files (what `scripts/bench/export_trajopt_weights.py`
/// writes). Anything else is rejected with a message naming the file.
enum NPYReader {
    static func read(_ url: URL) throws -> Tensor {
        let name = url.lastPathComponent
        guard let data = try? Data(contentsOf: url) else { throw PlanningError.invalid(argument: name, detail: "cannot read \(url.path)") }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, bytes[1...5].elementsEqual("NUMPY".utf8) else {
            throw PlanningError.invalid(argument: name, detail: "not an .npy file")
        }
        let major = bytes[6]
        let headerLen = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : (bytes.count >= 12 ? Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24 : -1)
        let start = major == 1 ? 10 : 12
        guard headerLen >= 0, start + headerLen <= bytes.count,
              let header = String(bytes: bytes[start..<(start + headerLen)], encoding: .ascii) else {
            throw PlanningError.invalid(argument: name, detail: "truncated .npy header")
        }
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
              let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw PlanningError.invalid(argument: name, detail: "only little-endian float32 C-order arrays are supported, header \(header)")
        }
        let shape = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let n = shape.reduce(1, *), off = start + headerLen
        guard bytes.count - off == n * 4 else { throw PlanningError.invalid(argument: name, detail: "expected \(n) float32 values for shape \(shape)") }
        let t = Tensor.uninitialized(shape)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            UnsafeMutableRawPointer(t.storage.f32).copyMemory(from: base + off, byteCount: n * 4)
        }
        return t
    }
}
