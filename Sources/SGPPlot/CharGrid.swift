import Foundation

/// A rectangle of terminal cells, each a Unicode scalar with an optional colour; writes outside are dropped.
struct CharGrid {
    let width: Int
    let height: Int
    private(set) var cells: [Unicode.Scalar]
    private(set) var colors: [Color?]
    /// Replace non-ASCII characters (from titles and labels) with "?" for terminals that are not UTF-8.
    let asciiOnly: Bool

    init(width: Int, height: Int, asciiOnly: Bool = false) {
        self.asciiOnly = asciiOnly
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: " ", count: self.width * self.height)
        colors = Array(repeating: nil, count: self.width * self.height)
    }

    mutating func put(_ x: Int, _ y: Int, _ s: Unicode.Scalar, _ color: Color? = nil) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x] = asciiOnly && !s.isASCII ? "?" : s
        colors[y * width + x] = color
    }

    /// Writes `text` from `(x, y)` rightwards, clipped at the grid edge; returns the column after it.
    @discardableResult
    mutating func write(_ x: Int, _ y: Int, _ text: String, _ color: Color? = nil) -> Int {
        var cx = x
        for s in text.unicodeScalars {
            put(cx, y, s.value < 0x20 ? "?" : s, color)
            cx += 1
        }
        return cx
    }

    /// `text` centred in `x ..< x + w`, shortened with "…" (or "~" in ASCII) when too long.
    mutating func centred(_ x: Int, _ w: Int, _ y: Int, _ text: String, unicode: Bool) {
        let t = fit(text, w, unicode: unicode)
        write(x + max(0, (w - t.unicodeScalars.count) / 2), y, t)
    }

    func fit(_ text: String, _ w: Int, unicode: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > w, w > 0 else { return w > 0 ? text : "" }
        var s = String(String.UnicodeScalarView(scalars.prefix(w - 1)))
        s += unicode ? "…" : "~"
        return s
    }

    /// The grid as lines (trailing spaces trimmed), colour as 24-bit ANSI escapes when `color` is set.
    func render(color: Bool) -> String {
        var out = String.UnicodeScalarView()
        for y in 0..<height {
            var end = width
            while end > 0, cells[y * width + end - 1] == " " { end -= 1 }
            var current: Color? = nil
            for x in 0..<end {
                let i = y * width + x
                if color, colors[i] != current, cells[i] != " " || colors[i] == nil {
                    if let c = colors[i] {
                        out.append(contentsOf: "\u{1B}[38;2;\(c.r);\(c.g);\(c.b)m".unicodeScalars)
                    } else {
                        out.append(contentsOf: "\u{1B}[0m".unicodeScalars)
                    }
                    current = colors[i]
                }
                out.append(cells[i])
            }
            if color, current != nil { out.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
            out.append("\n")
        }
        return String(out)
    }
}
