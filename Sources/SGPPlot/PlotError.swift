import Foundation

/// Why a figure cannot be drawn. Data only; `description` renders it in the project's voice.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two arrays of one series differ in length.
    case lengthMismatch(series: String, first: String, firstCount: Int, second: String, secondCount: Int)
    /// A series has no data at all.
    case emptyData(series: String)
    /// A grid row has a different length from row 0.
    case nonRectangularGrid(series: String, row: Int, expected: Int, found: Int)
    /// A grid is smaller than the series needs (contours need 2×2).
    case gridTooSmall(series: String, rows: Int, cols: Int, minimum: Int)
    /// Axis limits or a grid range with `lower >= upper` or a non-finite end.
    case badLimits(what: String, lower: Double, upper: Double)
    /// Limits of a log axis that are not both positive.
    case nonPositiveLogLimits(axis: String, lower: Double, upper: Double)
    /// A histogram bin count outside 1…10000.
    case badBinCount(series: String, bins: Int)
    /// A subplot grid shape that is not at least 1×1, or axes count that does not match it.
    case badSubplotGrid(rows: Int, cols: Int, axes: Int)
    /// A subplot position outside the grid.
    case axesOutOfRange(row: Int, col: Int, rows: Int, cols: Int)
    /// A figure size outside 16…10000 px (SVG) or a terminal size too small to draw in.
    case badSize(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int)
    /// `save` was asked for a file type it cannot write.
    case unsupportedFormat(path: String)
    /// The file could not be written.
    case writeFailed(path: String, reason: String)
    /// A non-finite or negative numeric option (line width, marker size, alpha, error bar).
    case badOption(series: String, option: String, value: Double)

    /// The message: lowercase, no trailing period, naming the culprit and both sizes where there are two.
    public var description: String {
        switch self {
        case let .lengthMismatch(s, a, na, b, nb):
            return "\(s): \(a) has \(na) values but \(b) has \(nb)"
        case let .emptyData(s):
            return "\(s): no data to plot"
        case let .nonRectangularGrid(s, row, expected, found):
            return "\(s): grid is not rectangular (row 0 has \(expected) values but row \(row) has \(found))"
        case let .gridTooSmall(s, rows, cols, minimum):
            return "\(s): grid is \(rows)×\(cols) but needs at least \(minimum)×\(minimum)"
        case let .badLimits(what, lo, hi):
            return "\(what) must be finite with lower < upper, got [\(fmt(lo)), \(fmt(hi))]"
        case let .nonPositiveLogLimits(axis, lo, hi):
            return "\(axis) limits of a log axis must be positive, got [\(fmt(lo)), \(fmt(hi))]"
        case let .badBinCount(s, bins):
            return "\(s): bins must be between 1 and 10000, got \(bins)"
        case let .badSubplotGrid(rows, cols, axes):
            return "subplot grid \(rows)×\(cols) needs rows, cols ≥ 1 and \(max(rows, 0) * max(cols, 0)) axes, got \(axes)"
        case let .axesOutOfRange(row, col, rows, cols):
            return "subplot (\(row), \(col)) is outside the \(rows)×\(cols) grid"
        case let .badSize(w, h, mw, mh):
            return "figure size \(w)×\(h) is too small or too large (at least \(mw)×\(mh))"
        case let .unsupportedFormat(path):
            return "cannot save '\(path)': use a .svg or .txt file name"
        case let .writeFailed(path, reason):
            return "cannot write '\(path)': \(reason.lowercased())"
        case let .badOption(s, option, value):
            return "\(s): \(option) must be finite and non-negative, got \(fmt(value))"
        }
    }
}

private func fmt(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
}
