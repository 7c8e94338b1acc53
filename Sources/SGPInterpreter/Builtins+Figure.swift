import Foundation
import SGPPlot

extension BuiltinRegistry {
    /// `subplots` (compose figures into a grid) and `save` (figures, and any other `SavableValue` such as models).
    /// `show(fig)` is the core `show`, which hands figures to the host (see `InterpreterOptions.figureSink`).
    func registerFigures() {
        add("subplots", "plot", [.rest("figs", "figures"), .opt("cols", "integer", .number(2)), .opt("title", "string", .nil),
                                 .opt("width", "px (default grows with the grid)", .nil), .opt("height", "px", .nil)],
            "Composes figures into one grid, row by row (`cols` per row); every axes of every figure becomes one cell.",
            example: "subplots(plot(losses), hist(returns), scatter(pts), cols=3, title=\"run 7\")") { a, _ in
            let items = try a.list("figs").items
            guard !items.isEmpty else { throw RuntimeError("subplots: give at least one figure", help: "subplots(plot(a), plot(b), cols=2)") }
            var axes: [Axes] = []
            for (i, v) in items.enumerated() {
                guard case .opaque(let o as FigureValue) = v else {
                    throw RuntimeError("subplots: argument \(i + 1) must be a figure, got \(v.typeName)")
                }
                // Empty cells that padded a composed grid are dropped, so grids of grids stay compact.
                for var ax in o.figure.axes where o.figure.axes.count == 1 || !(ax.series.isEmpty && ax.title == nil) {
                    // A one-axes figure's overall title becomes its cell's title, so it is not lost.
                    if o.figure.axes.count == 1, ax.title == nil { ax.title = o.figure.suptitle }
                    axes.append(ax)
                }
            }
            let cols = try a.int("cols")
            guard cols >= 1 else { throw RuntimeError("subplots: cols must be at least 1, got \(cols)") }
            let c = min(cols, axes.count), r = (axes.count + c - 1) / c
            guard r <= 16, c <= 16 else {
                throw RuntimeError("subplots: a \(r)×\(c) grid is too large (at most 16×16)")
            }
            let width = try a.optionalInt("width"), height = try a.optionalInt("height")
            var fig: Figure
            do { fig = try Figure.subplots(rows: r, cols: c, width: width, height: height, suptitle: try PlotArgs.string(a, "title")) } catch {
                throw RuntimeError("subplots: \(error)")
            }
            fig.axes = axes + Array(repeating: Axes(), count: r * c - axes.count)
            return .opaque(FigureValue(fig))
        }
        add("save", "files", [.req("value", "figure (or model)"), .req("path", "string")],
            "Writes a value to a file chosen by extension: figures as `.svg` or `.txt` (the ASCII rendering); models as their own formats. Written atomically; sandbox-checked.",
            example: "save(fig, \"loss.svg\")\nfig |> save(\"loss.txt\")") { a, ctx in
            let path = try a.string("path")
            guard case .opaque(let o) = a["value"], let s = o as? SavableValue else {
                throw RuntimeError("save: cannot save a \(a["value"].typeName) value",
                                   help: "save writes figures (.svg, .txt) and models; for text use write_text")
            }
            try s.save(to: try ctx.checkWrite(path))
            return .nil
        }
    }
}
