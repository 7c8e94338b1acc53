import Foundation
import SGPPlot

/// A figure as a script value: an immutable SGPPlot `Figure`. Plotting builtins return a new `FigureValue`
/// (overlays with `on=fig` copy the figure and add to the copy), so a figure bound to a name never changes.
public final class FigureValue: OpaqueValue, SavableValue {
    /// The figure drawn by the renderers.
    public let figure: Figure

    /// Wraps `figure`.
    public init(_ figure: Figure) { self.figure = figure }

    /// `figure`.
    public var typeName: String { "figure" }

    /// `figure(1×2 axes, 3 series)`.
    public var summary: String {
        let n = figure.axes.reduce(0) { $0 + $1.series.count }
        let title = figure.suptitle ?? (figure.axes.count == 1 ? figure.ax.title : nil)
        return "figure(\(figure.rows)×\(figure.cols) axes, \(n) series\(title.map { ", \"\($0)\"" } ?? ""))"
    }

    /// Fields scripts can read.
    public var fieldNames: [String] { ["rows", "cols", "series", "kinds", "title", "width", "height", "svg"] }

    /// `rows`, `cols`, `series` (count), `kinds` (series kinds in order), `title`, `width`, `height` (px) and
    /// `svg` (the rendering as text, without XML declaration).
    public func field(_ name: String) throws -> Value? {
        switch name {
        case "rows": return .int(figure.rows)
        case "cols": return .int(figure.cols)
        case "series": return .int(figure.axes.reduce(0) { $0 + $1.series.count })
        case "kinds": return .makeList(figure.axes.flatMap { $0.series.map { .string($0.kind) } })
        case "title": return (figure.suptitle ?? figure.ax.title).map { .string($0) } ?? .nil
        case "width": return .int(figure.width)
        case "height": return .int(figure.height)
        case "svg": return .string(try svg())
        default: return nil
        }
    }

    /// The SVG text; `xmlDeclaration: false` for inlining into HTML.
    public func svg(xmlDeclaration: Bool = false) throws -> String {
        do { return try SVGRenderer.render(figure, xmlDeclaration: xmlDeclaration) } catch {
            throw RuntimeError("cannot draw the figure: \(error)")
        }
    }

    /// A terminal rendering of `width × height` characters.
    public func text(width: Int, height: Int, unicode: Bool, color: Bool) throws -> String {
        do { return try TerminalRenderer.render(figure, width: width, height: height, unicode: unicode, color: color) } catch {
            throw RuntimeError("cannot draw the figure: \(error)")
        }
    }

    /// Writes `.svg` (standalone SVG) or `.txt` (the ASCII rendering) atomically.
    public func save(to path: String) throws {
        do { try figure.save(to: path) } catch let e as PlotError { throw RuntimeError(e.description) }
    }
}

/// A value that `save(value, path)` can write (figures; models, datasets and others conform in their areas).
/// `path` has already passed the sandbox check; write atomically and throw `RuntimeError` on failure.
public protocol SavableValue: OpaqueValue {
    /// Writes the value to `path`, choosing the format from the extension.
    func save(to path: String) throws
}

/// A value that knows how to draw itself: `plot(v)` calls `makeFigure` (plans, training histories, datasets,
/// schedules, MPC rollouts conform in their areas). The plot builtin applies the common keywords (`title=`,
/// `xlabel=`, `ylim=`, `logy=`, `on=` …) to the figure afterwards, so an implementation only needs to honour
/// what it can (`label`, `color`, `style`, `dims`).
public protocol PlottableValue: OpaqueValue {
    /// Draws the value; throw `RuntimeError` for values that cannot be plotted (e.g. an empty history).
    func makeFigure(_ options: PlotOptions) throws -> Figure
}

/// Options `plot(v, ...)` passes to a `PlottableValue`; nil means "not given".
public struct PlotOptions {
    /// `label=`: legend label of the main series.
    public var label: String?
    /// `style=`: line style.
    public var style: LineStyle?
    /// `color=`: series colour.
    public var color: Color?
    /// `width=`: line width in px.
    public var width: Double?
    /// `dims=`: which dimensions to show (e.g. a dataset's pairwise scatter).
    public var dims: [Int]?
    /// `title=`, `xlabel=`, `ylabel=` (applied by the builtin too; given here so a value can adapt).
    public var title: String?, xlabel: String?, ylabel: String?
    /// `logx=`, `logy=`.
    public var logx: Bool?, logy: Bool?
    /// No options.
    public init() {}
}
