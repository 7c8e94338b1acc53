import Foundation

/// Nice tick values (Heckbert's 1-2-5 labelling, decades on log axes) and compact tick labels.
public enum Ticks {
    /// Heckbert's "nice number": the 1, 2, 5 (or 10) × 10ᵏ closest to `x` (`round`) or not below it.
    public static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let e = floor(log10(x))
        let p = pow(10, e)
        let f = x / p
        let nf: Double
        if round {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        }
        return nf * p
    }

    /// The step Heckbert's algorithm picks for about `count` ticks over `lo…hi`.
    public static func step(_ lo: Double, _ hi: Double, count: Int) -> Double {
        let range = nice(hi - lo, round: false)
        return nice(range / Double(max(count - 1, 1)), round: true)
    }

    /// The next step down the 1-2-5 ladder (5 → 2 → 1 → 0.5 …).
    static func smaller(_ d: Double) -> Double {
        let p = pow(10, floor(log10(d)))
        let m = (d / p).rounded()
        if m >= 5 { return 2 * p }
        if m >= 2 { return p }
        return 0.5 * p
    }

    /// About `count` nice ticks inside `lo…hi` (ends included when they land on a multiple of the step).
    ///
    /// Values are `k · step` rounded to the step's decimals, so 0.1 · 3 comes out as 0.3, not 0.30000000000000004.
    public static func linear(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return lo.isFinite ? [lo] : [] }
        // Heckbert's step can be coarse (11.4 units asked in 7 ticks gives a step of 5, so only 2 ticks): step
        // down the 1-2-5 ladder until at least half the requested ticks (and at least two) fall inside.
        var d = step(lo, hi, count: count)
        func inside(_ d: Double) -> Double { (hi / d + 1e-9).rounded(.down) - (lo / d - 1e-9).rounded(.up) + 1 }
        let wanted = Double(max(2, (count + 1) / 2))
        var guardSteps = 0
        while inside(d) < wanted, guardSteps < 60 {
            d = smaller(d)
            guardSteps += 1
        }
        let eps = d * 1e-9
        let k0 = (lo / d - 1e-9).rounded(.up), k1 = (hi / d + 1e-9).rounded(.down)
        guard k1 >= k0, k1 - k0 < 1000 else { return [] }
        let decimals = max(0, -Int(floor(log10(d))))
        let scale = pow(10, Double(min(decimals, 15)))
        var out: [Double] = []
        var k = k0
        while k <= k1 {
            var v = k * d
            if decimals > 0 { v = (v * scale).rounded() / scale }
            if v >= lo - eps, v <= hi + eps { out.append(v == 0 ? 0 : v) }
            k += 1
        }
        return out
    }

    /// Ticks for a log axis over positive `lo…hi`: every decade (thinned to at most `maxCount`), or 1-2-5 within
    /// a decade when the range spans less than two decades, or linear ticks for very narrow ranges.
    public static func log(_ lo: Double, _ hi: Double, maxCount: Int) -> [Double] {
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return [] }
        let e0 = Int((log10(lo) - 1e-9).rounded(.up)), e1 = Int((log10(hi) + 1e-9).rounded(.down))
        let decades = e1 - e0 + 1
        // 1-2-5 in every decade when that few fit (short ranges read better with them), else decades, thinned.
        var fine: [Double] = []
        for e in (e0 - 1)...(e1 + 1) {
            for m in [1.0, 2, 5] {
                let v = m * pow(10, Double(e))
                if v >= lo * (1 - 1e-9), v <= hi * (1 + 1e-9) { fine.append(v) }
            }
        }
        if decades <= 2, fine.count >= 2, fine.count <= maxCount { return fine }
        if decades >= 2 {
            let stride = max(1, Int((Double(decades) / Double(max(maxCount, 2))).rounded(.up)))
            return Swift.stride(from: e0, through: e1, by: stride).map { pow(10, Double($0)) }
        }
        return linear(lo, hi, count: max(2, min(maxCount, 5)))
    }

    /// Labels for `ticks` sharing one format: fixed decimals from the tick spacing with trailing zeros dropped,
    /// or `2.5e6` style when magnitudes are very large or very small.
    public static func labels(_ ticks: [Double], log: Bool = false) -> [String] {
        guard !ticks.isEmpty else { return [] }
        if log { return ticks.map(logLabel) }
        var step = Double.infinity
        for i in 1..<max(ticks.count, 1) where i < ticks.count { step = min(step, abs(ticks[i] - ticks[i - 1])) }
        if !step.isFinite || step <= 0 { step = abs(ticks[0]) > 0 ? abs(ticks[0]) / 10 : 1 }
        let maxAbs = ticks.map(abs).max() ?? 0
        if maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-4) || step < 1e-6 {
            let e = Int(floor(log10(maxAbs)))
            let digits = max(0, min(10, e - Int(floor(log10(step)))))
            return ticks.map { scientific($0, exponent: e, digits: digits) }
        }
        let decimals = max(0, min(12, -Int(floor(log10(step) + 1e-9))))
        return ticks.map { fixed($0, decimals: decimals) }
    }

    /// `v` to 3 significant digits, compactly ("0.0123", "1.5e6", "-7.01").
    public static func compact(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
        if v == 0 { return "0" }
        let e = Int(floor(log10(abs(v))))
        if e >= 6 || e < -4 { return scientific(v, exponent: e, digits: 2) }
        return fixed(v, decimals: max(0, 2 - e))
    }

    /// `v` with `decimals` decimals, trailing zeros (and a bare point) dropped, and no "-0".
    static func fixed(_ v: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }

    private static func scientific(_ v: Double, exponent e: Int, digits: Int) -> String {
        if v == 0 { return "0" }
        let m = fixed(v / pow(10, Double(e)), decimals: digits)
        return "\(m)e\(e)"
    }

    private static func logLabel(_ v: Double) -> String {
        let e = Int(floor(log10(v) + 1e-9))
        if e >= -3, e <= 4 { return fixed(v, decimals: max(0, -e)) }
        let m = v / pow(10, Double(e))
        return "\(fixed(m, decimals: 1))e\(e)"
    }

    /// Chooses as many ticks as fit: starting from `desired`, lowers the requested count until neighbouring labels
    /// are at least `gap` apart, measured by `extent` (label width for a horizontal axis, line height for a
    /// vertical one) along an axis `length` long.
    static func fitting(_ lo: Double, _ hi: Double, log: Bool, length: Double, desired: Int, gap: Double,
                        extent: (String) -> Double) -> (values: [Double], labels: [String]) {
        var count = max(2, desired)
        while true {
            let values = log ? Ticks.log(lo, hi, maxCount: count) : linear(lo, hi, count: count)
            let labels = Ticks.labels(values, log: log)
            if count <= 2 || fits(values, labels, lo, hi, log, length, gap, extent) { return (values, labels) }
            count -= 1
        }
    }

    private static func fits(_ values: [Double], _ labels: [String], _ lo: Double, _ hi: Double, _ log: Bool,
                             _ length: Double, _ gap: Double, _ extent: (String) -> Double) -> Bool {
        guard values.count >= 2 else { return true }
        func pos(_ v: Double) -> Double {
            log ? (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) * length : (v - lo) / (hi - lo) * length
        }
        for i in 1..<values.count {
            let need = (extent(labels[i - 1]) + extent(labels[i])) / 2 + gap
            if pos(values[i]) - pos(values[i - 1]) < need { return false }
        }
        return true
    }

    /// Category labels for a bar axis `length` long: every k-th label, with k the smallest step that leaves each
    /// shown label room for `minWidth` (or its full width, if less) plus `gap`; labels still too wide are
    /// shortened by `shorten(label, room)`.
    static func categorical(_ cats: [(position: Double, label: String)], length: Double, gap: Double,
                            minWidth: Double, extent: (String) -> Double,
                            shorten: (String, Double) -> String) -> (values: [Double], labels: [String]) {
        guard !cats.isEmpty else { return ([], []) }
        let slot = length / Double(cats.count)
        let widest = cats.map { extent($0.label) }.max() ?? 0
        let need = min(widest, minWidth) + gap
        var k = 1
        while k < cats.count, Double(k) * slot < need { k += 1 }
        let shown = cats.enumerated().filter { $0.offset % k == 0 }.map(\.element)
        let room = Double(k) * slot - gap
        return (shown.map(\.position), shown.map { shorten($0.label, room) })
    }
}
