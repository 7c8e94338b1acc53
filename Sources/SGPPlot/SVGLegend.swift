import Foundation

/// A legend box: one row per labelled series (symbol + label), long labels shortened, and at most as many rows as
/// fit in the plot's height (the last row then says how many were left out).
struct SVGLegend {
    static let rowH = 16.0, pad = 6.0, symbolW = 22.0
    var entries: [LegendEntry]
    var labels: [String]
    var width: Double
    var height: Double
    var origin = (x: 0.0, y: 0.0)

    init(_ p: PreparedAxes, plot: SVGRenderer.Rect) {
        let maxRows = max(1, Int((plot.h - 2 * SVGLegend.pad) / SVGLegend.rowH))
        var entries = p.legend
        var labels = entries.map {
            SVGRenderer.truncate($0.label, width: max(40, plot.w / 2 - SVGLegend.symbolW - 18))
        }
        if entries.count > maxRows {
            let hidden = entries.count - maxRows + 1
            entries = Array(entries.prefix(maxRows - 1))
            labels = Array(labels.prefix(maxRows - 1)) + ["+ \(hidden) more"]
        }
        self.entries = entries
        self.labels = labels
        let labelW = labels.map { TextMetrics.width($0, size: SVGRenderer.fontSize) }.max() ?? 0
        width = SVGLegend.pad + SVGLegend.symbolW + 6 + labelW + SVGLegend.pad
        height = SVGLegend.pad + Double(labels.count) * SVGLegend.rowH + SVGLegend.pad - 4
    }

    func draw(into w: inout SVGWriter) {
        let pad = SVGLegend.pad, symbolW = SVGLegend.symbolW, fontSize = SVGRenderer.fontSize
        w.raw("<g>\n<rect"); w.attr("x", origin.x); w.attr("y", origin.y); w.attr("width", width)
        w.attr("height", height)
        w.raw(" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.88\" stroke=\"#bbbbbb\" stroke-width=\"0.8\"/>\n")
        for (i, label) in labels.enumerated() {
            let cy = origin.y + pad + Double(i) * SVGLegend.rowH + 6
            let x0 = origin.x + pad
            if i < entries.count {
                let e = entries[i]
                switch e.symbol {
                case .line(let style):
                    w.raw("<line"); w.attr("x1", x0); w.attr("y1", cy); w.attr("x2", x0 + symbolW); w.attr("y2", cy)
                    w.raw(" stroke=\"\(e.color.hex)\" stroke-width=\"2\"\(SVGMarks.dash(style))/>\n")
                case .marker:
                    w.raw("<circle"); w.attr("cx", x0 + symbolW / 2); w.attr("cy", cy); w.attr("r", 3.5)
                    w.raw(" fill=\"\(e.color.hex)\"/>\n")
                case .patch:
                    w.raw("<rect"); w.attr("x", x0 + 3); w.attr("y", cy - 5); w.attr("width", symbolW - 6)
                    w.attr("height", 10)
                    w.raw(" fill=\"\(e.color.hex)\"/>\n")
                }
            }
            w.label(label, x: x0 + symbolW + 6, y: cy + fontSize * 0.35, size: fontSize)
        }
        w.raw("</g>\n")
    }
}
