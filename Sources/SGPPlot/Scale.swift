import Foundation

/// Maps data values on one axis to pixel (or dot) positions, linearly or by log10.
struct Scale: Sendable {
    var lower: Double
    var upper: Double
    var log: Bool
    /// Position of `lower`.
    var p0: Double
    /// Position of `upper`.
    var p1: Double

    init(_ limits: Limits, log: Bool, from p0: Double, to p1: Double) {
        self.lower = log ? Foundation.log10(limits.lower) : limits.lower
        self.upper = log ? Foundation.log10(limits.upper) : limits.upper
        self.log = log
        self.p0 = p0
        self.p1 = p1
    }

    /// Position of `v`; non-positive values on a log scale land far outside (callers clip them).
    @inline(__always) func callAsFunction(_ v: Double) -> Double {
        let t = log ? (v > 0 ? Foundation.log10(v) : -1e9) : v
        return p0 + (t - lower) / (upper - lower) * (p1 - p0)
    }

    /// Pixels per data unit at `v` (constant on a linear scale).
    func slope(at v: Double) -> Double {
        let k = (p1 - p0) / (upper - lower)
        return log ? (v > 0 ? k / (v * M_LN10) : 0) : k
    }

    var minPixel: Double { Swift.min(p0, p1) }
    var maxPixel: Double { Swift.max(p0, p1) }
}

/// `v` as an Int for cell and bin indices, clamped to ±10⁹ (NaN gives −10⁹) so that no data value, however
/// extreme, can trap the conversion; callers bounds-check the result.
@inline(__always) func clampInt(_ v: Double) -> Int {
    guard v == v else { return -1_000_000_000 }
    return Int(Swift.max(-1e9, Swift.min(1e9, v)))
}
