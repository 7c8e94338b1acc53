import Foundation
import SGPPlot
import SGPTensor

extension BuiltinRegistry {
    /// `quiver`, `heatmap` and `contour`: fields given as arrays or as a function evaluated once on a grid of
    /// points (an [M, 2] tensor in, [M, 2] vectors or [M] values out), e.g. a score model on a 2-D slice.
    func registerPlotFields() {
        add("quiver", "plot", [.req("f", "function [M, 2] → [M, 2], or x positions"), .opt("y", "tensor or list", .nil),
                               .opt("u", "tensor or list", .nil), .opt("v", "tensor or list", .nil),
                               .opt("grid", "points per axis", .number(32)), .opt("level", "noise level passed to f", .nil),
                               .opt("label", "string", .nil), .opt("color", "name or #rrggbb", .nil)] + PlotArgs.common,
            "A vector field: `quiver(f, xlim=, ylim=, grid=32)` evaluates `f` once on grid × grid points (an [M, 2] tensor; `level=` is passed on, e.g. to a score model) and draws its [M, 2] output as arrows; `quiver(x, y, u, v)` draws given arrows. Arrows share one scale (the longest spans 0.9 of a grid cell).",
            example: "quiver(s, xlim=[-3, 3], ylim=[-3, 3], level=0)\nquiver(p -> -p, xlim=[-1, 1], ylim=[-1, 1], grid=12)") { a, ctx in
            let label = try PlotArgs.string(a, "label"), color = try PlotArgs.color(a)
            if a["y"].isNil, isCallable(a["f"]) {
                let xr = try PlotArgs.fieldRange(a, "xlim"), yr = try PlotArgs.fieldRange(a, "ylim")
                let n = try PlotArgs.gridCount(a, max: 200)
                let (px, py) = SampleGrid.points(xRange: xr, yRange: yr, cols: n, rows: n)
                let out = try evaluateField(a, ctx, px, py)
                let m = px.count
                guard out.shape == [m, 2] else {
                    throw RuntimeError("quiver: the field must map [\(m), 2] points to [\(m), 2] vectors, got \(out.shape)")
                }
                let flat = PlotArgs.doubles(out)
                let u = stride(from: 0, to: 2 * m, by: 2).map { flat[$0] }, v = stride(from: 1, to: 2 * m, by: 2).map { flat[$0] }
                return try PlotArgs.draw(a) { try $0.quiver(px, py, u, v, label: label, color: color) }
            }
            guard !a["y"].isNil, !a["u"].isNil, !a["v"].isNil else {
                throw RuntimeError("quiver: give a function f, or all of x, y, u and v", help: "usage: quiver(f, xlim=[-3, 3], ylim=[-3, 3]) or quiver(x, y, u, v)")
            }
            let x = try PlotArgs.vector(a, "f", as: "x"), y = try PlotArgs.vector(a, "y")
            let u = try PlotArgs.vector(a, "u"), v = try PlotArgs.vector(a, "v")
            try PlotArgs.sameLength(a, "x", x.count, "y", y.count)
            try PlotArgs.sameLength(a, "x", x.count, "u", u.count)
            try PlotArgs.sameLength(a, "x", x.count, "v", v.count)
            return try PlotArgs.draw(a) { try $0.quiver(x, y, u, v, label: label, color: color) }
        }
        add("heatmap", "plot", [.req("f", "function [M, 2] → [M], or a [rows, cols] grid"),
                                .opt("grid", "points per axis", .number(64)), .opt("level", "noise level passed to f", .nil),
                                .opt("colormap", "viridis or grays", .string("viridis")), .opt("colorbar", "bool", .bool(true)),
                                .opt("label", "string", .nil)] + PlotArgs.common,
            "Colour-coded values over a 2-D region: a function evaluated once on grid × grid points (xlim=, ylim= say where), or a [rows, cols] grid (row 0 at the bottom; it spans xlim/ylim, default 0…cols × 0…rows).",
            example: "heatmap(p -> -sum(p^2, axis=1), xlim=[-2, 2], ylim=[-2, 2])\nheatmap(randn([20, 30]), colormap=\"grays\")") { a, ctx in
            let (grid, xr, yr) = try fieldGrid(a, ctx)
            let cmapName = try a.string("colormap")
            guard let cmap = Colormap(rawValue: cmapName) else {
                let names = Colormap.allCases.map(\.rawValue)
                throw RuntimeError("heatmap: unknown colormap '\(cmapName)'", help: didYouMean(cmapName, names) ?? "use one of " + names.joined(separator: ", "))
            }
            let colorbar = try a.bool("colorbar"), label = try PlotArgs.string(a, "label")
            return try PlotArgs.draw(a) { try $0.heatmap(grid, xRange: xr, yRange: yr, colormap: cmap, colorbar: colorbar, label: label) }
        }
        add("contour", "plot", [.req("f", "function [M, 2] → [M], or a [rows, cols] grid"),
                                .opt("grid", "points per axis", .number(64)), .opt("level", "noise level passed to f", .nil),
                                .opt("levels", "number of levels, or a list of values", .number(10)),
                                .opt("colorbar", "bool", .bool(true)), .opt("label", "string", .nil)] + PlotArgs.common,
            "Iso-lines of a function over a 2-D region (evaluated once on grid × grid points) or of a [rows, cols] grid; `levels=` is a count (evenly spaced inside the value range) or the values. Over a heatmap (`on=`) lines are black or white for contrast.",
            example: "fig = heatmap(logp, xlim=[-3, 3], ylim=[-3, 3])\ncontour(logp, xlim=[-3, 3], ylim=[-3, 3], levels=[-4, -2, -1], on=fig)") { a, ctx in
            let (grid, xr, yr) = try fieldGrid(a, ctx)
            let levels: [Double]
            switch a["levels"] {
            case .number:
                let k = try a.int("levels")
                guard k >= 1, k <= 100 else { throw RuntimeError("contour: levels must be between 1 and 100, got \(k)") }
                let finite = grid.joined().filter { $0.isFinite }
                guard let lo = finite.min(), let hi = finite.max(), hi > lo else {
                    throw RuntimeError("contour: the values are constant or not finite, there are no iso-lines to draw")
                }
                levels = (1...k).map { lo + (hi - lo) * Double($0) / Double(k + 1) }
            default:
                levels = try PlotArgs.vector(a, "levels")
            }
            let colorbar = try a.bool("colorbar"), label = try PlotArgs.string(a, "label")
            return try PlotArgs.draw(a) { try $0.contour(grid, xRange: xr, yRange: yr, levels: levels, colorbar: colorbar, label: label) }
        }
    }
}

/// Functions, builtins and callable opaque values (score models, dynamics) — not data.
private func isCallable(_ v: Value) -> Bool {
    switch v {
    case .function, .builtin: return true
    case .opaque(let o): return !(o is FigureValue)
    default: return false
    }
}

/// Calls `f` once on the points (an [M, 2] Float32 tensor), passing `level=` when given.
private func evaluateField(_ a: Arguments, _ ctx: CallContext, _ px: [Double], _ py: [Double]) throws -> Tensor {
    let m = px.count
    let s = TensorStorage(uninitializedCount: 2 * m, dtype: .float32)
    for i in 0..<m {
        s.f32[2 * i] = Float(px[i])
        s.f32[2 * i + 1] = Float(py[i])
    }
    let points = Tensor(shape: [m, 2], storage: s)
    let level = a["level"]
    let out = try ctx.call(a["f"], [.tensor(points)], keywords: level.isNil ? [] : [("level", level)])
    guard let t = try out.asTensor() else {
        throw RuntimeError("\(a.owner): the function must return a tensor for the [\(m), 2] points, got \(out.typeName)")
    }
    return t
}

/// The grid of a heatmap/contour and its extent: a function sampled on grid × grid points, or given values.
private func fieldGrid(_ a: Arguments, _ ctx: CallContext) throws -> ([[Double]], PlotLimits, PlotLimits) {
    if isCallable(a["f"]) {
        let xr = try PlotArgs.fieldRange(a, "xlim"), yr = try PlotArgs.fieldRange(a, "ylim")
        let n = try PlotArgs.gridCount(a, max: 1000)
        let (px, py) = SampleGrid.points(xRange: xr, yRange: yr, cols: n, rows: n)
        let out = try evaluateField(a, ctx, px, py)
        let m = px.count
        guard out.count == m, out.rank == 1 || (out.rank == 2 && out.shape[1] == 1) else {
            throw RuntimeError("\(a.owner): the function must map [\(m), 2] points to [\(m)] values, got \(out.shape)")
        }
        return (try SampleGrid.reshape(PlotArgs.doubles(out), rows: n, cols: n), xr, yr)
    }
    guard a["level"].isNil else { throw RuntimeError("\(a.owner): level= applies only when f is a function") }
    let t = try PlotArgs.tensor(a, "f")
    guard t.rank == 2, t.shape[0] >= 1, t.shape[1] >= 1 else {
        throw RuntimeError("\(a.owner): the grid must be a [rows, cols] tensor, got shape \(t.shape)")
    }
    let rows = t.shape[0], cols = t.shape[1]
    let xr = try PlotArgs.limits(a, "xlim") ?? PlotLimits(0, Double(cols))
    let yr = try PlotArgs.limits(a, "ylim") ?? PlotLimits(0, Double(rows))
    return (try SampleGrid.reshape(PlotArgs.doubles(t), rows: rows, cols: cols), xr, yr)
}
