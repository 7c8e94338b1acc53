import Foundation

/// Draws `Mark`s onto a `DotCanvas` (positions in dots).
enum TerminalMarks {
    static func draw(_ m: Mark, on cv: inout DotCanvas, sx: Scale, sy: Scale, marker: UInt8) {
        let c = m.color
        switch m.kind {
        case let .polyline(xs, ys, _, style):
            let n = min(xs.count, ys.count)
            if n == 1 { cv.set(clampInt(sx(xs[0])), clampInt(sy(ys[0])), c, marker) }
            var px = n > 0 ? sx(xs[0]) : 0, py = n > 0 ? sy(ys[0]) : 0
            for i in stride(from: 1, to: n, by: 1) {
                let qx = sx(xs[i]), qy = sy(ys[i])
                cv.line(px, py, qx, qy, c, marker, style: style)
                px = qx; py = qy
            }
        case let .points(xs, ys, _, _):
            if xs.count > Decimation.scatterThreshold {
                density(xs, ys, color: c, on: &cv, sx: sx, sy: sy)
                return
            }
            for i in 0..<min(xs.count, ys.count) {
                let x = sx(xs[i]), y = sy(ys[i])
                guard x >= 0, y >= 0, x < Double(cv.dotsW), y < Double(cv.dotsH) else { continue }
                cv.set(clampInt(x), clampInt(y), c, marker)
            }
        case let .arrows(xs, ys, us, vs, cellX, cellY):
            arrows(xs, ys, us, vs, cellX: cellX, cellY: cellY, color: c, on: &cv, sx: sx, sy: sy, marker: marker)
        case let .grid(values, xr, yr, cmap, vmin, vmax):
            heat(values, xr, yr, cmap, vmin, vmax, on: &cv, sx: sx, sy: sy)
        case let .segments(coords, _):
            for i in stride(from: 0, to: coords.count - 3, by: 4) {
                cv.line(sx(coords[i]), sy(coords[i + 1]), sx(coords[i + 2]), sy(coords[i + 3]), c, marker)
            }
        case let .rects(coords, _):
            for i in stride(from: 0, to: coords.count - 3, by: 4) {
                let x0 = clampInt(min(sx(coords[i]), sx(coords[i + 2])).rounded())
                let x1 = clampInt(max(sx(coords[i]), sx(coords[i + 2])).rounded()) - 1
                let top = min(sy(coords[i + 1]), sy(coords[i + 3])), bottom = max(sy(coords[i + 1]), sy(coords[i + 3]))
                guard x1 >= x0 else { continue }
                for x in max(0, x0)...min(max(0, cv.dotsW - 1), max(x0, x1)) {
                    cv.line(Double(x), top, Double(x), min(bottom, Double(cv.dotsH) - 0.5), c, marker)
                }
            }
        case let .errorbars(xs, lows, highs, cap):
            for i in 0..<min(xs.count, lows.count, highs.count) {
                let x = sx(xs[i]), h = abs(sx(xs[i] + cap) - x)
                cv.line(x, sy(lows[i]), x, sy(highs[i]), c, marker)
                cv.line(x - h, sy(highs[i]), x + h, sy(highs[i]), c, marker)
                cv.line(x - h, sy(lows[i]), x + h, sy(lows[i]), c, marker)
            }
        case let .hline(y, style):
            cv.line(0, sy(y), Double(cv.dotsW), sy(y), c, marker, style: style)
        case let .vline(x, style):
            cv.line(sx(x), 0, sx(x), Double(cv.dotsH), c, marker, style: style)
        case .text:
            break  // written over the canvas by the renderer
        }
    }

    private static func arrows(_ xs: [Double], _ ys: [Double], _ us: [Double], _ vs: [Double], cellX: Double,
                               cellY: Double, color: Color, on cv: inout DotCanvas, sx: Scale, sy: Scale,
                               marker: UInt8) {
        let n = min(xs.count, ys.count, us.count, vs.count)
        var longest = 0.0
        for i in 0..<n {
            let dx = us[i] * sx.slope(at: xs[i]), dy = vs[i] * sy.slope(at: ys[i])
            longest = max(longest, (dx * dx + dy * dy).squareRoot())
        }
        guard longest > 0 else { return }
        let cell = ArrowScaling.cellPixels(cellX: cellX, cellY: cellY, sx: sx, sy: sy, plotW: Double(cv.dotsW),
                                           plotH: Double(cv.dotsH), n: n)
        // Arrows need room: with fewer than `minArrowDots` dots per grid cell (and always in ASCII) each vector
        // becomes one direction glyph in its cell instead.
        if !cv.unicode || cell < minArrowDots {
            for i in 0..<n {
                let x0 = sx(xs[i]), y0 = sy(ys[i])
                let ax = us[i] * sx.slope(at: xs[i]), ay = vs[i] * sy.slope(at: ys[i])
                let g = glyph(ax, ay, relative: (ax * ax + ay * ay).squareRoot() / longest, unicode: cv.unicode)
                cv.glyph(clampInt(x0) / cv.cw, clampInt(y0) / cv.ch, g, color)
            }
            return
        }
        let k = 0.9 * cell / longest
        for i in 0..<n {
            let x0 = sx(xs[i]), y0 = sy(ys[i])
            let ax = us[i] * sx.slope(at: xs[i]) * k, ay = vs[i] * sy.slope(at: ys[i]) * k
            let len = (ax * ax + ay * ay).squareRoot()
            let x1 = x0 + ax, y1 = y0 + ay
            if len < 1 {
                cv.set(clampInt(x0), clampInt(y0), color, marker)
                continue
            }
            cv.line(x0, y0, x1, y1, color, marker)
            let head = max(1.5, min(3, len * 0.4)), ux = ax / len, uy = ay / len
            cv.line(x1, y1, x1 - head * (ux * 0.8 - uy * 0.6), y1 - head * (uy * 0.8 + ux * 0.6), color, marker)
            cv.line(x1, y1, x1 - head * (ux * 0.8 + uy * 0.6), y1 - head * (uy * 0.8 - ux * 0.6), color, marker)
        }
    }

    /// Grid cells smaller than this many dots get direction glyphs instead of drawn arrows.
    static let minArrowDots = 8.0

    /// One of 8 direction arrows for screen vector (dx, dy) (y down); a dot when under 15 % of the longest.
    static func glyph(_ dx: Double, _ dy: Double, relative: Double, unicode: Bool) -> Unicode.Scalar {
        if relative < 0.15 { return unicode ? "·" : "." }
        let octant = clampInt(((atan2(-dy, dx) / (.pi / 4)).rounded() + 8).truncatingRemainder(dividingBy: 8))
        let u: [Unicode.Scalar] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
        let a: [Unicode.Scalar] = [">", "/", "^", "\\", "<", "/", "v", "\\"]
        return (unicode ? u : a)[max(0, min(7, octant))]
    }

    /// Each cell shows the grid value under its centre as a shade level (and, with colour, the colormap colour).
    private static func heat(_ values: [[Double]], _ xr: Limits, _ yr: Limits, _ cmap: Colormap, _ vmin: Double,
                             _ vmax: Double, on cv: inout DotCanvas, sx: Scale, sy: Scale) {
        let rows = values.count, cols = values.first?.count ?? 0
        guard rows > 0, cols > 0 else { return }
        let levels = cv.unicode ? TerminalRenderer.unicodeShades.count : TerminalRenderer.asciiShades.count
        for cy in 0..<cv.rows {
            for cx in 0..<cv.cols {
                let dataX = invert(sx, (Double(cx) + 0.5) * Double(cv.cw))
                let dataY = invert(sy, (Double(cy) + 0.5) * Double(cv.ch))
                let c = clampInt(((dataX - xr.lower) / xr.span * Double(cols)).rounded(.down))
                let r = clampInt(((dataY - yr.lower) / yr.span * Double(rows)).rounded(.down))
                guard r >= 0, r < rows, c >= 0, c < values[r].count else { continue }
                let v = values[r][c]
                guard v.isFinite else { continue }
                let t = (v - vmin) / (vmax - vmin)
                // Level 0 is blank, so the lowest values still show as the lightest shade.
                let level = 1 + min(levels - 2, max(0, clampInt(t * Double(levels - 1))))
                cv.fill(cx, cy, level: UInt8(level), cmap.color(t))
            }
        }
    }

    /// Big scatters saturate braille cells; shade each cell by log(count) instead, like the SVG density grid.
    private static func density(_ xs: [Double], _ ys: [Double], color: Color, on cv: inout DotCanvas, sx: Scale,
                                sy: Scale) {
        var counts = [Int32](repeating: 0, count: cv.cols * cv.rows)
        let cw = Double(cv.cw), ch = Double(cv.ch), cols = Double(cv.cols), rows = Double(cv.rows)
        counts.withUnsafeMutableBufferPointer { buf in
            for i in 0..<min(xs.count, ys.count) {
                let fx = sx(xs[i]) / cw, fy = sy(ys[i]) / ch
                guard fx >= 0, fy >= 0, fx < cols, fy < rows else { continue }
                buf[Int(fy) * cv.cols + Int(fx)] += 1
            }
        }
        let levels = cv.unicode ? TerminalRenderer.unicodeShades.count : TerminalRenderer.asciiShades.count
        let denom = log(1 + Double(max(counts.max() ?? 1, 1)))
        for cy in 0..<cv.rows {
            for cx in 0..<cv.cols {
                let n = counts[cy * cv.cols + cx]
                guard n > 0 else { continue }
                let t = log(1 + Double(n)) / denom
                let level = 1 + min(levels - 2, clampInt(t * Double(levels - 1)))
                cv.fill(cx, cy, level: UInt8(max(1, level)), color)
            }
        }
    }

    private static func invert(_ s: Scale, _ p: Double) -> Double {
        let t = s.lower + (p - s.p0) / (s.p1 - s.p0) * (s.upper - s.lower)
        return s.log ? pow(10, t) : t
    }
}
