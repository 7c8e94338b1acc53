import Foundation

/// An SVG text buffer with fixed-precision numbers (2 decimals, trailing zeros dropped) and XML escaping, so the
/// same figure always gives the same bytes.
struct SVGWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// A number with at most 2 decimals; non-finite values (never expected) become 0 so the file stays valid.
    mutating func num(_ v: Double) {
        let x = v.isFinite ? Swift.min(Swift.max(v, -1e7), 1e7) : 0
        var n = Int64((x * 100).rounded())
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            n = -n
        }
        appendInt(n / 100)
        let f = Int(n % 100)
        if f != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(48 + f / 10))
            if f % 10 != 0 { bytes.append(UInt8(48 + f % 10)) }
        }
    }

    private mutating func appendInt(_ v: Int64) {
        if v < 10 {
            bytes.append(UInt8(48 + v))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = v, count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while n > 0, count < 10 {
                buf[count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buf[i]) }
        }
    }

    /// ` name="v"` with `v` formatted by `num`.
    mutating func attr(_ name: String, _ v: Double) {
        raw(" \(name)=\"")
        num(v)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Text escaped for XML content and attributes; characters XML 1.0 forbids are dropped.
    mutating func text(_ s: String) { raw(SVGWriter.escape(s)) }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = u.value
                if v < 0x20, v != 0x9, v != 0xA, v != 0xD { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A `<text>` element.
    mutating func label(_ s: String, x: Double, y: Double, size: Double, anchor: String = "start",
                        color: Color = .black, weight: String? = nil, rotate: Bool = false) {
        raw("<text")
        attr("x", x)
        attr("y", y)
        raw(" font-size=\"")
        num(size)
        raw("\"")
        if anchor != "start" { raw(" text-anchor=\"\(anchor)\"") }
        if color != .black { raw(" fill=\"\(color.hex)\"") }
        if let weight { raw(" font-weight=\"\(weight)\"") }
        if rotate {
            raw(" transform=\"rotate(-90 ")
            num(x)
            raw(" ")
            num(y)
            raw(")\"")
        }
        raw(">")
        text(s)
        raw("</text>\n")
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
