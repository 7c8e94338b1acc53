import Foundation

/// Where an axes' plot rectangle sits inside its grid cell, with the ticks chosen for it: margins grow with the
/// widest y tick label, the axis labels, the title, a colour bar, and room reserved for an outside legend.
struct SVGLayout {
    var plot: SVGRenderer.Rect
    var xTicks: (values: [Double], labels: [String])
    var yTicks: (values: [Double], labels: [String])
    var colorbarTicks: (values: [Double], labels: [String]) = ([], [])

    init(_ p: PreparedAxes, cell: SVGRenderer.Rect, reserveRight: Double) {
        let a = p.axes, fontSize = SVGRenderer.fontSize
        let titleH = a.title != nil ? 26.0 : 10
        let bottom = 8 + fontSize + 6 + (a.xlabel != nil ? 18 : 0)
        let plotH = max(20, cell.h - titleH - bottom)
        yTicks = SVGRenderer.yTicks(p, length: plotH)
        let yLabelW = yTicks.labels.map { TextMetrics.width($0, size: fontSize) }.max() ?? 0
        let left = 6 + (a.ylabel != nil ? 20 : 0) + yLabelW + 8
        var right = 14.0 + reserveRight
        if let cb = p.colorbar {
            colorbarTicks = Ticks.fitting(cb.limits.lower, cb.limits.upper, log: false, length: plotH, desired: 6,
                                          gap: 6, extent: { _ in fontSize })
            let labelW = colorbarTicks.labels.map { TextMetrics.width($0, size: fontSize) }.max() ?? 0
            right += 12 + 12 + 6 + labelW
        }
        var plotW = max(20, cell.w - left - right)
        xTicks = SVGRenderer.xTicks(p, length: plotW)
        // The last x label is centred on the right edge: make room for its right half.
        if let last = xTicks.labels.last, let v = xTicks.values.last, p.colorbar == nil, reserveRight == 0 {
            let sx = Scale(p.xLimits, log: a.xlog, from: 0, to: plotW)
            let overhang = sx(v) + TextMetrics.width(last, size: fontSize) / 2 + 3 - (plotW + right)
            if overhang > 0 {
                plotW = max(20, plotW - overhang)
                xTicks = SVGRenderer.xTicks(p, length: plotW)
            }
        }
        plot = (cell.x + left, cell.y + titleH, plotW, plotH)
    }
}
