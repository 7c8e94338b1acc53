import Foundation
import SGPTensor

/// The NumPy `.npy` format (magic `\x93NUMPY`, version, little-endian header length, a Python-dict header with
/// `descr`, `fortran_order` and `shape`, then raw row-major data). Reads little-endian bool, integer and float
/// arrays into float32 tensors; writes float32, int64 and bool arrays.
public enum NumPyFormat {
    /// Parses one `.npy` image. `file` and `key` only label errors.
    public static func decode(_ data: Data, file: String, key: String) throws -> Tensor {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes.starts(with: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]) else {
            throw DataError.corrupt(path: file, detail: "'\(key)' does not start with the .npy magic")
        }
        let major = bytes[6]
        let headerLength: Int, start: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8; start = 10
        } else {
            guard bytes.count >= 12 else { throw DataError.corrupt(path: file, detail: "'\(key)' has a truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24; start = 12
        }
        guard start + headerLength <= bytes.count else { throw DataError.corrupt(path: file, detail: "'\(key)' has a truncated header") }
        let header = String(decoding: bytes[start..<start + headerLength], as: UTF8.self)
        guard let descr = field(header, "descr"), let shapeText = field(header, "shape") else {
            throw DataError.corrupt(path: file, detail: "'\(key)' has a header without 'descr' or 'shape'")
        }
        if field(header, "fortran_order")?.hasPrefix("True") == true {
            throw DataError.unsupported(path: file, detail: "Fortran-ordered array '\(key)'")
        }
        let shape = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() ")).split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let type = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        guard let (kind, size) = elementType(type) else { throw DataError.wrongDType(path: file, key: key, found: "numpy '\(type)'") }
        let n = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard shape.allSatisfy({ $0 >= 0 }), n <= Limits.maxElements else {
            throw DataError.corrupt(path: file, detail: "'\(key)' has an invalid shape \(shape)")
        }
        let offset = start + headerLength
        guard bytes.count - offset >= n * size else {
            throw DataError.corrupt(path: file, detail: "'\(key)' holds \(bytes.count - offset) data bytes, shape \(shape) needs \(n * size)")
        }
        let out = Tensor.uninitialized(shape)
        let q = out.storage.f32
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let p = base + offset
            switch (kind, size) {
            case ("f", 4): for i in 0..<n { q[i] = p.loadUnaligned(fromByteOffset: i * 4, as: Float.self) }
            case ("f", 8): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i * 8, as: Double.self)) }
            case ("i", 1): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i, as: Int8.self)) }
            case ("i", 2): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i * 2, as: Int16.self)) }
            case ("i", 4): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)) }
            case ("i", 8): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)) }
            case ("u", 2): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)) }
            case ("u", 4): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
            case ("u", 8): for i in 0..<n { q[i] = Float(p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
            default: for i in 0..<n { q[i] = Float(p.load(fromByteOffset: i, as: UInt8.self)) } // b1, u1
            }
        }
        return out
    }

    /// (kind, byte size) for a little-endian or byte-order-free descr such as `<f4`, `|b1`.
    private static func elementType(_ d: String) -> (String, Int)? {
        guard d.count == 3, let order = d.first, "<|=".contains(order) else { return nil }
        let chars = Array(d)
        guard let size = Int(String(chars[2])) else { return nil }
        let kind = String(chars[1])
        switch (kind, size) {
        case ("f", 4), ("f", 8), ("i", 1), ("i", 2), ("i", 4), ("i", 8), ("u", 1), ("u", 2), ("u", 4), ("u", 8), ("b", 1):
            return (kind, size)
        default: return nil
        }
    }

    /// The text after `'name':` up to the next top-level comma (tuples kept whole).
    private static func field(_ header: String, _ name: String) -> String? {
        guard let r = header.range(of: "'\(name)'") ?? header.range(of: "\"\(name)\"") else { return nil }
        var rest = header[r.upperBound...].drop { $0 == " " || $0 == ":" }
        var depth = 0
        var out = ""
        while let c = rest.first {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth == 0 { out.append(c); break } }
            if (c == "," || c == "}") && depth == 0 { break }
            out.append(c)
            rest = rest.dropFirst()
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Element types `encode` can write.
    public enum Element: String, Sendable {
        /// float32.
        case float32 = "<f4"
        /// int64 (values rounded from float32).
        case int64 = "<i8"
        /// bool (non-zero is true).
        case bool = "|b1"
    }

    /// A version 1.0 `.npy` image of `count` float32 values with `shape`, stored as `element`.
    public static func encode(_ values: UnsafePointer<Float>, shape: [Int], as element: Element = .float32) -> Data {
        let n = shape.reduce(1, *)
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(element.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad with spaces so magic + length + header + newline is a multiple of 64 bytes, as NumPy does.
        let unpadded = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = Data([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0])
        let len = UInt16(dict.utf8.count)
        out.append(contentsOf: [UInt8(len & 0xff), UInt8(len >> 8)])
        out.append(contentsOf: Array(dict.utf8))
        switch element {
        case .float32: out.append(Data(bytes: values, count: n * 4))
        case .int64:
            var v = [Int64](repeating: 0, count: n)
            for i in 0..<n { v[i] = Int64(values[i].rounded()) }
            v.withUnsafeBytes { out.append(contentsOf: $0) }
        case .bool:
            var v = [UInt8](repeating: 0, count: n)
            for i in 0..<n { v[i] = values[i] != 0 ? 1 : 0 }
            out.append(contentsOf: v)
        }
        return out
    }
}
