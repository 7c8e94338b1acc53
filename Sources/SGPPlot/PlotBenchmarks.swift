import Foundation

/// Timings of the renderers on large inputs, for `sgp bench` and docs/PERFORMANCE.md.
public enum PlotBenchmarks {
    /// Points in the benchmark scatter and line.
    public static let points = 100_000

    /// Median wall time (ms) over `repeats` runs of: a 10⁵-point scatter to SVG and to a 100×30 braille terminal,
    /// and a 10⁵-point line to SVG. Data are a fixed deterministic cloud, so runs are comparable. A smaller `count`
    /// (`sgp bench plot --quick`) times fewer points and says so in the figure names (`plot.scatter_2000.svg`).
    public static func run(repeats: Int = 5, count: Int = points) -> [(name: String, value: Double, unit: String)] {
        let points = max(1, count)
        let (x, y) = cloud(points)
        var scatter = Figure()
        scatter.ax.series = [.scatter(x: x, y: y, label: "cloud")]
        var line = Figure()
        let t = (0..<points).map { Double($0) }
        line.ax.series = [.line(x: t, y: y, label: "noise")]
        var out: [(name: String, value: Double, unit: String)] = []
        let tag = points == 100_000 ? "1e5" : String(points)
        out.append(("plot.scatter_\(tag).svg", median(repeats) { _ = try? SVGRenderer.render(scatter) }, "ms"))
        out.append(("plot.scatter_\(tag).terminal", median(repeats) {
            _ = try? TerminalRenderer.render(scatter, width: 100, height: 30, unicode: true)
        }, "ms"))
        out.append(("plot.line_\(tag).svg", median(repeats) { _ = try? SVGRenderer.render(line) }, "ms"))
        return out
    }

    /// A deterministic two-blob point cloud (a fixed LCG and Box–Muller; no global randomness).
    static func cloud(_ n: Int) -> ([Double], [Double]) {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let r = (-2 * log(uniform())).squareRoot(), a = 2 * Double.pi * uniform()
            let shift = i % 3 == 0 ? 2.5 : 0
            x[i] = r * cos(a) + shift
            y[i] = r * sin(a) * 0.6 + shift * 0.4
        }
        return (x, y)
    }

    private static func median(_ repeats: Int, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return times[times.count / 2]
    }
}
