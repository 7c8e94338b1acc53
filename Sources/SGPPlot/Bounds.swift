import Foundation

/// Resolves axis limits: fixed limits win; otherwise the data extent, padded by `padding` of the span (grids are
/// shown edge to edge, bars and histograms keep their zero baseline).
enum Bounds {
    /// Fraction of the data span added on each side of fitted limits.
    static let padding = 0.04

    static func resolve(_ p: inout PreparedAxes) {
        var bx = Extent(), by = Extent()
        var onlyGrids = true, zeroBaseline = false
        let xlog = p.axes.xlog, ylog = p.axes.ylog
        for m in p.marks {
            switch m.kind {
            case let .polyline(xs, ys, _, _), let .points(xs, ys, _, _):
                onlyGrids = false
                bx.add(xs, log: xlog); by.add(ys, log: ylog)
            case let .arrows(xs, ys, _, _, cx, cy):
                onlyGrids = false
                bx.add(xs, log: xlog); by.add(ys, log: ylog)
                // Arrows reach up to one cell past their base point.
                if let lo = xs.min(), let hi = xs.max() { bx.add([lo - cx, hi + cx], log: xlog) }
                if let lo = ys.min(), let hi = ys.max() { by.add([lo - cy, hi + cy], log: ylog) }
            case let .grid(_, xr, yr, _, _, _):
                bx.add([xr.lower, xr.upper], log: xlog); by.add([yr.lower, yr.upper], log: ylog)
            case let .segments(coords, _):
                // Contour segments lie inside their grid; the grid extent is what matters, but a contour alone
                // has no grid mark, so use the segments.
                bx.add(stride(from: 0, to: coords.count, by: 2).map { coords[$0] }, log: xlog)
                by.add(stride(from: 1, to: coords.count, by: 2).map { coords[$0] }, log: ylog)
            case let .rects(coords, _):
                onlyGrids = false
                zeroBaseline = true
                bx.add(stride(from: 0, to: coords.count, by: 2).map { coords[$0] }, log: xlog)
                by.add(stride(from: 1, to: coords.count, by: 2).map { coords[$0] }, log: ylog)
            case let .errorbars(xs, lows, highs, _):
                bx.add(xs, log: xlog); by.add(lows, log: ylog); by.add(highs, log: ylog)
            case let .hline(y, _):
                by.add([y], log: ylog)
            case let .vline(x, _):
                bx.add([x], log: xlog)
            case let .text(x, y, _, _):
                bx.add([x], log: xlog); by.add([y], log: ylog)
            }
        }
        if p.categories != nil, let n = p.categories?.count { bx.add([-0.5, Double(n) - 0.5], log: xlog) }
        let pad = onlyGrids ? 0 : padding
        p.xLimits = p.axes.xlim ?? bx.limits(log: xlog, pad: pad, keepZero: false)
        p.yLimits = p.axes.ylim ?? by.limits(log: ylog, pad: pad, keepZero: zeroBaseline)
    }

    struct Extent {
        var lo = Double.infinity, hi = -Double.infinity

        mutating func add(_ v: [Double], log: Bool) {
            for x in v where x.isFinite && (!log || x > 0) {
                if x < lo { lo = x }
                if x > hi { hi = x }
            }
        }

        func limits(log: Bool, pad: Double, keepZero: Bool) -> Limits {
            guard lo <= hi else { return log ? Limits(1, 10) : Limits(0, 1) }
            if log {
                var a = log10(lo), b = log10(hi)
                if a == b { a -= 0.5; b += 0.5 }
                let d = (b - a) * pad
                return Limits(pow(10, a - d), pow(10, b + d))
            }
            var a = lo, b = hi
            if a == b {
                let w = a == 0 ? 0.5 : abs(a) * 0.1
                a -= w; b += w
            }
            let d = (b - a) * pad
            let lower = keepZero && a == 0 ? 0 : a - d
            let upper = keepZero && b == 0 ? 0 : b + d
            if lower.isFinite, upper.isFinite, (upper - lower).isFinite, lower < upper { return Limits(lower, upper) }
            // Data near Double's limits: keep the span finite so scales stay finite.
            let safe = Limits(Swift.max(a, -1e307), Swift.min(b, 1e307))
            return safe.lower < safe.upper ? safe : Limits(0, 1)
        }
    }
}
