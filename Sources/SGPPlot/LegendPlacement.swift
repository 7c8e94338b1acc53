import Foundation

/// Picks the legend corner that hides the least data.
enum LegendPlacement {
    /// Corners tried in order; ties go to the earlier one.
    enum Corner: CaseIterable { case upperRight, upperLeft, lowerLeft, lowerRight }

    /// Most points sampled per mark when counting what a legend would cover.
    static let samplesPerMark = 2000

    /// The top-left position of a `w × h` legend inset `inset` px into the plot rectangle, at the corner covering
    /// the fewest sampled data points (line vertices, dots, arrow bases, bar tops, contour ends count alike);
    /// `covered` is that count (0: the legend hides nothing).
    static func place(w: Double, h: Double, plot: (x: Double, y: Double, w: Double, h: Double), inset: Double,
                      marks: [Mark], sx: Scale, sy: Scale) -> (x: Double, y: Double, covered: Int) {
        func origin(_ c: Corner) -> (Double, Double) {
            switch c {
            case .upperRight: return (plot.x + plot.w - inset - w, plot.y + inset)
            case .upperLeft: return (plot.x + inset, plot.y + inset)
            case .lowerLeft: return (plot.x + inset, plot.y + plot.h - inset - h)
            case .lowerRight: return (plot.x + plot.w - inset - w, plot.y + plot.h - inset - h)
            }
        }
        var counts = [Int](repeating: 0, count: Corner.allCases.count)
        let boxes = Corner.allCases.map(origin)
        func count(_ px: Double, _ py: Double) {
            for (i, b) in boxes.enumerated() where px >= b.0 && px <= b.0 + w && py >= b.1 && py <= b.1 + h {
                counts[i] += 1
            }
        }
        func sample(_ xs: [Double], _ ys: [Double]) {
            let n = min(xs.count, ys.count)
            let step = max(1, n / samplesPerMark)
            for i in stride(from: 0, to: n, by: step) { count(sx(xs[i]), sy(ys[i])) }
        }
        // Lines: vertices plus points every ~8 px along long segments, so a sparse line still counts.
        func along(_ xs: [Double], _ ys: [Double]) {
            let n = min(xs.count, ys.count)
            let step = max(1, n / samplesPerMark)
            var i = 0
            while i < n {
                let x0 = sx(xs[i]), y0 = sy(ys[i])
                count(x0, y0)
                let j = i + step
                if j < n {
                    let x1 = sx(xs[j]), y1 = sy(ys[j])
                    let d = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
                    if d.isFinite, d > 8 {
                        let k = min(64, Int(d / 8))
                        for t in 1..<max(k, 2) {
                            let f = Double(t) / Double(k)
                            count(x0 + f * (x1 - x0), y0 + f * (y1 - y0))
                        }
                    }
                }
                i = j
            }
        }
        for m in marks {
            switch m.kind {
            case let .polyline(xs, ys, _, _):
                along(xs, ys)
            case let .points(xs, ys, _, _), let .arrows(xs, ys, _, _, _, _):
                sample(xs, ys)
            case let .rects(c, _):
                sample(stride(from: 0, to: c.count, by: 4).map { (c[$0] + c[$0 + 2]) / 2 },
                       stride(from: 3, to: c.count, by: 4).map { c[$0] })
            case let .segments(c, _):
                sample(stride(from: 0, to: c.count, by: 2).map { c[$0] }, stride(from: 1, to: c.count, by: 2).map { c[$0] })
            case let .errorbars(xs, _, highs, _):
                sample(xs, highs)
            case let .text(x, y, _, _):
                sample([x], [y])
            case let .hline(y, _):
                let py = sy(y)
                for (i, b) in boxes.enumerated() where py >= b.1 && py <= b.1 + h { counts[i] += 1 }
            case let .vline(x, _):
                let px = sx(x)
                for (i, b) in boxes.enumerated() where px >= b.0 && px <= b.0 + w { counts[i] += 1 }
            case .grid:
                break
            }
        }
        var best = 0
        for i in 1..<counts.count where counts[i] < counts[best] { best = i }
        let o = boxes[best]
        return (o.0, o.1, counts[best])
    }
}
