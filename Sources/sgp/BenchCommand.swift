import ArgumentParser
import Foundation
import SGPBench
import SGPPlot
import SGPTensor

/// How one suite runs: OpenBLAS threads and whether to use the short settings (`--quick`, for tests and smoke runs).
struct BenchContext {
    /// OpenBLAS threads for this pass.
    var threads: Int
    /// Short timings: few repeats, small blocks; figures are rough.
    var quick: Bool
}

/// `sgp bench SUITE`: benchmarks with human tables, or one JSON object per figure with `--json`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench",
        abstract: "Run benchmarks: " + BenchCommand.suiteNames.joined(separator: ", ") + ", or all.",
        discussion: """
        train and plan use the reference weights of ../shared/bench (exported once with numpy by \
        scripts/bench/export_*.py into a cache folder; SGP_BENCH_PYTHON picks the interpreter, SGP_BENCH_DIR the \
        reference folder). scripts/bench/compare.py runs these suites side by side with the PyTorch/JAX references.
        """)

    @Argument(help: "Suite to run.") var suite: String = "all"
    @Flag(help: "One JSON object per figure instead of a table.") var json = false
    @Flag(help: "Short runs (rough figures), for tests and smoke checks.") var quick = false
    @Option(help: "OpenBLAS threads (default: OPENBLAS_NUM_THREADS or all cores); repeat to compare, e.g. --threads 1 --threads 2.")
    var threads: [Int] = []

    static let suiteNames = ["peak", "tensor", "train", "plan", "data", "plot", "interp", "startup"]

    static func suite(_ name: String) -> ((BenchContext) throws -> [BenchFigure])? {
        switch name {
        case "tensor": return { c in
            BenchTiming.useMinimum = false
            return c.quick ? try TensorBenchmarks.overheadOnly() : try TensorBenchmarks.run(threads: c.threads)
        }
        case "peak": return { c in
            // Per thread: one core's rate; the roofline of (a)-(c) assumes every thread gets a core at that rate.
            let p = PeakThroughput.gflops(blocks: c.quick ? 2 : 7, blockSeconds: c.quick ? 0.02 : 0.1)
            var out = [BenchFigure(name: "peak.fma_f32", value: p.gflops, unit: "GFLOP/s")]
            for w in ["a", "b", "c"] {
                guard let f = PeakThroughput.workloadFlops[w] else { continue }
                out.append(BenchFigure(name: "roofline.\(w)", value: f / (p.gflops * 1e9 * Double(c.threads)) * 1e3, unit: "ms"))
            }
            return out
        }
        case "train": return { try TrainBench.figures($0) }
        case "plan": return { try PlanBench.figures($0) }
        case "data": return { c in try DataBench.figures(quick: c.quick) }
        case "plot": return { c in
            PlotBenchmarks.run(repeats: c.quick ? 1 : 5, count: c.quick ? 2_000 : PlotBenchmarks.points).map { BenchFigure(name: $0.name, value: $0.value, unit: $0.unit) }
        }
        case "interp": return { try InterpBench.figures($0) }
        case "startup": return { try StartupBench.figures($0) }
        default: return nil
        }
    }

    func validate() throws {
        for t in threads where t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
    }

    func run() throws {
        let names = suite == "all" ? BenchCommand.suiteNames : [suite]
        for n in names where BenchCommand.suite(n) == nil {
            eprint("sgp bench: unknown suite '\(n)'; suites: \(BenchCommand.suiteNames.joined(separator: ", ")), all\n")
            throw ExitCode(Exit.usage)
        }
        let threadList = threads.isEmpty ? [BLAS.threads] : threads
        var failed = false
        for t in threadList {
            for n in names {
                guard let body = BenchCommand.suite(n) else { continue }
                BLAS.threads = t
                let figures: [BenchFigure]
                do {
                    figures = try body(BenchContext(threads: t, quick: quick)).map { var f = $0; f.threads = t; return f }
                } catch {
                    // One suite's missing prerequisite (python, MuJoCo) must not hide the others' figures.
                    eprint("sgp bench \(n): \(error)\n")
                    failed = true
                    continue
                }
                if json {
                    for f in figures { print(f.json) }
                } else {
                    print("== \(n) (\(t) thread\(t == 1 ? "" : "s"))")
                    print(BenchFigure.table(figures))
                }
            }
        }
        if failed { throw ExitCode(Exit.runtime) }
    }
}
