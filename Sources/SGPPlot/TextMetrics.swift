import Foundation

/// Width estimates for sans-serif text, used to keep tick labels apart and to size margins and the legend.
///
/// Widths are em fractions of Helvetica/Arial glyphs, rounded; a few percent off is fine because every use
/// leaves a gap.
enum TextMetrics {
    static func width(_ s: String, size: Double) -> Double {
        var w = 0.0
        for ch in s.unicodeScalars {
            w += em(ch)
        }
        return w * size
    }

    private static func em(_ c: Unicode.Scalar) -> Double {
        switch c {
        case "0"..."9": return 0.556
        case ".", ",", ":", ";", "i", "j", "l", "'", "!", "|": return 0.26
        case " ", "f", "t", "r", "(", ")", "[", "]", "-": return 0.33
        case "m", "w", "M", "W", "%", "@": return 0.86
        case "A"..."Z": return 0.68
        case "a"..."z": return 0.52
        default: return c.value < 0x2E80 ? 0.6 : 1.0
        }
    }
}
