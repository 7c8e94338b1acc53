import Foundation

/// How a line is stroked.
public enum LineStyle: String, Sendable, Equatable, CaseIterable {
    /// A continuous stroke.
    case solid
    /// Long dashes.
    case dashed
    /// Short dots.
    case dotted
}

/// A closed interval `lower…upper` for axis limits and grid extents; checked at validation, never trapping.
public struct Limits: Sendable, Equatable {
    /// The low end.
    public var lower: Double
    /// The high end.
    public var upper: Double

    /// Makes an interval; `lower < upper` is checked when the figure is validated.
    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `upper - lower`.
    public var span: Double { upper - lower }
}

/// One thing drawn on an `Axes`. Data are plain `[Double]`; non-finite points are skipped and counted.
///
/// Grids (`heatmap`, `contour`) are `grid[row][col]`: rows run along y (row 0 at `yRange.lower`), columns along x
/// (column 0 at `xRange.lower`); each value is the centre of its cell. Quiver arrows point along `(u, v)` in data
/// units and are scaled together so that the longest arrow spans 90 % of one grid cell (see docs/PLOTS.md).
public enum Series: Sendable, Equatable {
    /// A polyline through `(x[i], y[i])`; a NaN point breaks the line.
    case line(x: [Double], y: [Double], label: String? = nil, style: LineStyle = .solid, color: Color? = nil,
              width: Double = 1.5)
    /// Dots at `(x[i], y[i])` of radius `size` px.
    case scatter(x: [Double], y: [Double], label: String? = nil, size: Double = 2.5, color: Color? = nil,
                 alpha: Double = 0.8)
    /// Arrows from `(x[i], y[i])` along `(u[i], v[i])`.
    case quiver(x: [Double], y: [Double], u: [Double], v: [Double], label: String? = nil, color: Color? = nil)
    /// Colour-coded cells of `grid` spanning `xRange × yRange`.
    case heatmap(grid: [[Double]], xRange: Limits, yRange: Limits, colormap: Colormap = .viridis,
                 colorbar: Bool = true, label: String? = nil)
    /// Iso-lines of `grid` (marching squares) at `levels`; empty levels pick about 7 nice values. Lines are
    /// coloured by level (viridis, with a colour bar), or black/white for contrast over a heatmap.
    case contour(grid: [[Double]], xRange: Limits, yRange: Limits, levels: [Double] = [], colorbar: Bool = true,
                 label: String? = nil)
    /// A histogram of `values` in `bins` equal-width bins.
    case hist(values: [Double], bins: Int = 20, label: String? = nil, color: Color? = nil)
    /// Categorical bars with optional ± error bars (e.g. mean ± std over seeds).
    case bar(labels: [String], values: [Double], errors: [Double]? = nil, label: String? = nil, color: Color? = nil)
    /// A horizontal reference line at `y` across the whole axes.
    case hline(y: Double, label: String? = nil, style: LineStyle = .dashed, color: Color? = nil)
    /// A vertical reference line at `x` across the whole axes.
    case vline(x: Double, label: String? = nil, style: LineStyle = .dashed, color: Color? = nil)
    /// A text annotation whose left end sits at `(x, y)` in data units.
    case text(x: Double, y: Double, text: String, size: Double = 11, color: Color? = nil)

    /// The series' kind as used in messages ("line", "scatter", …).
    public var kind: String {
        switch self {
        case .line: return "line"
        case .scatter: return "scatter"
        case .quiver: return "quiver"
        case .heatmap: return "heatmap"
        case .contour: return "contour"
        case .hist: return "hist"
        case .bar: return "bar"
        case .hline: return "hline"
        case .vline: return "vline"
        case .text: return "text"
        }
    }

    /// The legend label, if any.
    public var label: String? {
        switch self {
        case .line(_, _, let l, _, _, _), .scatter(_, _, let l, _, _, _), .quiver(_, _, _, _, let l, _): return l
        case .heatmap(_, _, _, _, _, let l), .contour(_, _, _, _, _, let l): return l
        case .hist(_, _, let l, _), .bar(_, _, _, let l, _): return l
        case .hline(_, let l, _, _), .vline(_, let l, _, _): return l
        case .text: return nil
        }
    }

    /// How messages name this series: `line 'loss'` or `line #2` (1-based position in its axes).
    func name(index: Int) -> String {
        if let label, !label.isEmpty { return "\(kind) '\(label)'" }
        return "\(kind) #\(index + 1)"
    }
}
