import Foundation

/// Where to evaluate a function for `heatmap`, `contour` and `quiver`: cell centres in the renderers' grid
/// convention (row index along y from `yRange.lower`, column index along x from `xRange.lower`).
public enum SampleGrid {
    /// `count` cell centres evenly spread over `range` (empty for `count < 1`).
    public static func centres(_ range: Limits, count: Int) -> [Double] {
        guard count >= 1 else { return [] }
        let step = range.span / Double(count)
        return (0..<count).map { range.lower + (Double($0) + 0.5) * step }
    }

    /// All `rows × cols` centres, row-major: point `i * cols + j` is `(x[j], y[i])`, the cell of `grid[i][j]`.
    public static func points(xRange: Limits, yRange: Limits, cols: Int, rows: Int) -> (x: [Double], y: [Double]) {
        let xs = centres(xRange, count: cols), ys = centres(yRange, count: rows)
        var x: [Double] = [], y: [Double] = []
        x.reserveCapacity(xs.count * ys.count)
        y.reserveCapacity(xs.count * ys.count)
        for yi in ys {
            for xj in xs {
                x.append(xj)
                y.append(yi)
            }
        }
        return (x, y)
    }

    /// Reshapes `values` (row-major, `rows × cols`) into the `grid[row][col]` that `heatmap`/`contour` take.
    public static func reshape(_ values: [Double], rows: Int, cols: Int) throws -> [[Double]] {
        guard rows >= 1, cols >= 1, values.count == rows * cols else {
            throw PlotError.lengthMismatch(series: "grid", first: "values", firstCount: values.count,
                                           second: "rows × cols", secondCount: max(rows, 0) * max(cols, 0))
        }
        return (0..<rows).map { r in Array(values[(r * cols)..<(r * cols + cols)]) }
    }
}
