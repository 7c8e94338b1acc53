import Foundation

/// One measured figure: what, how much, in which unit, and the reference it is compared with (if any).
public struct BenchFigure: Sendable, Equatable {
    /// Dotted name, e.g. `matmul.1024x256x256`.
    public var name: String
    /// The measured value (a median over timing blocks).
    public var value: Double
    /// Unit of `value` and `reference`: `GFLOP/s`, `Gelem/s`, `ns/op`, …
    public var unit: String
    /// The comparison figure measured in the same run, or nil.
    public var reference: Double?
    /// What `reference` is (e.g. `cblas_sgemm`).
    public var referenceName: String?
    /// OpenBLAS threads the figure was measured with (set by `sgp bench`), or nil.
    public var threads: Int?

    /// A figure; `reference` and `referenceName` go together.
    public init(name: String, value: Double, unit: String, reference: Double? = nil, referenceName: String? = nil) {
        self.name = name; self.value = value; self.unit = unit; self.reference = reference; self.referenceName = referenceName
    }

    /// `value / reference` (how close to the reference), when there is a reference.
    public var ratio: Double? { reference.map { value / $0 } }

    /// One JSON object on one line: `{"name":…,"value":…,"unit":…,"reference":…,"reference_name":…,"threads":…}`.
    public var json: String {
        func num(_ v: Double) -> String { v.isFinite ? String(format: "%.6g", v) : "null" }
        func str(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var parts = ["\"name\":\(str(name))", "\"value\":\(num(value))", "\"unit\":\(str(unit))"]
        if let r = reference { parts.append("\"reference\":\(num(r))") }
        if let n = referenceName { parts.append("\"reference_name\":\(str(n))") }
        if let t = threads { parts.append("\"threads\":\(t)") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// A fixed-width table: name, value, unit, reference, ratio.
    public static func table(_ figures: [BenchFigure]) -> String {
        let w = max(28, (figures.map(\.name.count).max() ?? 0) + 2)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var lines = [pad("benchmark", w) + lpad("value", 12) + "  " + pad("unit", 9) + lpad("reference", 12) + "  " + pad("ratio", 7) + "reference is"]
        for f in figures {
            // Losses are checked to 5–6 digits: show them so.
            let fmt = f.unit == "loss" ? "%.6g" : "%.3g"
            let ref = f.reference.map { String(format: fmt, $0) } ?? "-"
            let ratio = f.ratio.map { String(format: "%.2f", $0) } ?? "-"
            lines.append(pad(f.name, w) + lpad(String(format: fmt, f.value), 12) + "  " + pad(f.unit, 9)
                         + lpad(ref, 12) + "  " + pad(ratio, 7) + (f.referenceName ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
