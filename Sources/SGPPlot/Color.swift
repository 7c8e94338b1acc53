import Foundation

/// An opaque sRGB colour with 8-bit channels.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    /// Red channel, 0–255.
    public var r: UInt8
    /// Green channel, 0–255.
    public var g: UInt8
    /// Blue channel, 0–255.
    public var b: UInt8

    /// Makes a colour from its three channels.
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#rrggbb` or `rrggbb`; nil when the text is not a six-digit hex colour.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(r: UInt8((value >> 16) & 0xff), g: UInt8((value >> 8) & 0xff), b: UInt8(value & 0xff))
    }

    /// The colour as lowercase `#rrggbb`.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [r, g, b] {
            s.append(digits[Int(c >> 4)])
            s.append(digits[Int(c & 15)])
        }
        return s
    }

    /// Same as `hex`.
    public var description: String { hex }

    /// Whether black text would be hard to read on this colour (relative luminance below 0.4).
    var isDark: Bool { 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b) < 0.4 * 255 }

    /// Linear blend towards `other` by `t` in [0, 1].
    func mixed(with other: Color, _ t: Double) -> Color {
        let t = min(max(t, 0), 1)
        func m(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * (1 - t) + Double(b) * t).rounded()) }
        return Color(r: m(r, other.r), g: m(g, other.g), b: m(b, other.b))
    }

    /// The Okabe–Ito colour-blind-safe palette, ordered so that the first colours have the most contrast on white
    /// (yellow, the weakest on white, comes last but one).
    public static let palette: [Color] = [
        Color(r: 0x00, g: 0x72, b: 0xB2),  // blue
        Color(r: 0xD5, g: 0x5E, b: 0x00),  // vermillion
        Color(r: 0x00, g: 0x9E, b: 0x73),  // bluish green
        Color(r: 0xCC, g: 0x79, b: 0xA7),  // reddish purple
        Color(r: 0xE6, g: 0x9F, b: 0x00),  // orange
        Color(r: 0x56, g: 0xB4, b: 0xE9),  // sky blue
        Color(r: 0xF0, g: 0xE4, b: 0x42),  // yellow
        Color(r: 0x00, g: 0x00, b: 0x00),  // black
    ]

    /// The `index`-th palette colour, wrapping around.
    public static func cycle(_ index: Int) -> Color { palette[((index % palette.count) + palette.count) % palette.count] }

    static let black = Color(r: 0, g: 0, b: 0)
    static let white = Color(r: 255, g: 255, b: 255)
    static let axisGray = Color(r: 0x44, g: 0x44, b: 0x44)
    static let gridGray = Color(r: 0xe5, g: 0xe5, b: 0xe5)
    static let noteGray = Color(r: 0x66, g: 0x66, b: 0x66)
}

/// A map from [0, 1] to colours for heatmaps and contours.
public enum Colormap: String, Sendable, Equatable, CaseIterable {
    /// Perceptually uniform dark-purple → yellow (matplotlib's viridis, sampled at 9 stops).
    case viridis
    /// Light-to-dark single hue, readable in grey scale.
    case grays

    /// The colour for `t` in [0, 1]; values outside are clamped, NaN gives the lowest colour.
    public func color(_ t: Double) -> Color {
        let stops = self.stops
        let t = t.isNaN ? 0 : min(max(t, 0), 1)
        let x = t * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], x - Double(i))
    }

    private var stops: [Color] {
        switch self {
        case .viridis: return Colormap.viridisStops
        case .grays: return [Color(r: 0xf7, g: 0xf7, b: 0xf7), Color(r: 0x25, g: 0x25, b: 0x25)]
        }
    }

    // viridis at t = 0, 1/8, …, 1.
    private static let viridisStops: [Color] = [
        "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725",
    ].compactMap { Color(hex: $0) }
}
