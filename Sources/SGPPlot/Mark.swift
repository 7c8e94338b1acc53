import Foundation

/// A drawing primitive in data coordinates: every `Series` is lowered into marks, and both renderers draw marks.
struct Mark: Sendable {
    enum Kind: Sendable {
        /// One unbroken run of a line (NaNs split a series into several runs).
        case polyline(xs: [Double], ys: [Double], width: Double, style: LineStyle)
        /// Dots of radius `size` px.
        case points(xs: [Double], ys: [Double], size: Double, alpha: Double)
        /// Arrows; `cellX`/`cellY` are the estimated grid spacing in data units used for scaling.
        case arrows(xs: [Double], ys: [Double], us: [Double], vs: [Double], cellX: Double, cellY: Double)
        /// A colour-coded grid; non-finite cells stay NaN and are left blank.
        case grid(values: [[Double]], xRange: Limits, yRange: Limits, colormap: Colormap, vmin: Double, vmax: Double)
        /// Line segments, four numbers each (x0, y0, x1, y1).
        case segments(coords: [Double], width: Double)
        /// Filled rectangles, four numbers each (x0, y0, x1, y1).
        case rects(coords: [Double], alpha: Double)
        /// Vertical error bars from `lows[i]` to `highs[i]` at `xs[i]`, caps `cap` data units wide.
        case errorbars(xs: [Double], lows: [Double], highs: [Double], cap: Double)
        /// A horizontal line across the axes.
        case hline(y: Double, style: LineStyle)
        /// A vertical line across the axes.
        case vline(x: Double, style: LineStyle)
        /// Text anchored at its left end.
        case text(x: Double, y: Double, text: String, size: Double)
    }

    var kind: Kind
    var color: Color
}

/// One row of a legend.
struct LegendEntry: Sendable {
    enum Symbol: Sendable { case line(LineStyle), marker, patch }
    var label: String
    var color: Color
    var symbol: Symbol
}

/// An axes after validation and lowering: finite data as marks, resolved limits, legend rows and notes.
struct PreparedAxes: Sendable {
    var axes: Axes
    var marks: [Mark] = []
    var legend: [LegendEntry] = []
    var xLimits = Limits(0, 1)
    var yLimits = Limits(0, 1)
    /// Tick labels for a categorical x axis (bar charts): position and text.
    var categories: [(position: Double, label: String)]? = nil
    /// The colour scale of the first heatmap that asked for a colour bar.
    var colorbar: (colormap: Colormap, limits: Limits)? = nil
    /// Points dropped because a coordinate was NaN or infinite.
    var skippedNonFinite = 0
    /// Points dropped because they were not positive on a log axis.
    var skippedLog = 0

    /// Notes about skipped data, in one voice.
    var notes: [String] {
        var out: [String] = []
        if skippedNonFinite > 0 {
            out.append("\(skippedNonFinite) NaN/Inf point\(skippedNonFinite == 1 ? "" : "s") skipped")
        }
        if skippedLog > 0 {
            out.append("\(skippedLog) non-positive point\(skippedLog == 1 ? "" : "s") skipped on a log axis")
        }
        return out
    }
}
