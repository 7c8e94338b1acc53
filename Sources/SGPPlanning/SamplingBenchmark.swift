import Foundation
import SGPNN
import SGPTensor

/// Figures of the sampling-planner benchmark: how fast CEM/MPPI evaluate populations through the fused rollout
/// compared with the bare matrix products of the same forward passes.
public struct SamplingBenchmarkFigures: Sendable, CustomStringConvertible {
    public var planner: String
    public var threads: Int
    public var population: Int
    /// Model evaluations (rows × steps) per second inside the planner's rollouts.
    public var evaluationsPerSecond: Double
    /// The same count of forward passes as bare GEMMs (no bias, activation, cost or sampling).
    public var bareBLASEvaluationsPerSecond: Double
    /// Whole planner iterations (sampling + rollout + cost + refit) per second.
    public var iterationsPerSecond: Double

    public var description: String {
        String(format: "%@ threads %d population %d: %.3g model evaluations/s in rollouts, bare BLAS %.3g/s (ratio %.2f), %.1f iterations/s",
               planner, threads, population, evaluationsPerSecond, bareBLASEvaluationsPerSecond,
               bareBLASEvaluationsPerSecond / max(evaluationsPerSecond, 1e-9), iterationsPerSecond)
    }
}

extension PlanBenchmarks {
    /// CEM and MPPI on workload (b)'s model (23→256→256→17 ReLU, T = 50) from one initial state, `population`
    /// samples per round.
    public static func sampling(threads: Int, population: Int = 1024, iterations: Int = 5) throws -> [SamplingBenchmarkFigures] {
        guard threads >= 1, population >= 2 else { throw PlanningError.invalid(argument: "threads", detail: "need threads ≥ 1 and population ≥ 2") }
        let T = 50, dx = 17, du = 6
        let inputs = try loadInputs(dir: nil, B: 1, T: T, dx: dx, du: du)
        let savedThreads = BLAS.threads
        BLAS.threads = threads
        defer { BLAS.threads = savedThreads }
        let cost = try QuadraticCost(stateDim: dx, actionDim: du, q: 1, r: 0.1)
        var cfg = SamplingPlannerConfig(horizon: T, iterations: iterations)
        cfg.population = population; cfg.elites = max(1, population / 10); cfg.initialStd = 0.3
        let x0 = Tensor.zeros([dx])
        let products = BareBLASBound.trajectoryProducts(dims: inputs.dynamics.dims, rows: population, horizon: T, backward: false, scoreDims: nil)
        let (bare, _) = BareBLASBound.milliseconds(repeats: 5, count: 2, products)
        var out: [SamplingBenchmarkFigures] = []
        for name in ["cem", "mppi"] {
            let dyn = try MLPDynamics(net: inputs.dynamics, stateDim: dx, actionDim: du, threads: threads)
            let planner: SamplingPlanner = name == "cem" ? try CEMPlanner(dynamics: dyn, cost: cost, config: cfg)
                                                         : try MPPIPlanner(dynamics: dyn, cost: cost, config: cfg)
            _ = try planner.plan(x0: x0, initialActions: nil)
            var best: PlanResult? = nil
            for _ in 0..<3 {
                let r = try planner.plan(x0: x0, initialActions: nil)
                if best == nil || r.wallTime < (best?.wallTime ?? .infinity) { best = r }
            }
            guard let r = best else { continue }
            out.append(SamplingBenchmarkFigures(planner: name, threads: threads, population: population,
                                                evaluationsPerSecond: r.counters["model_evaluations_per_second"] ?? 0,
                                                bareBLASEvaluationsPerSecond: Double(population * T) / (bare / 1e3),
                                                iterationsPerSecond: Double(r.iterations) / r.wallTime))
        }
        return out
    }
}
