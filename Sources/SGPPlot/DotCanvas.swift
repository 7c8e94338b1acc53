import Foundation

/// The plot area of a terminal figure as a dot raster: 2×4 braille dots per cell in Unicode mode, one dot per
/// cell (drawn with the series' marker character) in ASCII mode. Shade levels fill cells for heatmaps.
struct DotCanvas {
    let cols: Int
    let rows: Int
    let unicode: Bool
    /// Dots per cell horizontally and vertically.
    let cw: Int, ch: Int
    var dotsW: Int { cols * cw }
    var dotsH: Int { rows * ch }
    private var bits: [UInt8]
    private var marker: [UInt8]
    private var color: [Color?]
    private var shade: [UInt8]
    private var shadeColor: [Color?]
    private var glyphs: [Unicode.Scalar?]

    init(cols: Int, rows: Int, unicode: Bool) {
        self.cols = max(1, cols)
        self.rows = max(1, rows)
        self.unicode = unicode
        cw = unicode ? 2 : 1
        ch = unicode ? 4 : 1
        let n = self.cols * self.rows
        bits = Array(repeating: 0, count: n)
        marker = Array(repeating: 0, count: n)
        color = Array(repeating: nil, count: n)
        shade = Array(repeating: 0, count: n)
        shadeColor = Array(repeating: nil, count: n)
        glyphs = Array(repeating: nil, count: n)
    }

    /// Puts a whole-cell character (a quiver arrow glyph) over cell `(cx, cy)`.
    mutating func glyph(_ cx: Int, _ cy: Int, _ s: Unicode.Scalar, _ c: Color?) {
        guard cx >= 0, cy >= 0, cx < cols, cy < rows else { return }
        glyphs[cy * cols + cx] = s
        color[cy * cols + cx] = c
    }

    // Braille dot bits by (column, row) inside a cell.
    private static let dotBit: [UInt8] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]

    @inline(__always) mutating func set(_ x: Int, _ y: Int, _ c: Color?, _ m: UInt8) {
        guard x >= 0, y >= 0, x < dotsW, y < dotsH else { return }
        let cx = x / cw, cy = y / ch
        let i = cy * cols + cx
        if unicode {
            bits[i] |= DotCanvas.dotBit[(y - cy * ch) * 2 + (x - cx * cw)]
        } else {
            bits[i] = 1
            marker[i] = m
        }
        color[i] = c
    }

    /// Bresenham from (x0, y0) to (x1, y1) in dots, after clipping to the canvas; `pattern` thins dashed/dotted.
    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: Color?, _ m: UInt8,
                       style: LineStyle = .solid) {
        guard let (a, b) = clip(x0, y0, x1, y1) else { return }
        var x = Int(a.0.rounded(.down)), y = Int(a.1.rounded(.down))
        let xe = Int(b.0.rounded(.down)), ye = Int(b.1.rounded(.down))
        let dx = abs(xe - x), dy = -abs(ye - y)
        let stepX = x < xe ? 1 : -1, stepY = y < ye ? 1 : -1
        var err = dx + dy, k = 0
        while true {
            switch style {
            case .solid: set(x, y, c, m)
            case .dashed: if k % 6 < 4 { set(x, y, c, m) }
            case .dotted: if k % 3 == 0 { set(x, y, c, m) }
            }
            k += 1
            if x == xe && y == ye { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += stepX }
            if e2 <= dx { err += dx; y += stepY }
        }
    }

    /// Liang–Barsky clip of a segment to the dot rectangle (so far-off points cost nothing).
    private func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> ((Double, Double), (Double, Double))? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
        let xmax = Double(dotsW) - 0.001, ymax = Double(dotsH) - 0.001
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0), (dx, xmax - x0), (-dy, y0), (dy, ymax - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
    }

    /// Sets the shade level (1…levels) of cell `(cx, cy)`, drawn where no dots are.
    mutating func fill(_ cx: Int, _ cy: Int, level: UInt8, _ c: Color?) {
        guard cx >= 0, cy >= 0, cx < cols, cy < rows else { return }
        shade[cy * cols + cx] = level
        shadeColor[cy * cols + cx] = c
    }

    /// Cell `(cx, cy)` as a character and colour, or nil when empty.
    func cell(_ cx: Int, _ cy: Int, shades: [Unicode.Scalar]) -> (Unicode.Scalar, Color?)? {
        let i = cy * cols + cx
        if let g = glyphs[i] { return (g, color[i]) }
        if bits[i] != 0 {
            if unicode { return (Unicode.Scalar(0x2800 + UInt32(bits[i])) ?? "?", color[i]) }
            return (Unicode.Scalar(marker[i]), color[i])
        }
        let s = Int(shade[i])
        if s > 0, s < shades.count { return (shades[s], shadeColor[i]) }
        return nil
    }
}
