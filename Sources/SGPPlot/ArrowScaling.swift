import Foundation

/// How quiver arrows are sized, shared by the SVG and terminal renderers.
enum ArrowScaling {
    /// One grid cell in pixels: the smaller of the x and y spacings, or √(area / n) when the points do not vary
    /// along an axis.
    static func cellPixels(cellX: Double, cellY: Double, sx: Scale, sy: Scale, plotW: Double, plotH: Double,
                           n: Int) -> Double {
        // Log scales have no single spacing in pixels: fall back to the area rule.
        if sx.log || sy.log { return (plotW * plotH / Double(max(n, 1))).squareRoot() }
        var cells: [Double] = []
        if cellX > 0 { cells.append(abs(cellX * sx.slope(at: 1))) }
        if cellY > 0 { cells.append(abs(cellY * sy.slope(at: 1))) }
        return cells.min() ?? (plotW * plotH / Double(max(n, 1))).squareRoot()
    }

    /// Arrow-head length for a shaft of `len` px.
    static func head(_ len: Double) -> Double { min(7, max(2.5, len * 0.35)) }
}
