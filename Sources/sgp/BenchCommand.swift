import ArgumentParser
import Foundation
import SGPBench
import SGPPlanning
import SGPTensor

/// `sgp bench SUITE`: benchmarks with human tables, or one JSON object per figure with `--json`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench",
        abstract: "Run benchmarks: " + BenchCommand.suiteNames.joined(separator: ", ") + ", or all.")

    @Argument(help: "Suite to run.") var suite: String = "all"
    @Flag(help: "One JSON object per figure instead of a table.") var json = false
    @Option(help: "OpenBLAS threads (default: OPENBLAS_NUM_THREADS or all cores); repeat to compare, e.g. --threads 1 --threads 2.")
    var threads: [Int] = []

    static let suiteNames = ["tensor", "data", "plan"]

    static func suite(_ name: String) -> ((Int) throws -> [BenchFigure])? {
        switch name {
        case "tensor": return { try TensorBenchmarks.run(threads: $0) }
        case "data": return { _ in try DataBench.figures() }
        case "plan": return { t in try planFigures(threads: t) }
        default: return nil
        }
    }

    func run() throws {
        let names = suite == "all" ? BenchCommand.suiteNames : [suite]
        for n in names where BenchCommand.suite(n) == nil {
            eprint("sgp bench: unknown suite '\(n)'; suites: \(BenchCommand.suiteNames.joined(separator: ", ")), all\n")
            throw ExitCode(Exit.usage)
        }
        let threadList = threads.isEmpty ? [BLAS.threads] : threads
        for t in threadList {
            for n in names {
                guard let body = BenchCommand.suite(n) else { continue }
                BLAS.threads = t
                let figures = try body(t)
                if json {
                    for f in figures { print(f.json) }
                } else {
                    print("== \(n) (\(t) thread\(t == 1 ? "" : "s"))")
                    print(BenchFigure.table(figures))
                }
            }
        }
    }
}

/// Workloads (b) and (c) of shared/bench through `GradPlanner`, with the fused `QuadraticCost` and with the same
/// cost as a tape closure (what a cost written in the language costs beyond the fused path). Seeded weights unless
/// SGP_BENCH_WEIGHTS names the exported reference weights.
func planFigures(threads: Int) throws -> [BenchFigure] {
    var out: [BenchFigure] = []
    for w in ["b", "c"] {
        let fused = try PlanBenchmarks.run(workload: w, threads: threads)
        let tape = try PlanBenchmarks.run(workload: w, threads: threads, tapeCost: true)
        out.append(BenchFigure(name: "plan (\(w)) fused cost", value: fused.msPerIteration, unit: "ms/iter"))
        out.append(BenchFigure(name: "plan (\(w)) tape cost", value: tape.msPerIteration, unit: "ms/iter",
                               reference: fused.msPerIteration, referenceName: "fused"))
    }
    return out
}
