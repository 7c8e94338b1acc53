import Foundation

/// Renders a `Figure` as a standalone SVG document.
///
/// Output is deterministic: numbers carry at most 2 decimals, elements follow the series order, and there are no
/// ids, timestamps or external references (plot areas clip through nested `<svg>` viewports, so several figures
/// can be inlined into one HTML page without id clashes).
public enum SVGRenderer {
    /// Tick label size in px.
    static let fontSize = 11.0
    /// Gap kept between neighbouring x tick labels (px).
    static let tickGap = 10.0

    /// The SVG text of `fig`; throws `PlotError` when the figure is invalid. `xmlDeclaration: false` leaves out the
    /// `<?xml …?>` line, for SVG inlined into HTML (notebook reports).
    public static func render(_ fig: Figure, xmlDeclaration: Bool = true) throws -> String {
        let prepared = try Prepare.figure(fig)
        var notes: [String] = []
        for p in prepared {
            for n in p.notes + decimationNotes(p) where !notes.contains(n) { notes.append(n) }
        }
        var w = SVGWriter()
        let W = Double(fig.width), H = Double(fig.height)
        if xmlDeclaration { w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
        w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fig.width)\" height=\"\(fig.height)\"")
        w.raw(" viewBox=\"0 0 \(fig.width) \(fig.height)\" font-family=\"sans-serif\" font-size=\"11\">\n")
        w.raw("<rect x=\"0\" y=\"0\" width=\"\(fig.width)\" height=\"\(fig.height)\" fill=\"#ffffff\"/>\n")
        let top = fig.suptitle != nil ? 30.0 : 0
        let noteH = notes.isEmpty ? 0.0 : 18
        let cellW = W / Double(fig.cols), cellH = (H - top - noteH) / Double(fig.rows)
        for (i, p) in prepared.enumerated() {
            let r = Double(i / fig.cols), c = Double(i % fig.cols)
            drawAxes(p, cell: (c * cellW, top + r * cellH, cellW, cellH), into: &w)
        }
        if let t = fig.suptitle.map({ truncate($0, width: W - 8, size: 15) }) {
            w.label(t, x: W / 2, y: 21, size: 15, anchor: "middle", weight: "600")
        }
        if !notes.isEmpty {
            w.label("note: " + notes.joined(separator: "; "), x: 8, y: H - 6, size: 10, color: .noteGray)
        }
        w.raw("</svg>\n")
        return w.string
    }

    /// Notes for marks the renderer thins out, so a reader knows the picture is not one glyph per point.
    static func decimationNotes(_ p: PreparedAxes, terminal: Bool = false) -> [String] {
        var out: [String] = []
        for m in p.marks {
            switch m.kind {
            case let .points(xs, _, _, _) where xs.count > Decimation.scatterThreshold:
                out.append("\(xs.count) points drawn as a density grid (scatters over \(Decimation.scatterThreshold))")
            case let .polyline(xs, _, _, _) where xs.count > Decimation.lineThreshold && !terminal:
                out.append("line of \(xs.count) points reduced to min/max per pixel column")
            default: break
            }
        }
        return out
    }

    typealias Rect = (x: Double, y: Double, w: Double, h: Double)

    private static func drawAxes(_ p: PreparedAxes, cell: Rect, into w: inout SVGWriter) {
        let a = p.axes
        var layout = SVGLayout(p, cell: cell, reserveRight: 0)
        var legend: SVGLegend? = nil
        if a.legend, !p.legend.isEmpty {
            var box = SVGLegend(p, plot: layout.plot)
            let sx = Scale(p.xLimits, log: a.xlog, from: layout.plot.x, to: layout.plot.x + layout.plot.w)
            let sy = Scale(p.yLimits, log: a.ylog, from: layout.plot.y + layout.plot.h, to: layout.plot.y)
            let placed = LegendPlacement.place(w: box.width, h: box.height, plot: layout.plot, inset: 8,
                                               marks: p.marks, sx: sx, sy: sy)
            box.origin = (placed.x, placed.y)
            // Every corner hides data: move the legend beside the plot when it is narrow enough to spare the room.
            if placed.covered > 0, p.colorbar == nil, box.width + 12 <= 0.3 * cell.w {
                layout = SVGLayout(p, cell: cell, reserveRight: box.width + 12)
                box.origin = (layout.plot.x + layout.plot.w + 8, layout.plot.y)
            }
            legend = box
        }
        let plot = layout.plot, xt = layout.xTicks, yt = layout.yTicks, cbTicks = layout.colorbarTicks
        let sx = Scale(p.xLimits, log: a.xlog, from: plot.x, to: plot.x + plot.w)
        let sy = Scale(p.yLimits, log: a.ylog, from: plot.y + plot.h, to: plot.y)

        w.raw("<g>\n")
        // Grid lines under the data.
        w.raw("<g stroke=\"\(Color.gridGray.hex)\" stroke-width=\"1\">\n")
        for v in yt.values { hLine(&w, sy(v), plot) }
        if p.categories == nil { for v in xt.values { vLine(&w, sx(v), plot) } }
        w.raw("</g>\n")
        // Marks, clipped to the plot rectangle by a nested viewport.
        w.raw("<svg x=\"")
        w.num(plot.x); w.raw("\" y=\""); w.num(plot.y); w.raw("\" width=\""); w.num(plot.w)
        w.raw("\" height=\""); w.num(plot.h); w.raw("\" viewBox=\"")
        w.num(plot.x); w.raw(" "); w.num(plot.y); w.raw(" "); w.num(plot.w); w.raw(" "); w.num(plot.h)
        w.raw("\" overflow=\"hidden\">\n")
        for m in p.marks { SVGMarks.draw(m, sx: sx, sy: sy, plot: plot, into: &w) }
        w.raw("</svg>\n")
        // Frame and ticks.
        w.raw("<rect"); w.attr("x", plot.x); w.attr("y", plot.y); w.attr("width", plot.w); w.attr("height", plot.h)
        w.raw(" fill=\"none\" stroke=\"\(Color.axisGray.hex)\" stroke-width=\"1\"/>\n")
        w.raw("<g stroke=\"\(Color.axisGray.hex)\" stroke-width=\"1\">\n")
        for v in yt.values {
            let y = sy(v)
            w.raw("<line"); w.attr("x1", plot.x - 4); w.attr("y1", y); w.attr("x2", plot.x); w.attr("y2", y); w.raw("/>\n")
        }
        for v in xt.values {
            let x = sx(v)
            let yb = plot.y + plot.h
            w.raw("<line"); w.attr("x1", x); w.attr("y1", yb); w.attr("x2", x); w.attr("y2", yb + 4); w.raw("/>\n")
        }
        w.raw("</g>\n")
        for (v, s) in zip(yt.values, yt.labels) {
            w.label(s, x: plot.x - 7, y: sy(v) + fontSize * 0.35, size: fontSize, anchor: "end", color: .axisGray)
        }
        for (v, s) in zip(xt.values, xt.labels) {
            w.label(s, x: sx(v), y: plot.y + plot.h + 6 + fontSize, size: fontSize, anchor: "middle", color: .axisGray)
        }
        if let t = a.xlabel.map({ truncate($0, width: plot.w, size: 12) }) {
            w.label(t, x: plot.x + plot.w / 2, y: plot.y + plot.h + 8 + fontSize + 16, size: 12, anchor: "middle")
        }
        if let t = a.ylabel.map({ truncate($0, width: plot.h, size: 12) }) {
            w.label(t, x: cell.x + 16, y: plot.y + plot.h / 2, size: 12, anchor: "middle", rotate: true)
        }
        if let t = a.title.map({ truncate($0, width: cell.w - 8, size: 13) }) {
            w.label(t, x: plot.x + plot.w / 2, y: cell.y + 18, size: 13, anchor: "middle", weight: "600")
        }
        if let cb = p.colorbar { drawColorbar(cb.colormap, cb.limits, cbTicks, plot: plot, into: &w) }
        legend?.draw(into: &w)
        w.raw("</g>\n")
    }

    static func yTicks(_ p: PreparedAxes, length: Double) -> (values: [Double], labels: [String]) {
        Ticks.fitting(p.yLimits.lower, p.yLimits.upper, log: p.axes.ylog, length: length,
                      desired: max(2, min(9, Int(length / 38))), gap: 6, extent: { _ in fontSize })
    }

    static func xTicks(_ p: PreparedAxes, length: Double) -> (values: [Double], labels: [String]) {
        if let cats = p.categories {
            let inside = cats.filter { $0.position >= p.xLimits.lower && $0.position <= p.xLimits.upper }
            let span = p.xLimits.span
            return Ticks.categorical(inside, length: length * Double(inside.count) / max(span, 1), gap: 6,
                                     minWidth: TextMetrics.width("category", size: fontSize),
                                     extent: { TextMetrics.width($0, size: fontSize) },
                                     shorten: { truncate($0, width: $1) })
        }
        return Ticks.fitting(p.xLimits.lower, p.xLimits.upper, log: p.axes.xlog, length: length,
                             desired: max(2, min(10, Int(length / 60))), gap: tickGap,
                             extent: { TextMetrics.width($0, size: fontSize) })
    }

    /// `s` shortened with an ellipsis to fit `width` px at `size` (bold text is ~6 % wider, hence the slack).
    static func truncate(_ s: String, width: Double, size: Double = fontSize) -> String {
        if TextMetrics.width(s, size: size) * 1.06 <= width { return s }
        var t = s
        while !t.isEmpty, TextMetrics.width(t + "…", size: size) * 1.06 > width { t.removeLast() }
        return t + "…"
    }

    private static func hLine(_ w: inout SVGWriter, _ y: Double, _ plot: Rect) {
        w.raw("<line"); w.attr("x1", plot.x); w.attr("y1", y); w.attr("x2", plot.x + plot.w); w.attr("y2", y); w.raw("/>\n")
    }

    private static func vLine(_ w: inout SVGWriter, _ x: Double, _ plot: Rect) {
        w.raw("<line"); w.attr("x1", x); w.attr("y1", plot.y); w.attr("x2", x); w.attr("y2", plot.y + plot.h); w.raw("/>\n")
    }

    private static func drawColorbar(_ cmap: Colormap, _ limits: Limits, _ ticks: (values: [Double], labels: [String]),
                                     plot: Rect, into w: inout SVGWriter) {
        let x = plot.x + plot.w + 14, bw = 12.0, steps = 64
        let dh = plot.h / Double(steps)
        for i in 0..<steps {
            let y = plot.y + plot.h - Double(i + 1) * dh
            w.raw("<rect"); w.attr("x", x); w.attr("y", y); w.attr("width", bw); w.attr("height", dh + 0.5)
            w.raw(" fill=\"\(cmap.color((Double(i) + 0.5) / Double(steps)).hex)\"/>\n")
        }
        w.raw("<rect"); w.attr("x", x); w.attr("y", plot.y); w.attr("width", bw); w.attr("height", plot.h)
        w.raw(" fill=\"none\" stroke=\"\(Color.axisGray.hex)\" stroke-width=\"0.8\"/>\n")
        let s = Scale(limits, log: false, from: plot.y + plot.h, to: plot.y)
        for (v, label) in zip(ticks.values, ticks.labels) {
            let y = s(v)
            w.raw("<line"); w.attr("x1", x + bw); w.attr("y1", y); w.attr("x2", x + bw + 3); w.attr("y2", y)
            w.raw(" stroke=\"\(Color.axisGray.hex)\"/>\n")
            w.label(label, x: x + bw + 5, y: y + fontSize * 0.35, size: fontSize, color: .axisGray)
        }
    }
}
