import Foundation

/// Shape and option checks shared by the `Axes` builders and the renderers.
enum Validation {
    /// Largest histogram bin count; more bins than pixels only slows rendering.
    static let maxBins = 10_000
    /// Figure sizes accepted by the SVG renderer (px).
    static let minFigureSize = 16, maxFigureSize = 10_000

    static func check(_ s: Series, index: Int) throws {
        let name = s.name(index: index)
        switch s {
        case let .line(x, y, _, _, _, width):
            try same(name, "x", x.count, "y", y.count)
            if y.isEmpty { throw PlotError.emptyData(series: name) }
            try option(name, "width", width)
        case let .scatter(x, y, _, size, _, alpha):
            try same(name, "x", x.count, "y", y.count)
            if y.isEmpty { throw PlotError.emptyData(series: name) }
            try option(name, "size", size)
            try option(name, "alpha", alpha)
        case let .quiver(x, y, u, v, _, _):
            try same(name, "x", x.count, "y", y.count)
            try same(name, "x", x.count, "u", u.count)
            try same(name, "x", x.count, "v", v.count)
            if x.isEmpty { throw PlotError.emptyData(series: name) }
        case let .heatmap(grid, xr, yr, _, _, _):
            try rectangular(name, grid, minimum: 1)
            try limits("\(name) x range", xr)
            try limits("\(name) y range", yr)
        case let .contour(grid, xr, yr, _, _, _):
            try rectangular(name, grid, minimum: 2)
            try limits("\(name) x range", xr)
            try limits("\(name) y range", yr)
        case let .hist(values, bins, _, _):
            if values.isEmpty { throw PlotError.emptyData(series: name) }
            guard bins >= 1, bins <= maxBins else { throw PlotError.badBinCount(series: name, bins: bins) }
        case let .bar(labels, values, errors, _, _):
            try same(name, "labels", labels.count, "values", values.count)
            if values.isEmpty { throw PlotError.emptyData(series: name) }
            if let errors {
                try same(name, "values", values.count, "errors", errors.count)
                for e in errors where !(e >= 0) && !e.isNaN { try option(name, "error", e) }
            }
        case .hline, .vline, .text:
            break
        }
    }

    static func check(_ axes: Axes) throws {
        if let xl = axes.xlim {
            try limits("x limits", xl)
            if axes.xlog, xl.lower <= 0 { throw PlotError.nonPositiveLogLimits(axis: "x", lower: xl.lower, upper: xl.upper) }
        }
        if let yl = axes.ylim {
            try limits("y limits", yl)
            if axes.ylog, yl.lower <= 0 { throw PlotError.nonPositiveLogLimits(axis: "y", lower: yl.lower, upper: yl.upper) }
        }
        for (i, s) in axes.series.enumerated() { try check(s, index: i) }
    }

    static func check(_ fig: Figure) throws {
        guard fig.width >= minFigureSize, fig.height >= minFigureSize, fig.width <= maxFigureSize,
              fig.height <= maxFigureSize else {
            throw PlotError.badSize(width: fig.width, height: fig.height, minimumWidth: minFigureSize,
                                    minimumHeight: minFigureSize)
        }
        guard fig.rows >= 1, fig.cols >= 1, fig.axes.count == fig.rows * fig.cols else {
            throw PlotError.badSubplotGrid(rows: fig.rows, cols: fig.cols, axes: fig.axes.count)
        }
        for a in fig.axes { try check(a) }
    }

    private static func same(_ name: String, _ a: String, _ na: Int, _ b: String, _ nb: Int) throws {
        if na != nb { throw PlotError.lengthMismatch(series: name, first: a, firstCount: na, second: b, secondCount: nb) }
    }

    private static func option(_ name: String, _ option: String, _ v: Double) throws {
        if !v.isFinite || v < 0 { throw PlotError.badOption(series: name, option: option, value: v) }
    }

    private static func limits(_ what: String, _ l: Limits) throws {
        guard l.lower.isFinite, l.upper.isFinite, l.lower < l.upper else {
            throw PlotError.badLimits(what: what, lower: l.lower, upper: l.upper)
        }
    }

    private static func rectangular(_ name: String, _ grid: [[Double]], minimum: Int) throws {
        guard let first = grid.first, !first.isEmpty else { throw PlotError.emptyData(series: name) }
        for (r, row) in grid.enumerated() where row.count != first.count {
            throw PlotError.nonRectangularGrid(series: name, row: r, expected: first.count, found: row.count)
        }
        if grid.count < minimum || first.count < minimum {
            throw PlotError.gridTooSmall(series: name, rows: grid.count, cols: first.count, minimum: minimum)
        }
    }
}
