import Foundation

/// Renders a `Figure` as text for a terminal: a braille canvas (2×4 dots per cell) with shade blocks for heatmaps,
/// y tick labels on the left, x ticks below, titles and a legend under each axes; plain ASCII when `unicode` is
/// false, 24-bit ANSI colour when `color` is true.
public enum TerminalRenderer {
    /// Smallest size (characters) a figure can be drawn in.
    public static let minimumSize = (width: 20, height: 8)
    /// ASCII markers given to series in order of first appearance (ASCII mode tells series apart by marker).
    static let asciiMarkers: [UInt8] = Array("*+o#x@%&".utf8)
    static let unicodeShades: [Unicode.Scalar] = [" ", "░", "▒", "▓", "█"]
    static let asciiShades: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The text of `fig` in `width × height` characters; throws `PlotError` when the figure is invalid or the size
    /// is below `minimumSize`.
    public static func render(_ fig: Figure, width: Int, height: Int, unicode: Bool = true,
                              color: Bool = false) throws -> String {
        guard width >= minimumSize.width, height >= minimumSize.height, width <= 2000, height <= 2000 else {
            throw PlotError.badSize(width: width, height: height, minimumWidth: minimumSize.width,
                                    minimumHeight: minimumSize.height)
        }
        let prepared = try Prepare.figure(fig)
        var notes: [String] = []
        for p in prepared {
            for n in p.notes + SVGRenderer.decimationNotes(p, terminal: true) where !notes.contains(n) { notes.append(n) }
        }
        var g = CharGrid(width: width, height: height, asciiOnly: !unicode)
        var top = 0
        if let t = fig.suptitle {
            g.centred(0, width, 0, t, unicode: unicode)
            top = 1
        }
        let noteRows = notes.isEmpty ? 0 : 1
        let cellW = width / fig.cols, cellH = (height - top - noteRows) / fig.rows
        for (i, p) in prepared.enumerated() {
            let x = (i % fig.cols) * cellW, y = top + (i / fig.cols) * cellH
            drawAxes(p, x: x, y: y, w: cellW - (fig.cols > 1 ? 2 : 0), h: cellH, unicode: unicode, into: &g)
        }
        if !notes.isEmpty { g.write(0, height - 1, g.fit("note: " + notes.joined(separator: "; "), width, unicode: unicode)) }
        return g.render(color: color)
    }

    private static func drawAxes(_ p: PreparedAxes, x: Int, y: Int, w: Int, h: Int, unicode: Bool,
                                 into g: inout CharGrid) {
        let a = p.axes
        var row = y
        if let t = a.title { g.centred(x, w, row, t, unicode: unicode); row += 1 }
        if let t = a.ylabel { g.write(x, row, g.fit(t, w, unicode: unicode)); row += 1 }
        let markers = markerTable(p)
        let legend = a.legend ? legendLines(p, width: w, markers: markers, unicode: unicode) : []
        let footer = 2 + (a.xlabel != nil ? 1 : 0) + legend.count
        let plotRows = max(2, y + h - row - footer)
        let yt = Ticks.fitting(p.yLimits.lower, p.yLimits.upper, log: a.ylog, length: Double(plotRows),
                               desired: max(2, min(8, plotRows / 3)), gap: 1, extent: { _ in 1 })
        let labelW = min(12, yt.labels.map { $0.unicodeScalars.count }.max() ?? 0)
        let axisX = x + labelW + 1
        let plotX = axisX + 1
        let plotCols = max(2, x + w - plotX)
        var canvas = DotCanvas(cols: plotCols, rows: plotRows, unicode: unicode)
        let sx = Scale(p.xLimits, log: a.xlog, from: 0, to: Double(canvas.dotsW))
        let sy = Scale(p.yLimits, log: a.ylog, from: Double(canvas.dotsH), to: 0)
        for m in p.marks {
            TerminalMarks.draw(m, on: &canvas, sx: sx, sy: sy, marker: markers[m.color] ?? asciiMarkers[0])
        }
        let shades = unicode ? unicodeShades : asciiShades
        for cy in 0..<plotRows {
            for cx in 0..<plotCols {
                if let (s, c) = canvas.cell(cx, cy, shades: shades) { g.put(plotX + cx, row + cy, s, c) }
            }
        }
        // Text annotations go over the canvas, in cells.
        for m in p.marks {
            if case let .text(tx, ty, text, _) = m.kind {
                g.write(plotX + clampInt(sx(tx)) / canvas.cw, row + clampInt(sy(ty)) / canvas.ch, text, m.color)
            }
        }
        // Axes: left rule with tick marks and labels, bottom rule, x tick labels.
        let vertical: Unicode.Scalar = unicode ? "│" : "|", tickY: Unicode.Scalar = unicode ? "┤" : "+"
        for r in 0..<plotRows { g.put(axisX, row + r, vertical) }
        let ySlots = Scale(p.yLimits, log: a.ylog, from: Double(plotRows) - 0.5, to: -0.5)
        for (v, s) in zip(yt.values, yt.labels) {
            let r = clampInt(ySlots(v).rounded())
            guard r >= 0, r < plotRows else { continue }
            g.put(axisX, row + r, tickY)
            let t = g.fit(s, labelW, unicode: unicode)
            g.write(axisX - t.unicodeScalars.count, row + r, t)
        }
        let baseRow = row + plotRows
        g.put(axisX, baseRow, unicode ? "└" : "+")
        for c in 0..<plotCols { g.put(plotX + c, baseRow, unicode ? "─" : "-") }
        drawXTicks(p, plotX: plotX, plotCols: plotCols, right: x + w, row: baseRow, unicode: unicode, into: &g)
        var r = baseRow + 2
        if let t = a.xlabel { g.centred(plotX, plotCols, r, t, unicode: unicode); r += 1 }
        for line in legend {
            var cx = x
            for (text, c) in line { cx = g.write(cx, r, text, c) }
            r += 1
        }
    }

    private static func drawXTicks(_ p: PreparedAxes, plotX: Int, plotCols: Int, right: Int, row: Int,
                                   unicode: Bool, into g: inout CharGrid) {
        let slots = Scale(p.xLimits, log: p.axes.xlog, from: -0.5, to: Double(plotCols) - 0.5)
        var ticks: (values: [Double], labels: [String])
        if let cats = p.categories {
            let inside = cats.filter { $0.position >= p.xLimits.lower && $0.position <= p.xLimits.upper }
            let grid = g
            ticks = Ticks.categorical(inside, length: Double(plotCols) * Double(inside.count) / max(p.xLimits.span, 1),
                                      gap: 1, minWidth: 6, extent: { Double($0.unicodeScalars.count) },
                                      shorten: { grid.fit($0, clampInt($1), unicode: unicode) })
        } else {
            ticks = Ticks.fitting(p.xLimits.lower, p.xLimits.upper, log: p.axes.xlog, length: Double(plotCols),
                                  desired: max(2, min(8, plotCols / 10)), gap: 2,
                                  extent: { Double($0.unicodeScalars.count) })
        }
        var nextFree = 0
        for (v, s) in zip(ticks.values, ticks.labels) {
            let c = clampInt(slots(v).rounded())
            guard c >= 0, c < plotCols else { continue }
            g.put(plotX + c, row, unicode ? "┬" : "+")
            let n = s.unicodeScalars.count
            // Centred under the tick, pushed left at the region's edge, skipped rather than overlapping.
            let start = max(min(plotX + c - n / 2, right - n), nextFree)
            if start + n <= right {
                g.write(start, row + 1, s)
                nextFree = start + n + 1
            }
        }
    }

    /// Series colour → ASCII marker, in order of first appearance.
    static func markerTable(_ p: PreparedAxes) -> [Color: UInt8] {
        var table: [Color: UInt8] = [:]
        for m in p.marks where table[m.color] == nil {
            table[m.color] = asciiMarkers[table.count % asciiMarkers.count]
        }
        for e in p.legend where table[e.color] == nil { table[e.color] = asciiMarkers[table.count % asciiMarkers.count] }
        return table
    }

    /// Legend entries packed into lines of at most `width` characters: (text, colour) runs.
    private static func legendLines(_ p: PreparedAxes, width: Int, markers: [Color: UInt8],
                                    unicode: Bool) -> [[(String, Color?)]] {
        var lines: [[(String, Color?)]] = []
        var current: [(String, Color?)] = [], used = 0
        for e in p.legend {
            let symbol: String
            if unicode {
                switch e.symbol {
                case .line(.solid): symbol = "──"
                case .line(.dashed): symbol = "╌╌"
                case .line(.dotted): symbol = "┈┈"
                case .marker: symbol = "⣿⣿"
                case .patch: symbol = "██"
                }
            } else {
                let m = Character(Unicode.Scalar(markers[e.color] ?? asciiMarkers[0]))
                symbol = String([m, m])
            }
            let len = 3 + e.label.unicodeScalars.count + 3
            if used > 0, used + len > width {
                lines.append(current)
                current = []
                used = 0
            }
            current.append((symbol, e.color))
            current.append((" " + e.label + "   ", nil))
            used += len
        }
        if let cb = p.colorbar {
            // The terminal's colour bar: the shade ramp with the values at its ends.
            let labels = [Ticks.compact(cb.limits.lower), Ticks.compact(cb.limits.upper)]
            let ramp = unicode ? "░▒▓█" : ".:-=+*#%@"
            let text = "\(labels.first ?? "") \(ramp) \(labels.last ?? "")"
            if used > 0, used + text.unicodeScalars.count > width {
                lines.append(current)
                current = []
            }
            current.append((text, nil))
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
