import SGPData
import SGPPlot

// `plot(d)` and `save(d, path)` for datasets, through the plot area's protocols.

extension DatasetValue: PlottableValue, SavableValue {
    /// A scatter of the states: dimensions `dims` (default the first two; with one state dimension, x against u).
    public func makeFigure(_ options: PlotOptions) throws -> Figure {
        let d = dataset, dx = d.stateDim, n = d.count
        guard n > 0 else { throw RuntimeError("plot: the dataset is empty, nothing to plot") }
        let dims = options.dims ?? (dx >= 2 ? [0, 1] : [0])
        guard dims.count == 2 || (dims.count == 1 && d.actionDim >= 1) else {
            throw RuntimeError("plot: dims= must name two state dimensions of a dataset, got \(dims)")
        }
        for j in dims where j < 0 || j >= dx {
            throw RuntimeError("plot: state dimension \(j) is out of range for a dataset with state_dim \(dx)")
        }
        let px = d.x.storage.f32, pu = d.u.storage.f32, du = d.actionDim
        let xs = (0..<n).map { Double(px[$0 * dx + dims[0]]) }
        let ys = dims.count == 2 ? (0..<n).map { Double(px[$0 * dx + dims[1]]) } : (0..<n).map { Double(pu[$0 * du]) }
        var fig = Figure()
        var ax = Axes(title: options.title ?? "\(d.source) (N=\(n))", xlabel: options.xlabel ?? "x[\(dims[0])]",
                      ylabel: options.ylabel ?? (dims.count == 2 ? "x[\(dims[1])]" : "u[0]"))
        do { try ax.scatter(xs, ys, label: options.label, color: options.color) } catch let e as PlotError {
            throw RuntimeError(e.description)
        }
        fig.ax = ax
        return fig
    }

    /// Writes the dataset like `save_dataset` (format from the extension; `path` is already sandbox-checked).
    public func save(to path: String) throws { try DatasetIO.save(dataset, to: path) }
}
