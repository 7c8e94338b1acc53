import SGPNN
import SGPPlanning
import SGPTensor
import XCTest

final class ThreadingTests: XCTestCase {
    /// Row blocks on two workers must give the same plan as one worker (up to GEMM summation order).
    func testTwoWorkerRolloutAndScoreMatchOneWorker() throws {
        var rng = RandomStream(seed: 12, stream: "threading-test")
        let dyn = try DenseStack(dims: [7, 32, 32, 5], activation: .elu, rng: &rng)
        let sc = try DenseStack(dims: [7, 32, 7], activation: .tanh, rng: &rng)
        let x0 = Tensor.randn([40, 5], std: 0.5, rng: &rng), u0 = Tensor.randn([40, 6, 2], std: 0.5, rng: &rng)
        var results: [PlanResult] = []
        for threads in [1, 2] {
            var c = GradPlannerConfig(horizon: 6, iterations: 3)
            c.beta = 0.1
            let p = try GradPlanner(dynamics: MLPDynamics(net: dyn, stateDim: 5, actionDim: 2, threads: threads),
                                    score: MLPScore(net: sc, threads: threads),
                                    cost: QuadraticCost(stateDim: 5, actionDim: 2, q: 1, r: 0.1), config: c)
            results.append(try p.plan(x0: x0, initialActions: u0))
        }
        let a = results[0].states.scalars, b = results[1].states.scalars
        let maxDiff = zip(a, b).map { abs($0 - $1) }.max() ?? 1
        XCTAssertLessThan(maxDiff, 1e-5)
        XCTAssertEqual(results[0].gradNorm[0], results[1].gradNorm[0], accuracy: 1e-5 * results[0].gradNorm[0])
        XCTAssertGreaterThan(results[0].penaltyGradNorm[0], 0)
    }
}
