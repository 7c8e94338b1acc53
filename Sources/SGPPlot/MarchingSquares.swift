import Foundation

/// Iso-lines of a grid by marching squares, as segments in data coordinates.
enum MarchingSquares {
    /// Segments (x0, y0, x1, y1, …) where `grid` crosses `level`. `grid[row][col]` sits at the cell centres of
    /// `xRange × yRange`. Squares with a non-finite corner are skipped; saddles are split by the centre average.
    static func segments(_ grid: [[Double]], level: Double, xRange: Limits, yRange: Limits) -> [Double] {
        let rows = grid.count
        guard rows >= 2, let cols = grid.first?.count, cols >= 2 else { return [] }
        let dx = xRange.span / Double(cols), dy = yRange.span / Double(rows)
        func px(_ c: Double) -> Double { xRange.lower + (c + 0.5) * dx }
        func py(_ r: Double) -> Double { yRange.lower + (r + 0.5) * dy }
        var out: [Double] = []
        for r in 0..<(rows - 1) {
            let lowRow = grid[r], highRow = grid[r + 1]
            guard lowRow.count == cols, highRow.count == cols else { continue }
            for c in 0..<(cols - 1) {
                // Corners counter-clockwise from bottom-left.
                let a = lowRow[c], b = lowRow[c + 1], d = highRow[c + 1], e = highRow[c]
                guard a.isFinite, b.isFinite, d.isFinite, e.isFinite else { continue }
                var code = 0
                if a > level { code |= 1 }
                if b > level { code |= 2 }
                if d > level { code |= 4 }
                if e > level { code |= 8 }
                if code == 0 || code == 15 { continue }
                func t(_ p: Double, _ q: Double) -> Double { p == q ? 0.5 : (level - p) / (q - p) }
                let cc = Double(c), rr = Double(r)
                // Edge crossing points: bottom, right, top, left.
                let bottom = (px(cc + t(a, b)), py(rr))
                let right = (px(cc + 1), py(rr + t(b, d)))
                let top = (px(cc + t(e, d)), py(rr + 1))
                let left = (px(cc), py(rr + t(a, e)))
                func seg(_ p: (Double, Double), _ q: (Double, Double)) { out += [p.0, p.1, q.0, q.1] }
                switch code {
                case 1, 14: seg(left, bottom)
                case 2, 13: seg(bottom, right)
                case 3, 12: seg(left, right)
                case 4, 11: seg(right, top)
                case 6, 9: seg(bottom, top)
                case 7, 8: seg(left, top)
                case 5, 10:
                    let centreHigh = (a + b + d + e) / 4 > level
                    if (code == 5) == centreHigh {
                        seg(left, top); seg(bottom, right)
                    } else {
                        seg(left, bottom); seg(right, top)
                    }
                default: break
                }
            }
        }
        return out
    }
}
