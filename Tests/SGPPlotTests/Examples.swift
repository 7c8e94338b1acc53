import Foundation
@testable import SGPPlot

/// A small seeded generator for test data (SGPPlot imports nothing of ours, so no `RandomStream` here).
struct TestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-12), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// The example figures: one per plot kind, used by the snapshot tests and rendered to PNG for review.
enum Examples {
    static func line() throws -> Figure {
        var f = Figure()
        let x = (0..<200).map { Double($0) * 0.05 }
        try f.ax.plot(x, x.map { sin($0) }, label: "sin(x)")
        try f.ax.plot(x, x.map { cos($0) * 0.8 }, label: "0.8 cos(x)", style: .dashed)
        try f.ax.plot(x, x.map { 0.3 * sin(2 * $0) }, label: "0.3 sin(2x)", style: .dotted)
        f.ax.title = "Line styles"
        f.ax.xlabel = "time (s)"
        f.ax.ylabel = "amplitude"
        return f
    }

    static func lineLog() throws -> Figure {
        var f = Figure()
        let steps = (1...500).map(Double.init)
        try f.ax.plot(steps, steps.map { 2.0 * pow($0, -0.7) + 0.001 }, label: "train loss")
        try f.ax.plot(steps, steps.map { 2.5 * pow($0, -0.5) + 0.01 }, label: "val loss")
        f.ax.ylog = true
        f.ax.xlog = true
        f.ax.title = "Training history (log–log)"
        f.ax.xlabel = "step"
        f.ax.ylabel = "loss"
        return f
    }

    static func scatter() throws -> Figure {
        var f = Figure()
        var r = TestRandom(seed: 7)
        var xa: [Double] = [], ya: [Double] = [], xb: [Double] = [], yb: [Double] = []
        for _ in 0..<300 {
            xa.append(r.normal() * 0.6 - 1); ya.append(r.normal() * 0.4 + 0.5)
            xb.append(r.normal() * 0.5 + 1.2); yb.append(r.normal() * 0.7 - 0.3)
        }
        try f.ax.scatter(xa, ya, label: "dataset A")
        try f.ax.scatter(xb, yb, label: "dataset B", size: 2)
        f.ax.title = "Two clusters"
        f.ax.xlabel = "state[0]"
        f.ax.ylabel = "state[1]"
        return f
    }

    static func quiver() throws -> Figure {
        var f = Figure()
        var x: [Double] = [], y: [Double] = [], u: [Double] = [], v: [Double] = []
        let n = 15
        for i in 0..<n {
            for j in 0..<n {
                let px = -2 + 4 * Double(j) / Double(n - 1), py = -2 + 4 * Double(i) / Double(n - 1)
                // Score of a ring density: points toward radius 1, plus a swirl.
                let rr = max((px * px + py * py).squareRoot(), 1e-6)
                let pull = (1 - rr) / rr
                x.append(px); y.append(py)
                u.append(pull * px - 0.3 * py); v.append(pull * py + 0.3 * px)
            }
        }
        try f.ax.quiver(x, y, u, v, label: "score ∇log p")
        f.ax.title = "Score field on a 2-D slice"
        f.ax.xlabel = "x₀"
        f.ax.ylabel = "x₁"
        return f
    }

    static func densityGrid(_ n: Int) -> [[Double]] {
        (0..<n).map { i in
            (0..<n).map { j in
                let x = -3 + 6 * (Double(j) + 0.5) / Double(n), y = -3 + 6 * (Double(i) + 0.5) / Double(n)
                let a = exp(-((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)) / 0.8)
                let b = 0.6 * exp(-((x + 1.2) * (x + 1.2) + (y + 1) * (y + 1)) / 1.2)
                return log(a + b + 1e-3)
            }
        }
    }

    static func heatmap() throws -> Figure {
        var f = Figure()
        try f.ax.heatmap(densityGrid(40), xRange: Limits(-3, 3), yRange: Limits(-3, 3))
        f.ax.title = "log p(x) on a slice"
        f.ax.xlabel = "x₀"
        f.ax.ylabel = "x₁"
        return f
    }

    static func contour() throws -> Figure {
        var f = Figure()
        try f.ax.contour(densityGrid(60), xRange: Limits(-3, 3), yRange: Limits(-3, 3), label: "log p")
        f.ax.title = "Contours of log p(x)"
        f.ax.xlabel = "x₀"
        f.ax.ylabel = "x₁"
        return f
    }

    static func hist() throws -> Figure {
        var f = Figure()
        var r = TestRandom(seed: 3)
        try f.ax.hist((0..<2000).map { _ in r.normal() }, bins: 30, label: "N(0, 1)")
        try f.ax.hist((0..<1000).map { _ in r.normal() * 0.5 + 2 }, bins: 20, label: "N(2, 0.25)")
        f.ax.title = "Returns"
        f.ax.xlabel = "return"
        f.ax.ylabel = "count"
        return f
    }

    static func bar() throws -> Figure {
        var f = Figure()
        try f.ax.bar(["BC", "IQL", "SGP-grad", "SGP-mppi"], [0.42, 0.71, 0.78, 0.83], errors: [0.05, 0.04, 0.06, 0.03],
                     label: "hopper")
        try f.ax.bar(["BC", "IQL", "SGP-grad", "SGP-mppi"], [0.38, 0.66, 0.7, 0.74], errors: [0.06, 0.05, 0.02, 0.04],
                     label: "walker2d")
        f.ax.title = "Normalised return (mean ± std over 5 seeds)"
        f.ax.ylabel = "score"
        return f
    }

    static func subplots() throws -> Figure {
        var f = try Figure.subplots(rows: 2, cols: 2, suptitle: "Planning run")
        var r = TestRandom(seed: 11)
        let iters = (0..<60).map(Double.init)
        try f.update(row: 0, col: 0) { a in
            try a.plot(iters, iters.map { 5 * exp(-$0 / 15) + 0.2 }, label: "cost")
            try a.hline(0.2, label: "optimum")
            a.title = "Cost per iteration"
            a.xlabel = "iteration"
        }
        try f.update(row: 0, col: 1) { a in
            try a.plot(iters, iters.map { 1 / (1 + $0) }, label: "σ")
            try a.plot(iters, iters.map { 0.02 * $0 }, label: "β", style: .dashed)
            try a.vline(30, label: "anneal")
            a.title = "Schedules"
        }
        try f.update(row: 1, col: 0) { a in
            let xs = (0..<400).map { _ in r.normal() }, ys = (0..<400).map { _ in r.normal() }
            try a.scatter(xs, ys, label: "data", size: 1.5, color: Color(hex: "#999999"), alpha: 0.6)
            for k in 0..<3 {
                let t = (0..<30).map { Double($0) / 29 }
                try a.plot(t.map { -2 + 3 * $0 + 0.2 * Double(k) }, t.map { 2 * sin(3 * $0 + Double(k)) * (1 - $0) },
                           label: k == 0 ? "plans" : nil, color: Color.palette[1])
            }
            try a.text(-2.3, 2.4, "start")
            a.title = "Plans over the data"
        }
        try f.update(row: 1, col: 1) { a in
            try a.heatmap(densityGrid(20), xRange: Limits(-3, 3), yRange: Limits(-3, 3), colorbar: false)
            try a.contour(densityGrid(20), xRange: Limits(-3, 3), yRange: Limits(-3, 3), levels: [-4, -2, -1, -0.5], colorbar: false)
            a.title = "Density"
        }
        return f
    }

    static func nans() throws -> Figure {
        var f = Figure()
        var y = (0..<50).map { sin(Double($0) / 5) }
        y[10] = .nan; y[11] = .nan; y[30] = .infinity
        try f.ax.plot(y, label: "with gaps")
        f.ax.title = "NaN handling"
        return f
    }

    static var all: [(String, () throws -> Figure)] { [
        ("line", line), ("line_log", lineLog), ("scatter", scatter), ("quiver", quiver), ("heatmap", heatmap),
        ("contour", contour), ("hist", hist), ("bar", bar), ("subplots", subplots), ("nan", nans),
    ] }
}
