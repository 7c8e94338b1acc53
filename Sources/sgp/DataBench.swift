import SGPBench
import SGPData
import SGPEnvs

/// `sgp bench data`: loading a 1M-row D4RL-layout file, collecting on cart-pole, MuJoCo step cost
/// (`EnvBenchmarks.all()`), as the bench command's figures.
enum DataBench {
    /// The figures; a target and its verdict go into the name so the table shows them.
    static func figures() throws -> [SGPBench.BenchFigure] {
        try EnvBenchmarks.all().map { (f: SGPData.BenchFigure) in
            var name = f.name
            if !f.target.isEmpty { name += " (target \(f.target)\(f.met.map { $0 ? ", ok" : ", MISSED" } ?? ""))" }
            return SGPBench.BenchFigure(name: name, value: f.value, unit: f.unit)
        }
    }
}
