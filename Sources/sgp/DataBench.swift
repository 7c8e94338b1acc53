import SGPBench
import SGPData
import SGPEnvs

/// `sgp bench data`: loading a 1M-row D4RL-layout file, collecting on cart-pole, MuJoCo step cost
/// (`EnvBenchmarks.all()`), as the bench command's figures.
enum DataBench {
    /// The figures; a target and its verdict go into the name so the table shows them.
    static func figures(quick: Bool = false) throws -> [BenchFigure] {
        try EnvBenchmarks.all(rows: quick ? 100_000 : 1_000_000).map { (f: DataBenchFigure) in
            var name = f.name
            if !f.target.isEmpty { name += " (target \(f.target)\(f.met.map { $0 ? ", ok" : ", MISSED" } ?? ""))" }
            return BenchFigure(name: name, value: f.value, unit: f.unit)
        }
    }
}
