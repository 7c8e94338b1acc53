import Foundation

/// Draws each kind of `Mark` as SVG elements, thinning big series (see `Decimation`).
enum SVGMarks {
    /// Heatmaps with more cells than this are block-averaged down before drawing (keeps files small).
    static let maxGridCells = 40_000

    static func dash(_ style: LineStyle) -> String {
        switch style {
        case .solid: return ""
        case .dashed: return " stroke-dasharray=\"6 4\""
        case .dotted: return " stroke-dasharray=\"1.5 3\" stroke-linecap=\"round\""
        }
    }

    static func draw(_ m: Mark, sx: Scale, sy: Scale, plot: SVGRenderer.Rect, into w: inout SVGWriter) {
        let c = m.color.hex
        switch m.kind {
        case let .polyline(xs, ys, width, style):
            var px = xs.map { sx($0) }, py = ys.map { sy($0) }
            if px.count > Decimation.lineThreshold { (px, py) = Decimation.line(px: px, py: py) }
            w.raw("<path fill=\"none\" stroke=\"\(c)\" stroke-width=\"")
            w.num(width)
            w.raw("\" stroke-linejoin=\"round\"\(dash(style)) d=\"")
            for i in 0..<px.count {
                w.raw(i == 0 ? "M" : (i == 1 ? " L" : " "))
                w.num(px[i]); w.raw(" "); w.num(py[i])
            }
            if px.count == 1 { w.raw(" h0.01") }
            w.raw("\"/>\n")
        case let .points(xs, ys, size, alpha):
            if xs.count > Decimation.scatterThreshold {
                density(xs, ys, color: c, bin: max(2, size), alpha: alpha, sx: sx, sy: sy, plot: plot, into: &w)
                return
            }
            w.raw("<g fill=\"\(c)\" fill-opacity=\"")
            w.num(alpha)
            w.raw("\">\n")
            let lo = (plot.x - size, plot.y - size), hi = (plot.x + plot.w + size, plot.y + plot.h + size)
            for i in 0..<min(xs.count, ys.count) {
                let x = sx(xs[i]), y = sy(ys[i])
                guard x >= lo.0, x <= hi.0, y >= lo.1, y <= hi.1 else { continue }
                w.raw("<circle"); w.attr("cx", x); w.attr("cy", y); w.attr("r", size); w.raw("/>\n")
            }
            w.raw("</g>\n")
        case let .arrows(xs, ys, us, vs, cellX, cellY):
            arrows(xs, ys, us, vs, cellX: cellX, cellY: cellY, color: c, sx: sx, sy: sy, plot: plot, into: &w)
        case let .grid(values, xr, yr, cmap, vmin, vmax):
            grid(values, xr, yr, cmap, vmin, vmax, sx: sx, sy: sy, into: &w)
        case let .segments(coords, width):
            guard coords.count >= 4 else { return }
            w.raw("<path fill=\"none\" stroke=\"\(c)\" stroke-width=\"")
            w.num(width)
            w.raw("\" d=\"")
            for i in stride(from: 0, to: coords.count - 3, by: 4) {
                w.raw(i == 0 ? "M" : " M")
                w.num(sx(coords[i])); w.raw(" "); w.num(sy(coords[i + 1])); w.raw(" L")
                w.num(sx(coords[i + 2])); w.raw(" "); w.num(sy(coords[i + 3]))
            }
            w.raw("\"/>\n")
        case let .rects(coords, alpha):
            w.raw("<g fill=\"\(c)\" fill-opacity=\"")
            w.num(alpha)
            w.raw("\" stroke=\"#ffffff\" stroke-width=\"0.5\">\n")
            for i in stride(from: 0, to: coords.count - 3, by: 4) {
                let x0 = sx(coords[i]), x1 = sx(coords[i + 2])
                // On a log y axis a zero baseline maps far below: clamp it to just under the plot.
                let y0 = min(max(sy(coords[i + 1]), plot.y - 1), plot.y + plot.h + 1)
                let y1 = min(max(sy(coords[i + 3]), plot.y - 1), plot.y + plot.h + 1)
                w.raw("<rect"); w.attr("x", min(x0, x1)); w.attr("y", min(y0, y1))
                w.attr("width", abs(x1 - x0)); w.attr("height", abs(y1 - y0)); w.raw("/>\n")
            }
            w.raw("</g>\n")
        case let .errorbars(xs, lows, highs, cap):
            w.raw("<path fill=\"none\" stroke=\"\(c)\" stroke-width=\"1.2\" d=\"")
            for i in 0..<min(xs.count, lows.count, highs.count) {
                let x = sx(xs[i]), y0 = sy(lows[i]), y1 = sy(highs[i])
                let h = abs(sx(xs[i] + cap) - x)
                if i > 0 { w.raw(" ") }
                w.raw("M"); w.num(x); w.raw(" "); w.num(y0); w.raw(" V"); w.num(y1)
                w.raw(" M"); w.num(x - h); w.raw(" "); w.num(y1); w.raw(" H"); w.num(x + h)
                w.raw(" M"); w.num(x - h); w.raw(" "); w.num(y0); w.raw(" H"); w.num(x + h)
            }
            w.raw("\"/>\n")
        case let .hline(y, style):
            let py = sy(y)
            w.raw("<line"); w.attr("x1", plot.x); w.attr("y1", py); w.attr("x2", plot.x + plot.w); w.attr("y2", py)
            w.raw(" stroke=\"\(c)\" stroke-width=\"1.2\"\(dash(style))/>\n")
        case let .vline(x, style):
            let px = sx(x)
            w.raw("<line"); w.attr("x1", px); w.attr("y1", plot.y); w.attr("x2", px); w.attr("y2", plot.y + plot.h)
            w.raw(" stroke=\"\(c)\" stroke-width=\"1.2\"\(dash(style))/>\n")
        case let .text(x, y, text, size):
            w.label(text, x: sx(x), y: sy(y), size: size, color: m.color)
        }
    }

    /// Above `Decimation.scatterThreshold` points: counts per `bin`-px square, drawn as squares whose opacity
    /// grows with log(count), so dense regions read darker and single outliers stay visible.
    private static func density(_ xs: [Double], _ ys: [Double], color: String, bin: Double, alpha: Double,
                                sx: Scale, sy: Scale, plot: SVGRenderer.Rect, into w: inout SVGWriter) {
        let nx = max(1, Int((plot.w / bin).rounded(.up))), ny = max(1, Int((plot.h / bin).rounded(.up)))
        var counts = [Int32](repeating: 0, count: nx * ny)
        counts.withUnsafeMutableBufferPointer { buf in
            for i in 0..<min(xs.count, ys.count) {
                let fx = (sx(xs[i]) - plot.x) / bin, fy = (sy(ys[i]) - plot.y) / bin
                guard fx >= 0, fy >= 0, fx < Double(nx), fy < Double(ny) else { continue }
                buf[Int(fy) * nx + Int(fx)] += 1
            }
        }
        let peak = Double(counts.max() ?? 1)
        let denom = Foundation.log(1 + max(peak, 1))
        w.raw("<g fill=\"\(color)\" shape-rendering=\"crispEdges\">\n")
        for j in 0..<ny {
            for i in 0..<nx {
                let n = counts[j * nx + i]
                guard n > 0 else { continue }
                let o = min(1, 0.25 + 0.75 * Foundation.log(1 + Double(n)) / denom) * max(alpha, 0.3)
                w.raw("<rect"); w.attr("x", plot.x + Double(i) * bin); w.attr("y", plot.y + Double(j) * bin)
                w.attr("width", bin); w.attr("height", bin); w.attr("fill-opacity", o); w.raw("/>\n")
            }
        }
        w.raw("</g>\n")
    }

    /// Arrows along (u, v) in screen direction; all share one scale so the longest spans 90 % of a grid cell.
    private static func arrows(_ xs: [Double], _ ys: [Double], _ us: [Double], _ vs: [Double], cellX: Double,
                               cellY: Double, color: String, sx: Scale, sy: Scale, plot: SVGRenderer.Rect,
                               into w: inout SVGWriter) {
        let n = min(xs.count, ys.count, us.count, vs.count)
        guard n > 0 else { return }
        var dx = [Double](repeating: 0, count: n), dy = [Double](repeating: 0, count: n)
        var longest = 0.0
        for i in 0..<n {
            dx[i] = us[i] * sx.slope(at: xs[i])
            dy[i] = vs[i] * sy.slope(at: ys[i])
            longest = max(longest, (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot())
        }
        let cell = ArrowScaling.cellPixels(cellX: cellX, cellY: cellY, sx: sx, sy: sy, plotW: plot.w, plotH: plot.h, n: n)
        guard longest > 0 else { return }
        let k = 0.9 * cell / longest
        w.raw("<path fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.2\" stroke-linecap=\"round\" d=\"")
        var first = true
        for i in 0..<n {
            let x0 = sx(xs[i]), y0 = sy(ys[i])
            let ax = dx[i] * k, ay = dy[i] * k
            let len = (ax * ax + ay * ay).squareRoot()
            guard len > 0.3 else { continue }
            let x1 = x0 + ax, y1 = y0 + ay
            let head = ArrowScaling.head(len), ux = ax / len, uy = ay / len
            // Wings at ±25° back from the tip.
            let c = 0.906, s = 0.423
            let w1x = x1 - head * (ux * c - uy * s), w1y = y1 - head * (uy * c + ux * s)
            let w2x = x1 - head * (ux * c + uy * s), w2y = y1 - head * (uy * c - ux * s)
            if !first { w.raw(" ") }
            first = false
            w.raw("M"); w.num(x0); w.raw(" "); w.num(y0); w.raw(" L"); w.num(x1); w.raw(" "); w.num(y1)
            w.raw(" M"); w.num(w1x); w.raw(" "); w.num(w1y); w.raw(" L"); w.num(x1); w.raw(" "); w.num(y1)
            w.raw(" L"); w.num(w2x); w.raw(" "); w.num(w2y)
        }
        w.raw("\"/>\n")
    }

    private static func grid(_ values: [[Double]], _ xr: Limits, _ yr: Limits, _ cmap: Colormap, _ vmin: Double,
                             _ vmax: Double, sx: Scale, sy: Scale, into w: inout SVGWriter) {
        let g = GridPooling.pooled(values, maxCells: maxGridCells)
        let rows = g.count, cols = g.first?.count ?? 0
        guard rows > 0, cols > 0 else { return }
        let span = vmax - vmin
        // crispEdges: anti-aliased cell edges show as light seams between equal neighbours.
        w.raw("<g shape-rendering=\"crispEdges\">\n")
        for r in 0..<rows {
            let y0 = sy(yr.lower + yr.span * Double(r) / Double(rows))
            let y1 = sy(yr.lower + yr.span * Double(r + 1) / Double(rows))
            var c = 0
            // Runs of equal colour in a row become one rectangle.
            while c < cols {
                let v = g[r][c]
                guard v.isFinite else { c += 1; continue }
                let color = cmap.color((v - vmin) / span)
                var e = c + 1
                while e < cols, g[r][e].isFinite, cmap.color((g[r][e] - vmin) / span) == color { e += 1 }
                let x0 = sx(xr.lower + xr.span * Double(c) / Double(cols))
                let x1 = sx(xr.lower + xr.span * Double(e) / Double(cols))
                // Edges are rounded to the written precision and each cell overlaps its neighbours by half a
                // pixel: with crispEdges, cells that merely abut after rounding leave 1 px white seams in
                // Chromium. The clip of the plot area trims the overlap at the borders.
                let left = round2(min(x0, x1)), top = round2(min(y0, y1))
                w.raw("<rect"); w.attr("x", left); w.attr("y", top)
                w.attr("width", round2(max(x0, x1)) - left + 0.5); w.attr("height", round2(max(y0, y1)) - top + 0.5)
                w.raw(" fill=\"\(color.hex)\"/>\n")
                c = e
            }
        }
        w.raw("</g>\n")
    }
}

/// `v` rounded to 2 decimals, the precision `SVGWriter` writes.
private func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
