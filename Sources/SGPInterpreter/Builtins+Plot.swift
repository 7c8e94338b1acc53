import Foundation
import SGPPlot
import SGPTensor

extension BuiltinRegistry {
    /// Plotting builtins: each returns a new figure value (`on=fig` draws over a copy of `fig`). Fields sampled
    /// from functions (`quiver`, `heatmap`, `contour`) are in Builtins+PlotFields.swift, figure composition and
    /// saving in Builtins+Figure.swift.
    func registerPlot() {
        add("plot", "plot", [.req("x", "tensor, list, or a value that plots itself"), .opt("y", "tensor or list", .nil),
                             .opt("label", "string or list of strings", .nil), .opt("style", "solid, dashed or dotted", .string("solid")),
                             .opt("color", "name or #rrggbb", .nil), .opt("width", "number (px)", .number(1.5)),
                             .opt("dims", "list of integers (values that plot themselves)", .nil)] + PlotArgs.common,
            "Lines: `plot(y)` against 0, 1, 2, …, `plot(x, y)`; an [N, k] `y` draws k lines. Plans, training histories, datasets, schedules and MPC rollouts plot themselves with `plot(v)`.",
            example: "plot(losses, logy=true, title=\"training\")\nfig = plot(t, [sin(t), cos(t)].T, label=[\"sin\", \"cos\"])\nplot(t, 2 * t, on=fig, style=\"dashed\")") { a, _ in
            if a["y"].isNil, case .opaque(let o) = a["x"] { return try plotValue(o, a) }
            let hasX = !a["y"].isNil
            let ys = try PlotArgs.columns(a, hasX ? "y" : "x", as: "y")
            let n = ys.first?.count ?? 0
            let xs = hasX ? try PlotArgs.vector(a, "x") : (0..<n).map(Double.init)
            try PlotArgs.sameLength(a, "x", xs.count, "y", n)
            let labels = try lineLabels(a, count: ys.count)
            let style = try PlotArgs.style(a), color = try PlotArgs.color(a), width = try PlotArgs.size(a, "width")
            return try PlotArgs.draw(a) { ax in
                for (j, y) in ys.enumerated() {
                    try ax.plot(xs, y, label: labels[j], style: style, color: color, width: width)
                }
            }
        }
        add("scatter", "plot", [.req("x", "tensor or list (or [N, 2] points)"), .opt("y", "tensor or list", .nil),
                                .opt("label", "string", .nil), .opt("size", "dot radius (px)", .number(2.5)),
                                .opt("color", "name or #rrggbb", .nil), .opt("alpha", "opacity 0…1", .number(0.8))] + PlotArgs.common,
            "Dots at (x[i], y[i]); `scatter(points)` takes an [N, 2] tensor. Over 20000 points draw as a density grid.",
            example: "scatter(data.x[:, 0], data.x[:, 1], size=1.5, alpha=0.4, label=\"data\")\nscatter(randn([500, 2]))") { a, _ in
            let xs: [Double], ys: [Double]
            if a["y"].isNil {
                let t = try PlotArgs.tensor(a, "x")
                guard t.rank == 2, t.shape[1] == 2 else {
                    throw RuntimeError("scatter: points must be an [N, 2] tensor, got shape \(t.shape)", help: "or give x and y: scatter(x, y)")
                }
                guard t.shape[0] > 0 else { throw RuntimeError("scatter: points is empty, nothing to plot") }
                let flat = PlotArgs.doubles(t)
                xs = stride(from: 0, to: flat.count, by: 2).map { flat[$0] }
                ys = stride(from: 1, to: flat.count, by: 2).map { flat[$0] }
            } else {
                xs = try PlotArgs.vector(a, "x"); ys = try PlotArgs.vector(a, "y")
                try PlotArgs.sameLength(a, "x", xs.count, "y", ys.count)
            }
            let label = try PlotArgs.string(a, "label"), color = try PlotArgs.color(a)
            let size = try PlotArgs.size(a, "size"), alpha = try PlotArgs.size(a, "alpha")
            guard alpha <= 1 else { throw RuntimeError("scatter: alpha must be between 0 and 1, got \(formatNumber(alpha))") }
            return try PlotArgs.draw(a) { try $0.scatter(xs, ys, label: label, size: size, color: color, alpha: alpha) }
        }
        add("hist", "plot", [.req("values", "tensor or list"), .opt("bins", "integer 1…10000", .number(20)),
                             .opt("label", "string", .nil), .opt("color", "name or #rrggbb", .nil)] + PlotArgs.common,
            "A histogram of all elements of `values` in `bins` equal-width bins over their range.",
            example: "hist(returns, bins=30, xlabel=\"return\")") { a, _ in
            let t = try PlotArgs.tensor(a, "values")
            guard t.count > 0 else { throw RuntimeError("hist: values is empty, nothing to plot") }
            let values = PlotArgs.doubles(t), bins = try a.int("bins")
            let label = try PlotArgs.string(a, "label"), color = try PlotArgs.color(a)
            return try PlotArgs.draw(a) { try $0.hist(values, bins: bins, label: label, color: color) }
        }
        add("bar", "plot", [.req("labels", "list of strings"), .req("values", "tensor or list"),
                            .opt("errors", "tensor or list (± error bars)", .nil), .opt("label", "string", .nil),
                            .opt("color", "name or #rrggbb", .nil)] + PlotArgs.common,
            "Categorical bars with optional ± error bars (e.g. mean ± std over seeds); several `bar` calls on one figure (`on=`) are grouped.",
            example: "bar([\"BC\", \"IQL\", \"SGP\"], means, errors=stds, ylabel=\"normalised return\")") { a, _ in
            guard case .list(let l) = a["labels"] else {
                throw RuntimeError("bar: labels must be a list of strings, got \(a["labels"].typeName)")
            }
            let labels = l.items.map { v -> String in if case .string(let s) = v { return s }; return v.display }
            let values = try PlotArgs.vector(a, "values")
            try PlotArgs.sameLength(a, "labels", labels.count, "values", values.count)
            var errors: [Double]?
            if !a["errors"].isNil {
                let e = try PlotArgs.vector(a, "errors")
                try PlotArgs.sameLength(a, "values", values.count, "errors", e.count)
                errors = e
            }
            let label = try PlotArgs.string(a, "label"), color = try PlotArgs.color(a)
            return try PlotArgs.draw(a) { try $0.bar(labels, values, errors: errors, label: label, color: color) }
        }
        registerReferenceMarks()
    }

    /// `hline`, `vline` and `text`.
    private func registerReferenceMarks() {
        let lineParams: (String) -> [BuiltinParam] = { axis in
            [.req(axis, "number"), .opt("label", "string", .nil), .opt("style", "solid, dashed or dotted", .string("dashed")),
             .opt("color", "name or #rrggbb", .nil)] + PlotArgs.common
        }
        add("hline", "plot", lineParams("y"), "A horizontal reference line across the axes (dashed unless `style=`).",
            example: "fig = plot(costs)\nhline(0.5, label=\"target\", on=fig)") { a, _ in
            let y = try a.number("y"), label = try PlotArgs.string(a, "label")
            let style = try PlotArgs.style(a, default: .dashed), color = try PlotArgs.color(a)
            return try PlotArgs.draw(a) { try $0.hline(y, label: label, style: style, color: color) }
        }
        add("vline", "plot", lineParams("x"), "A vertical reference line across the axes (dashed unless `style=`).",
            example: "vline(100, label=\"warm-up ends\", on=fig)") { a, _ in
            let x = try a.number("x"), label = try PlotArgs.string(a, "label")
            let style = try PlotArgs.style(a, default: .dashed), color = try PlotArgs.color(a)
            return try PlotArgs.draw(a) { try $0.vline(x, label: label, style: style, color: color) }
        }
        add("text", "plot", [.req("x", "number"), .req("y", "number"), .req("s", "string"),
                             .opt("size", "font size (px)", .number(11)), .opt("color", "name or #rrggbb", .nil)] + PlotArgs.common,
            "A text annotation whose left end sits at (x, y) in data units.",
            example: "text(0.1, 0.9, \"σ = 0.3\", on=fig)") { a, _ in
            let x = try a.number("x"), y = try a.number("y"), s = a["s"].display
            let size = try PlotArgs.size(a, "size"), color = try PlotArgs.color(a)
            return try PlotArgs.draw(a) { try $0.text(x, y, s, size: size, color: color) }
        }
    }
}

/// `plot(v)` for an opaque value: values conforming to `PlottableValue` draw themselves.
private func plotValue(_ o: any OpaqueValue, _ a: Arguments) throws -> Value {
    guard let p = o as? PlottableValue else {
        throw RuntimeError("plot: a \(o.typeName) cannot be plotted",
                           help: "plot takes tensors or lists, or values that plot themselves (plans, training histories, datasets, schedules, rollouts)")
    }
    var opts = PlotOptions()
    opts.label = try PlotArgs.string(a, "label")
    if try PlotArgs.string(a, "style") != "solid" { opts.style = try PlotArgs.style(a) }
    opts.color = try PlotArgs.color(a)
    if case .number(let w) = a["width"], w != 1.5 { opts.width = try PlotArgs.size(a, "width") }
    opts.dims = try a.axes("dims")
    opts.title = try PlotArgs.string(a, "title")
    opts.xlabel = try PlotArgs.string(a, "xlabel")
    opts.ylabel = try PlotArgs.string(a, "ylabel")
    opts.logx = try a.bool("logx") ? true : nil
    opts.logy = try a.bool("logy") ? true : nil
    var made: Figure
    do { made = try p.makeFigure(opts) } catch let e as PlotError { throw RuntimeError(e.description) }
    if !a["on"].isNil {
        // Over an existing figure: the value's first axes' series go onto the figure's first axes.
        var fig = try PlotArgs.start(a)
        var ax = fig.ax
        do { for s in made.ax.series { try ax.add(s) } } catch let e as PlotError { throw RuntimeError(e.description) }
        fig.ax = ax
        made = fig
    }
    try PlotArgs.apply(a, to: &made, axesIndex: 0)
    return .opaque(FigureValue(made))
}

/// Labels for k lines: `label="a"` names one line ("a") or k lines ("a[0]", "a[1]", …); a list names each.
private func lineLabels(_ a: Arguments, count k: Int) throws -> [String?] {
    switch a["label"] {
    case .nil: return Array(repeating: nil, count: k)
    case .string(let s): return k == 1 ? [s] : (0..<k).map { "\(s)[\($0)]" }
    case .list(let l):
        guard l.items.count == k else { throw RuntimeError("plot: label has \(l.items.count) names but y has \(k) columns") }
        return l.items.map { v -> String? in if case .string(let s) = v { return s }; return v.isNil ? nil : v.display }
    case let v: throw RuntimeError("plot: label must be a string or a list of strings, got \(v.typeName)")
    }
}
