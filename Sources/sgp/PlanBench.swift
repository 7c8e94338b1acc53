import Foundation
import SGPBench
import SGPPlanning

/// `sgp bench plan`: workloads (b) and (c) of ../shared/bench through `GradPlanner` from the reference's weights
/// (step-1 losses checked against 245.385 / 245.618): the fused quadratic cost, the same cost as a tape closure,
/// and the whole thing written in the language (`plan(grad, …)` with the cost as a lambda, run in-process); then
/// CEM/MPPI model evaluations per second against the bare BLAS cost of the same products.
enum PlanBench {
    static let expectedStep1 = ["b": 245.385, "c": 245.618]

    static func figures(_ c: BenchContext) throws -> [BenchFigure] {
        let weights = try BenchReference.planWeights()
        let repeats = c.quick ? 3 : 7, iters = c.quick ? 4 : 20
        var out: [BenchFigure] = []
        var fusedMs: [String: Double] = [:]
        for w in ["b", "c"] {
            let fused = try PlanBenchmarks.run(workload: w, threads: c.threads, weights: weights, repeats: repeats, iterationsPerRepeat: iters)
            let tape = try PlanBenchmarks.run(workload: w, threads: c.threads, weights: weights, tapeCost: true,
                                              repeats: repeats, iterationsPerRepeat: iters)
            fusedMs[w] = fused.msPerIteration
            out.append(BenchFigure(name: "plan.\(w).fused", value: fused.msPerIteration, unit: "ms",
                                   reference: fused.bareBLASms, referenceName: "bare BLAS products"))
            out.append(BenchFigure(name: "plan.\(w).fused_cpu", value: fused.cpuMsPerIteration, unit: "ms",
                                   reference: fused.bareBLAScpuMs, referenceName: "bare BLAS cpu"))
            out.append(BenchFigure(name: "plan.\(w).tape", value: tape.msPerIteration, unit: "ms",
                                   reference: fused.msPerIteration, referenceName: "fused"))
            out.append(BenchFigure(name: "plan.\(w).tape_cpu", value: tape.cpuMsPerIteration, unit: "ms"))
            out.append(TrainBench.lossFigure(name: "plan.\(w).loss_step1", value: fused.lossStep1,
                                             reference: fused.expectedLossStep1 ?? expectedStep1[w], referenceName: "torch/JAX"))
            out.append(TrainBench.lossFigure(name: "plan.\(w).tape_loss_step1", value: tape.lossStep1,
                                             reference: tape.expectedLossStep1 ?? expectedStep1[w], referenceName: "torch/JAX"))
        }
        // The language variant needs HalfCheetah (MuJoCo models via gymnasium); without it the other figures stand.
        var language: [(String, (wall: Double, cpu: Double))] = []
        do { language = try languageMs(threads: c.threads, repeats: c.quick ? 3 : 5, iters: c.quick ? 4 : 20) } catch {
            eprint("sgp bench plan: language-level variant skipped: \(error)\n")
        }
        for (w, ms) in language {
            out.append(BenchFigure(name: "plan.\(w).language", value: ms.wall, unit: "ms", reference: fusedMs[w], referenceName: "fused"))
            out.append(BenchFigure(name: "plan.\(w).language_cpu", value: ms.cpu, unit: "ms"))
        }
        for s in try PlanBenchmarks.sampling(threads: c.threads, population: c.quick ? 256 : 1024, iterations: c.quick ? 2 : 5) {
            out.append(BenchFigure(name: "plan.\(s.planner.lowercased()).evals", value: s.evaluationsPerSecond, unit: "eval/s",
                                   reference: s.bareBLASEvaluationsPerSecond, referenceName: "bare BLAS"))
        }
        return out
    }

    /// Workloads (b) and (c) as scripts/bench/plan_language.sgp writes them (models trained one epoch on collected
    /// HalfCheetah data: the shapes are the reference's, the weights are not, so there is no loss check), run
    /// in-process. Median ms per iteration (wall, and process CPU around each timed plan).
    static func languageMs(threads: Int, repeats: Int, iters: Int) throws -> [(String, (wall: Double, cpu: Double))] {
        var text = """
        d = collect(halfcheetah(), episodes=2, horizon=200, seed=0)
        f = train_dynamics(d, hidden=[256, 256], activation="relu", epochs=1, seed=1)
        s = train_score(d, on="xu", sigmas=[0.1], hidden=[256, 256, 256, 256], activation="relu", epochs=1, seed=2)
        x0 = d.x[0:64]
        cost = (x, u) -> sum(x * x, axis=[1, 2]) + 0.1 * sum(u * u, axis=[1, 2])
        terminal = (xT) -> sum(xT * xT, axis=1)

        """
        for (w, beta) in [("b", "0"), ("c", "0.1")] {
            text += """
            plan(grad, dynamics=f, cost=cost, terminal=terminal, x0=x0, horizon=50, iters=2, lr=0.01, beta=\(beta), score=s, threads=\(threads))
            ts_\(w) = []
            cs_\(w) = []
            for r in 0..\(repeats) do
                c0 = cpu_time()
                p = plan(grad, dynamics=f, cost=cost, terminal=terminal, x0=x0, horizon=50, iters=\(iters), lr=0.01, beta=\(beta), score=s, threads=\(threads))
                append(cs_\(w), 1000 * (cpu_time() - c0) / \(iters))
                append(ts_\(w), 1000 * p.wall_time / \(iters))
            end
            wall_\(w) = sorted(ts_\(w))[\(repeats / 2)]
            cpu_\(w) = sorted(cs_\(w))[\(repeats / 2)]

            """
        }
        let interp = try InProcessScript.run(text, name: "plan_language", extraBuiltins: true)
        return try ["b", "c"].map { w in (w, (wall: try InProcessScript.number(interp, "wall_\(w)"), cpu: try InProcessScript.number(interp, "cpu_\(w)"))) }
    }
}
