import Foundation

/// Lowers a validated `Axes` into marks: drops non-finite points (counting them), assigns palette colours,
/// builds histogram and bar rectangles, contour segments, legend rows, and resolves the axis limits.
enum Prepare {
    static func figure(_ fig: Figure) throws -> [PreparedAxes] {
        try Validation.check(fig)
        return fig.axes.map(axes)
    }

    static func axes(_ a: Axes) -> PreparedAxes {
        var p = PreparedAxes(axes: a)
        var paletteIndex = 0
        func nextColor(_ c: Color?) -> Color {
            if let c { return c }
            defer { paletteIndex += 1 }
            return Color.cycle(paletteIndex)
        }
        let barSeries = a.series.filter { if case .bar = $0 { return true } else { return false } }.count
        var barIndex = 0
        let histSeries = a.series.filter { if case .hist = $0 { return true } else { return false } }.count
        func keep(_ x: Double, _ y: Double) -> Bool {
            if !x.isFinite || !y.isFinite { p.skippedNonFinite += 1; return false }
            if (a.xlog && x <= 0) || (a.ylog && y <= 0) { p.skippedLog += 1; return false }
            return true
        }
        func legend(_ label: String?, _ color: Color, _ symbol: LegendEntry.Symbol) {
            if let label, !label.isEmpty { p.legend.append(LegendEntry(label: label, color: color, symbol: symbol)) }
        }

        for s in a.series {
            switch s {
            case let .line(x, y, label, style, color, width):
                let c = nextColor(color)
                var xs: [Double] = [], ys: [Double] = []
                xs.reserveCapacity(x.count); ys.reserveCapacity(y.count)
                for i in 0..<min(x.count, y.count) {
                    if keep(x[i], y[i]) {
                        xs.append(x[i]); ys.append(y[i])
                    } else if !xs.isEmpty {
                        p.marks.append(Mark(kind: .polyline(xs: xs, ys: ys, width: width, style: style), color: c))
                        xs = []; ys = []
                    }
                }
                if !xs.isEmpty { p.marks.append(Mark(kind: .polyline(xs: xs, ys: ys, width: width, style: style), color: c)) }
                legend(label, c, .line(style))
            case let .scatter(x, y, label, size, color, alpha):
                let c = nextColor(color)
                var xs: [Double] = [], ys: [Double] = []
                xs.reserveCapacity(x.count); ys.reserveCapacity(y.count)
                for i in 0..<min(x.count, y.count) where keep(x[i], y[i]) { xs.append(x[i]); ys.append(y[i]) }
                p.marks.append(Mark(kind: .points(xs: xs, ys: ys, size: size, alpha: alpha), color: c))
                legend(label, c, .marker)
            case let .quiver(x, y, u, v, label, color):
                let c = nextColor(color)
                p.marks.append(quiver(x, y, u, v, color: c, keep: keep, skipped: &p.skippedNonFinite))
                legend(label, c, .line(.solid))
            case let .heatmap(grid, xr, yr, cmap, colorbar, label):
                let (lo, hi, bad) = finiteRange(grid)
                p.skippedNonFinite += bad
                p.marks.append(Mark(kind: .grid(values: grid, xRange: xr, yRange: yr, colormap: cmap, vmin: lo, vmax: hi),
                                    color: cmap.color(0.5)))
                if colorbar, p.colorbar == nil { p.colorbar = (cmap, Limits(lo, hi)) }
                legend(label, cmap.color(0.5), .patch)
            case let .contour(grid, xr, yr, levels, colorbar, label):
                let (lo, hi, bad) = finiteRange(grid)
                p.skippedNonFinite += bad
                let lv = levels.isEmpty ? Ticks.linear(lo, hi, count: 8).filter { $0 > lo && $0 < hi } : levels
                let heat = heatmapScale(a)
                for level in lv where level.isFinite {
                    let segs = MarchingSquares.segments(grid, level: level, xRange: xr, yRange: yr)
                    let c: Color
                    if let heat {
                        // Over a heatmap: black or white, whichever stands out from the cell colour at this level.
                        c = heat.colormap.color((level - heat.lo) / (heat.hi - heat.lo)).isDark ? .white : .black
                    } else {
                        c = Colormap.viridis.color((level - lo) / (hi - lo))
                    }
                    p.marks.append(Mark(kind: .segments(coords: segs, width: 1.2), color: c))
                }
                if colorbar, heat == nil, p.colorbar == nil { p.colorbar = (.viridis, Limits(lo, hi)) }
                legend(label, heat == nil ? Colormap.viridis.color(0.45) : .black, .line(.solid))
            case let .hist(values, bins, label, color):
                let c = nextColor(color)
                var finite: [Double] = []
                finite.reserveCapacity(values.count)
                for v in values where v.isFinite { finite.append(v) }
                p.skippedNonFinite += values.count - finite.count
                p.marks.append(Mark(kind: .rects(coords: histogram(finite, bins: bins), alpha: histSeries > 1 ? 0.6 : 0.9),
                                    color: c))
                legend(label, c, .patch)
            case let .bar(labels, values, errors, label, color):
                let c = nextColor(color)
                let w = 0.8 / Double(max(barSeries, 1))
                var rects: [Double] = [], ex: [Double] = [], lo: [Double] = [], hi: [Double] = []
                for (i, v) in values.enumerated() {
                    guard v.isFinite else { p.skippedNonFinite += 1; continue }
                    let x0 = Double(i) - 0.4 + Double(barIndex) * w
                    rects += [x0 + 0.05 * w, min(0, v), x0 + 0.95 * w, max(0, v)]
                    if let errors, i < errors.count, errors[i].isFinite {
                        ex.append(x0 + w / 2); lo.append(v - errors[i]); hi.append(v + errors[i])
                    }
                }
                p.marks.append(Mark(kind: .rects(coords: rects, alpha: 0.9), color: c))
                if !ex.isEmpty {
                    p.marks.append(Mark(kind: .errorbars(xs: ex, lows: lo, highs: hi, cap: w * 0.25), color: .axisGray))
                }
                if p.categories == nil || labels.count > (p.categories?.count ?? 0) {
                    p.categories = labels.enumerated().map { (Double($0.offset), $0.element) }
                }
                barIndex += 1
                legend(label, c, .patch)
            case let .hline(y, label, style, color):
                let c = nextColor(color)
                if y.isFinite, !(a.ylog && y <= 0) { p.marks.append(Mark(kind: .hline(y: y, style: style), color: c)) } else { p.skippedNonFinite += 1 }
                legend(label, c, .line(style))
            case let .vline(x, label, style, color):
                let c = nextColor(color)
                if x.isFinite, !(a.xlog && x <= 0) { p.marks.append(Mark(kind: .vline(x: x, style: style), color: c)) } else { p.skippedNonFinite += 1 }
                legend(label, c, .line(style))
            case let .text(x, y, text, size, color):
                if keep(x, y) { p.marks.append(Mark(kind: .text(x: x, y: y, text: text, size: size), color: color ?? .black)) }
            }
        }
        Bounds.resolve(&p)
        return p
    }

    /// The colour scale of the first heatmap in `a`, for contours drawn over it.
    static func heatmapScale(_ a: Axes) -> (colormap: Colormap, lo: Double, hi: Double)? {
        for s in a.series {
            if case let .heatmap(grid, _, _, cmap, _, _) = s {
                let (lo, hi, _) = finiteRange(grid)
                return (cmap, lo, hi)
            }
        }
        return nil
    }

    /// The finite min and max of a grid and the count of non-finite cells; (0, 1) when nothing is finite, and a
    /// unit-wide range around a constant grid.
    static func finiteRange(_ grid: [[Double]]) -> (Double, Double, Int) {
        var lo = Double.infinity, hi = -Double.infinity, bad = 0
        for row in grid {
            for v in row {
                if v.isFinite { lo = min(lo, v); hi = max(hi, v) } else { bad += 1 }
            }
        }
        if lo > hi { return (0, 1, bad) }
        if lo == hi { return (lo - 0.5, hi + 0.5, bad) }
        return (lo, hi, bad)
    }

    /// Rectangles (x0, 0, x1, count) of a histogram over the data range (a unit range around constant data).
    static func histogram(_ values: [Double], bins: Int) -> [Double] {
        guard var lo = values.min(), var hi = values.max() else { return [] }
        if lo == hi { lo -= 0.5; hi += 0.5 }
        var counts = [Int](repeating: 0, count: bins)
        let scale = Double(bins) / (hi - lo)
        for v in values { counts[min(bins - 1, max(0, clampInt((v - lo) * scale)))] += 1 }
        var out: [Double] = []
        out.reserveCapacity(bins * 4)
        let w = (hi - lo) / Double(bins)
        for (i, n) in counts.enumerated() where n > 0 {
            out += [lo + Double(i) * w, 0, lo + Double(i + 1) * w, Double(n)]
        }
        return out
    }

    private static func quiver(_ x: [Double], _ y: [Double], _ u: [Double], _ v: [Double], color: Color,
                               keep: (Double, Double) -> Bool, skipped: inout Int) -> Mark {
        var xs: [Double] = [], ys: [Double] = [], us: [Double] = [], vs: [Double] = []
        for i in 0..<min(x.count, y.count, u.count, v.count) {
            guard keep(x[i], y[i]) else { continue }
            guard u[i].isFinite, v[i].isFinite else { skipped += 1; continue }
            xs.append(x[i]); ys.append(y[i]); us.append(u[i]); vs.append(v[i])
        }
        // Grid spacing: span / (number of distinct coordinates − 1), but never finer than a √n × √n grid, so
        // scattered (non-grid) points get a sensible cell too.
        let root = Int(Double(xs.count).squareRoot().rounded(.up))
        func cell(_ c: [Double]) -> Double {
            guard let lo = c.min(), let hi = c.max(), hi > lo else { return 0 }
            let distinct = Set(c).count
            return (hi - lo) / Double(max(1, min(distinct, root) - 1))
        }
        return Mark(kind: .arrows(xs: xs, ys: ys, us: us, vs: vs, cellX: cell(xs), cellY: cell(ys)), color: color)
    }
}
