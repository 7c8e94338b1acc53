import Foundation
import SGPNN
import SGPTensor

/// Figures of one planning benchmark run (workloads (b) and (c) of ../shared/bench/README.md).
public struct PlanBenchmarkFigures: Sendable, CustomStringConvertible {
    public var workload: String
    public var threads: Int
    /// "fused" (built-in quadratic cost) or "tape" (the cost as a tensor function through the autodiff tape, as the
    /// language runs a user's cost).
    public var costPath: String
    /// Milliseconds per planner iteration (rollout + cost + score + BPTT + Adam): median and minimum over repeats.
    public var msPerIteration: Double
    public var msPerIterationMin: Double
    /// Objective at iterations 1 and 2 from the reference's U0 (÷B), and the reference's step-1 value when known.
    public var lossStep1: Double
    public var lossStep2: Double
    public var expectedLossStep1: Double?
    /// Where the weights came from ("reference <dir>" or "seeded").
    public var weights: String
    /// Milliseconds of only the iteration's matrix products (same shapes, single rollout thread), measured in the
    /// same run: the bare BLAS bound.
    public var bareBLASms: Double = 0
    /// Process CPU milliseconds per iteration (median): on a shared, loaded machine the 1-thread CPU time is the
    /// better estimate of the uncontended wall time (OpenBLAS worker threads spin, so it overstates 2-thread runs).
    public var cpuMsPerIteration: Double = 0
    public var bareBLAScpuMs: Double = 0

    public var description: String {
        let check = expectedLossStep1.map { String(format: " (reference %.3f)", $0) } ?? ""
        return String(format: "workload (%@) threads %d cost %@: %.2f ms/iter (min %.2f, cpu %.2f), bare BLAS %.2f ms (cpu %.2f), ratio %.2f (cpu %.2f), loss step 1 %.3f%@, step 2 %.3f, weights %@",
                      workload, threads, costPath, msPerIteration, msPerIterationMin, cpuMsPerIteration, bareBLASms, bareBLAScpuMs,
                      msPerIteration / max(bareBLASms, 1e-9), cpuMsPerIteration / max(bareBLAScpuMs, 1e-9),
                      lossStep1, check, lossStep2, weights)
    }
}

/// The planning benchmarks behind `sgp bench plan`: B = 64, T = 50, x ∈ R¹⁷, u ∈ R⁶, dynamics 23→256→256→17 ReLU
/// residual, cost Σ_t ‖x_{t+1}‖² + 0.1‖u_t‖² (÷B), Adam lr 1e-2; (c) adds the score MLP 23→[256]×4→23 with β = 0.1.
public enum PlanBenchmarks {
    /// Runs workload "b" or "c" at `threads` threads. `weights` is a directory written by
    /// scripts/bench/export_trajopt_weights.py (default: $SGP_BENCH_WEIGHTS); without it, seeded weights are used and
    /// the loss check is unavailable.
    public static func run(workload: String, threads: Int, weights: URL? = nil, tapeCost: Bool = false,
                           repeats: Int = 7, iterationsPerRepeat: Int = 20) throws -> PlanBenchmarkFigures {
        guard workload == "b" || workload == "c" else { throw PlanningError.invalid(argument: "workload", detail: "expected \"b\" or \"c\", got \"\(workload)\"") }
        guard threads >= 1 else { throw PlanningError.invalid(argument: "threads", detail: "must be at least 1, got \(threads)") }
        let B = 64, T = 50, dx = 17, du = 6
        let inputs = try loadInputs(dir: weights ?? ProcessInfo.processInfo.environment["SGP_BENCH_WEIGHTS"].map { URL(fileURLWithPath: $0) },
                                    B: B, T: T, dx: dx, du: du)
        let savedThreads = BLAS.threads
        BLAS.threads = threads
        defer { BLAS.threads = savedThreads }
        let dyn = try MLPDynamics(net: inputs.dynamics, stateDim: dx, actionDim: du, residual: true, threads: threads)
        let score: ScoreField? = workload == "c" ? try MLPScore(net: inputs.score, threads: threads) : nil
        let cost: TrajectoryCost = tapeCost
            ? ClosureCost { xs, us in try (xs * xs).sum(axes: [1, 2]) + (us * us).sum(axes: [1, 2]) * Tensor(scalar: 0.1) }
            : try QuadraticCost(stateDim: dx, actionDim: du, q: 1, r: 0.1, terminal: 0)
        var cfg = GradPlannerConfig(horizon: T, iterations: 2)
        cfg.learningRate = 1e-2
        cfg.beta = workload == "c" ? 0.1 : 0
        let planner = try GradPlanner(dynamics: dyn, score: score, cost: cost, config: cfg)
        // Loss check: the objective of the first two iterations from the reference's U0. The tape cost also counts
        // ‖x_0‖² (a constant), which the reference leaves out: subtract it.
        let check = try planner.plan(x0: inputs.x0, initialActions: inputs.u0)
        guard check.objective.count == 2 else { throw Cancellation.Cancelled() }
        let x0sq = tapeCost ? inputs.x0.scalars.reduce(0) { $0 + $1 * $1 } / Double(B) : 0
        planner.config.iterations = iterationsPerRepeat
        _ = try planner.plan(x0: inputs.x0, initialActions: inputs.u0)  // warm-up: buffers, BLAS threads
        var times: [Double] = [], cpu: [Double] = []
        for _ in 0..<max(1, repeats) {
            let c0 = BareBLASBound.cpuSeconds()
            let r = try planner.plan(x0: inputs.x0, initialActions: inputs.u0)
            cpu.append((BareBLASBound.cpuSeconds() - c0) * 1e3 / Double(iterationsPerRepeat))
            times.append(r.wallTime * 1e3 / Double(iterationsPerRepeat))
        }
        times.sort(); cpu.sort()
        let products = BareBLASBound.trajectoryProducts(dims: inputs.dynamics.dims, rows: B, horizon: T, backward: true,
                                                        scoreDims: workload == "c" ? inputs.score.dims : nil)
        let (bare, bareCPU) = BareBLASBound.milliseconds(repeats: repeats, count: iterationsPerRepeat / 2, products)
        var fig = PlanBenchmarkFigures(workload: workload, threads: threads, costPath: tapeCost ? "tape" : "fused",
                                    msPerIteration: times[times.count / 2], msPerIterationMin: times[0],
                                    lossStep1: check.objective[0] - x0sq, lossStep2: check.objective[1] - x0sq,
                                    expectedLossStep1: inputs.reference ? (workload == "b" ? 245.385 : 245.618) : nil,
                                    weights: inputs.source)
        fig.bareBLASms = bare; fig.bareBLAScpuMs = bareCPU; fig.cpuMsPerIteration = cpu[cpu.count / 2]
        return fig
    }

    struct Inputs { var dynamics: DenseStack, score: DenseStack, x0: Tensor, u0: Tensor, reference: Bool, source: String }

    static func loadInputs(dir: URL?, B: Int, T: Int, dx: Int, du: Int) throws -> Inputs {
        let dynDims = [dx + du, 256, 256, dx], scoreDims = [dx + du, 256, 256, 256, 256, dx + du]
        if let dir {
            func stack(_ prefix: String, _ dims: [Int]) throws -> DenseStack {
                let n = dims.count - 1
                let ws = try (0..<n).map { try NPYReader.read(dir.appendingPathComponent("\(prefix)_W\($0).npy")) }
                let bs = try (0..<n).map { try NPYReader.read(dir.appendingPathComponent("\(prefix)_b\($0).npy")) }
                return try DenseStack(dims: dims, weights: ws, biases: bs, activation: .relu)
            }
            let x0 = try NPYReader.read(dir.appendingPathComponent("x0.npy")), u0 = try NPYReader.read(dir.appendingPathComponent("U0.npy"))
            return Inputs(dynamics: try stack("dyn", dynDims), score: try stack("score", scoreDims), x0: x0, u0: u0,
                          reference: true, source: "reference \(dir.path)")
        }
        var rng = RandomStream(seed: 10, stream: "bench-plan")
        var dyn = try DenseStack(dims: dynDims, activation: .relu, rng: &rng)
        dyn.weights[2] = try dyn.weights[2] * Tensor(scalar: 0.1); dyn.biases[2] = try dyn.biases[2] * Tensor(scalar: 0.1)
        let score = try DenseStack(dims: scoreDims, activation: .relu, rng: &rng)
        return Inputs(dynamics: dyn, score: score, x0: Tensor.randn([B, dx], std: 0.5, rng: &rng),
                      u0: Tensor.randn([B, T, du], std: 0.1, rng: &rng), reference: false, source: "seeded")
    }
}
