import Foundation

/// A figure: a `rows × cols` grid of `Axes` (row-major), a pixel size and an optional overall title.
///
/// `width`/`height` are SVG pixels; the terminal renderer takes its own size in characters.
public struct Figure: Sendable, Equatable {
    /// Width in px (default 640).
    public var width: Int
    /// Height in px (default 420).
    public var height: Int
    /// Title over the whole figure.
    public var suptitle: String?
    /// Number of subplot rows.
    public private(set) var rows: Int
    /// Number of subplot columns.
    public private(set) var cols: Int
    /// The axes, row-major; `axes.count == rows * cols`.
    public var axes: [Axes]

    /// The default figure size (px), chosen to read well inline in a notebook and in a 700 px browser column.
    public static let defaultSize = (width: 640, height: 420)

    /// A figure with one empty axes.
    public init(width: Int = Figure.defaultSize.width, height: Int = Figure.defaultSize.height,
                suptitle: String? = nil) {
        self.width = width
        self.height = height
        self.suptitle = suptitle
        self.rows = 1
        self.cols = 1
        self.axes = [Axes()]
    }

    /// A figure with a `rows × cols` grid of empty axes; the default size grows with the grid.
    public static func subplots(rows: Int, cols: Int, width: Int? = nil, height: Int? = nil,
                                suptitle: String? = nil) throws -> Figure {
        guard rows >= 1, cols >= 1, rows <= 16, cols <= 16 else {
            throw PlotError.badSubplotGrid(rows: rows, cols: cols, axes: 0)
        }
        var fig = Figure(width: width ?? min(1600, 80 + 380 * cols), height: height ?? min(1600, 40 + 300 * rows),
                         suptitle: suptitle)
        fig.rows = rows
        fig.cols = cols
        fig.axes = Array(repeating: Axes(), count: rows * cols)
        return fig
    }

    /// The first (for a 1×1 figure, the only) axes.
    public var ax: Axes {
        get { axes.first ?? Axes() }
        set {
            if axes.isEmpty { axes = [newValue] } else { axes[0] = newValue }
        }
    }

    /// The axes at `(row, col)`, 0-based.
    public func axes(row: Int, col: Int) throws -> Axes {
        let i = try index(row: row, col: col)
        return axes[i]
    }

    /// Edits the axes at `(row, col)` in place.
    public mutating func update(row: Int, col: Int, _ body: (inout Axes) throws -> Void) throws {
        let i = try index(row: row, col: col)
        try body(&axes[i])
    }

    private func index(row: Int, col: Int) throws -> Int {
        guard row >= 0, row < rows, col >= 0, col < cols, row * cols + col < axes.count else {
            throw PlotError.axesOutOfRange(row: row, col: col, rows: rows, cols: cols)
        }
        return row * cols + col
    }
}
