import Foundation

/// One plotting area: its series plus title, labels, limits, log scales and legend switch.
///
/// The builder methods (`plot`, `scatter`, …) check their input at once and throw `PlotError`, so a script learns
/// about a mismatched length at the call that caused it; renderers validate again because fields are public.
public struct Axes: Sendable, Equatable {
    /// Title drawn above the axes.
    public var title: String?
    /// Label under the x axis.
    public var xlabel: String?
    /// Label beside the y axis.
    public var ylabel: String?
    /// Fixed x limits; nil fits the data.
    public var xlim: Limits?
    /// Fixed y limits; nil fits the data.
    public var ylim: Limits?
    /// Logarithmic x axis (non-positive x values are skipped and counted).
    public var xlog: Bool
    /// Logarithmic y axis (non-positive y values are skipped and counted).
    public var ylog: Bool
    /// Whether labelled series get a legend box.
    public var legend: Bool
    /// The series, drawn in order (later on top).
    public var series: [Series]

    /// An empty axes with no title, fitted limits, linear scales and the legend on.
    public init(title: String? = nil, xlabel: String? = nil, ylabel: String? = nil, xlim: Limits? = nil,
                ylim: Limits? = nil, xlog: Bool = false, ylog: Bool = false, legend: Bool = true,
                series: [Series] = []) {
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.xlim = xlim
        self.ylim = ylim
        self.xlog = xlog
        self.ylog = ylog
        self.legend = legend
        self.series = series
    }

    /// Appends a series after checking it.
    public mutating func add(_ s: Series) throws {
        try Validation.check(s, index: series.count)
        series.append(s)
    }

    /// A line of `y` against 0, 1, 2, ….
    public mutating func plot(_ y: [Double], label: String? = nil, style: LineStyle = .solid, color: Color? = nil,
                              width: Double = 1.5) throws {
        try add(.line(x: (0..<y.count).map(Double.init), y: y, label: label, style: style, color: color, width: width))
    }

    /// A line of `y` against `x`.
    public mutating func plot(_ x: [Double], _ y: [Double], label: String? = nil, style: LineStyle = .solid,
                              color: Color? = nil, width: Double = 1.5) throws {
        try add(.line(x: x, y: y, label: label, style: style, color: color, width: width))
    }

    /// Dots at `(x[i], y[i])`.
    public mutating func scatter(_ x: [Double], _ y: [Double], label: String? = nil, size: Double = 2.5,
                                 color: Color? = nil, alpha: Double = 0.8) throws {
        try add(.scatter(x: x, y: y, label: label, size: size, color: color, alpha: alpha))
    }

    /// Arrows from `(x[i], y[i])` along `(u[i], v[i])`.
    public mutating func quiver(_ x: [Double], _ y: [Double], _ u: [Double], _ v: [Double], label: String? = nil,
                                color: Color? = nil) throws {
        try add(.quiver(x: x, y: y, u: u, v: v, label: label, color: color))
    }

    /// Colour-coded cells of `grid[row][col]` over `xRange × yRange` (row 0 at the bottom).
    public mutating func heatmap(_ grid: [[Double]], xRange: Limits, yRange: Limits, colormap: Colormap = .viridis,
                                 colorbar: Bool = true, label: String? = nil) throws {
        try add(.heatmap(grid: grid, xRange: xRange, yRange: yRange, colormap: colormap, colorbar: colorbar,
                         label: label))
    }

    /// Iso-lines of `grid[row][col]` at `levels` (empty: about 7 nice levels).
    public mutating func contour(_ grid: [[Double]], xRange: Limits, yRange: Limits, levels: [Double] = [],
                                 colorbar: Bool = true, label: String? = nil) throws {
        try add(.contour(grid: grid, xRange: xRange, yRange: yRange, levels: levels, colorbar: colorbar, label: label))
    }

    /// A histogram of `values` in `bins` equal-width bins.
    public mutating func hist(_ values: [Double], bins: Int = 20, label: String? = nil, color: Color? = nil) throws {
        try add(.hist(values: values, bins: bins, label: label, color: color))
    }

    /// Categorical bars with optional ± error bars.
    public mutating func bar(_ labels: [String], _ values: [Double], errors: [Double]? = nil, label: String? = nil,
                             color: Color? = nil) throws {
        try add(.bar(labels: labels, values: values, errors: errors, label: label, color: color))
    }

    /// A horizontal reference line.
    public mutating func hline(_ y: Double, label: String? = nil, style: LineStyle = .dashed,
                               color: Color? = nil) throws {
        try add(.hline(y: y, label: label, style: style, color: color))
    }

    /// A vertical reference line.
    public mutating func vline(_ x: Double, label: String? = nil, style: LineStyle = .dashed,
                               color: Color? = nil) throws {
        try add(.vline(x: x, label: label, style: style, color: color))
    }

    /// A text annotation at `(x, y)` in data units.
    public mutating func text(_ x: Double, _ y: Double, _ text: String, size: Double = 11,
                              color: Color? = nil) throws {
        try add(.text(x: x, y: y, text: text, size: size, color: color))
    }
}
