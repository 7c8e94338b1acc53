import SGPSyntax
import Foundation
import SGPTensor

extension Value {
    /// How `print` shows the value: strings without quotes, numbers like Python, tensors with a summary.
    public var display: String {
        if case .string(let s) = self { return s }
        return repr
    }

    /// How the REPL and containers show the value: strings quoted.
    public var repr: String {
        var visiting = Set<ObjectIdentifier>()
        return repr(&visiting, depth: 0)
    }

    /// Containers already being printed show as `[...]`/`{...}` (cycles), and nesting past 64 levels is elided,
    /// so printing never recurses without bound.
    func repr(_ visiting: inout Set<ObjectIdentifier>, depth: Int) -> String {
        switch self {
        case .list(let l):
            let id = ObjectIdentifier(l)
            if visiting.contains(id) || depth > 64 { return "[...]" }
            visiting.insert(id)
            defer { visiting.remove(id) }
            var parts: [String] = []
            for v in l.items { parts.append(v.repr(&visiting, depth: depth + 1)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .record(let r):
            let id = ObjectIdentifier(r)
            if visiting.contains(id) || depth > 64 { return "{...}" }
            visiting.insert(id)
            defer { visiting.remove(id) }
            var parts: [String] = []
            for f in r.fields { parts.append("\(f.name): \(f.value.repr(&visiting, depth: depth + 1))") }
            return "{" + parts.joined(separator: ", ") + "}"
        default: return reprLeaf
        }
    }

    private var reprLeaf: String {
        switch self {
        case .number(let d): return formatNumber(d)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return ASTPrinter.quoted(s)  // the same escaping as source literals
        case .nil: return "nil"
        case .tensor(let t): return formatTensor(t, full: false)
        case .list, .record: return ""
        case .function(let c): return "<function \(c.name)(\(c.parameterNames.joined(separator: ", ")))>"
        case .builtin(let b): return "<builtin \(b.name)>"
        case .opaque(let o): return o.summary
        }
    }
}

/// Python's float repr, with integral values printed without a fractional part: `3`, `0.1`, `1e-08`.
public func formatNumber(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == d.rounded(), abs(d) < 1e16 { return d == 0 ? "0" : String(Int64(d)) }
    return pythonStyle(d.description)
}

/// Shortest round-trip repr of a Float32 element.
func formatFloat(_ f: Float) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f < 0 ? "-inf" : "inf" }
    if f == f.rounded(), abs(f) < 1e7 { return f == 0 ? (f.sign == .minus ? "-0" : "0") : String(Int64(f)) }
    return pythonStyle(f.description)
}

/// Swift writes `1e-08` and `1e+16` like Python already; it writes `5e-05` as `5e-05` too. Only make sure an
/// exponent has at least two digits.
private func pythonStyle(_ s: String) -> String {
    guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
    let mant = s[..<e]
    var exp = s[s.index(after: e)...]
    var sign = "+"
    if exp.first == "-" || exp.first == "+" { sign = String(exp.first ?? "+"); exp = exp.dropFirst() }
    let digits = exp.count < 2 ? "0" + exp : String(exp)
    return "\(mant)e\(sign)\(digits)"
}


/// Element formatting for tensors: exact for small ones, 4 significant digits inside summaries.
private func formatElement(_ v: Double, _ dtype: DType, compact: Bool) -> String {
    if compact { return v == v.rounded() && abs(v) < 1e7 ? formatNumber(v) : formatNumber(Double(String(format: "%.4g", v)) ?? v) }
    return dtype == .float32 ? formatFloat(Float(v)) : formatNumber(v)
}

/// A tensor as the REPL shows it. Small tensors print their values (`tensor([1, 2, 3])`); larger ones a header
/// with shape, dtype, min/max/mean/std and NaN/Inf counts, then values truncated NumPy-style (`full` prints all).
public func formatTensor(_ t: Tensor, full: Bool) -> String {
    if t.rank == 0 { return formatElement(t.scalar(at: 0), t.dtype, compact: false) }
    let suffix = t.dtype == .float64 ? ", float64" : ""
    if t.count <= 10 && !full {
        return "tensor(" + nested(t, compact: false, edge: Int.max) + suffix + ")"
    }
    var header = "tensor shape=\(t.shape) \(t.dtype)"
    if t.count > 0 {
        var lo = Double.infinity, hi = -Double.infinity, sum = 0.0, finite = 0
        let (nan, inf) = t.nonFiniteCount
        for i in 0..<t.count {
            let v = t.scalar(at: i)
            guard v.isFinite else { continue }
            lo = min(lo, v); hi = max(hi, v); sum += v; finite += 1
        }
        let mean = finite > 0 ? sum / Double(finite) : .nan
        var ss = 0.0
        for i in 0..<t.count { let v = t.scalar(at: i); if v.isFinite { ss += (v - mean) * (v - mean) } }
        let std = finite > 0 ? (ss / Double(finite)).squareRoot() : .nan
        let f = { (v: Double) in formatElement(v, t.dtype, compact: true) }
        header += " min=\(f(lo)) max=\(f(hi)) mean=\(f(mean)) std=\(f(std))"
        if nan + inf > 0 { header += " nan=\(nan) inf=\(inf)" }
    }
    return header + "\n" + nested(t, compact: !full, edge: full ? Int.max : 3)
}

/// Values with nesting brackets; along each axis longer than 2·edge only the first and last `edge` entries.
private func nested(_ t: Tensor, compact: Bool, edge: Int) -> String {
    let strides = t.strides
    func go(_ axis: Int, _ offset: Int, _ indent: String) -> String {
        let n = t.shape[axis]
        var idx: [Int?] = []
        if edge <= n / 2, n > 2 * edge { idx = Array(0..<edge).map { Optional($0) } + [nil] + Array((n - edge)..<n).map { Optional($0) } }
        else { idx = Array(0..<n).map { Optional($0) } }
        if axis == t.rank - 1 {
            let parts = idx.map { i in i.map { formatElement(t.scalar(at: offset + $0 * strides[axis]), t.dtype, compact: compact) } ?? "..." }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        let parts = idx.map { i in i.map { go(axis + 1, offset + $0 * strides[axis], indent + " ") } ?? "..." }
        let sep = compact || t.count > 10 ? ",\n" + indent + " " : ", "
        return "[" + parts.joined(separator: sep) + "]"
    }
    if t.shape.contains(0) { return "[]" }
    return go(0, 0, "")
}
