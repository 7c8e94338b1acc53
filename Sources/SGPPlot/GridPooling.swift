import Foundation

/// Block-averages big grids so renderers draw at most `maxCells` cells; NaN cells are left out of the average.
enum GridPooling {
    static func pooled(_ g: [[Double]], maxCells: Int) -> [[Double]] {
        let rows = g.count, cols = g.first?.count ?? 0
        guard rows * cols > maxCells, rows > 0, cols > 0 else { return g }
        let f = Int((Double(rows * cols) / Double(maxCells)).squareRoot().rounded(.up))
        let pr = (rows + f - 1) / f, pc = (cols + f - 1) / f
        var out = [[Double]](repeating: [Double](repeating: .nan, count: pc), count: pr)
        for r in 0..<pr {
            for c in 0..<pc {
                var sum = 0.0, n = 0
                for rr in (r * f)..<min(rows, r * f + f) {
                    let row = g[rr]
                    for cc in (c * f)..<min(row.count, c * f + f) where row[cc].isFinite {
                        sum += row[cc]; n += 1
                    }
                }
                if n > 0 { out[r][c] = sum / Double(n) }
            }
        }
        return out
    }
}
