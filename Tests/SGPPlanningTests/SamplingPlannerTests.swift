import SGPPlanning
import SGPTensor
import XCTest

final class SamplingPlannerTests: XCTestCase {
    let x0 = [0.5, -0.3], goal = [-0.4, 0.6], T = 5, q = 1.0, r = 0.5

    func config(iterations: Int) -> SamplingPlannerConfig {
        var c = SamplingPlannerConfig(horizon: T, iterations: iterations)
        c.population = 256; c.elites = 32; c.initialStd = 0.5; c.seed = 1
        return c
    }

    func testCEMSolvesConvexQuadratic() throws {
        let opt = Fixtures.integratorOptimum(x0: x0, goal: goal, horizon: T, q: q, r: r)
        let cost = try QuadraticCost(stateDim: 2, actionDim: 2, goal: goal, q: q, r: r)
        let res = try CEMPlanner(dynamics: Fixtures.integrator(), cost: cost, config: config(iterations: 30)).plan(x0: Tensor(x0), initialActions: nil)
        print("CEM: optimum \(opt), got \(res.finalCost)")
        // Measured: relative gap 2e-6.
        XCTAssertLessThan(res.finalCost - opt, 1e-3 * opt)
        XCTAssertGreaterThanOrEqual(res.finalCost, opt - 1e-6)
    }

    func testMPPISolvesConvexQuadratic() throws {
        let opt = Fixtures.integratorOptimum(x0: x0, goal: goal, horizon: T, q: q, r: r)
        let cost = try QuadraticCost(stateDim: 2, actionDim: 2, goal: goal, q: q, r: r)
        var c = config(iterations: 60)
        c.temperature = 0.01; c.initialStd = 0.1; c.smoothing = 0.3
        let res = try MPPIPlanner(dynamics: Fixtures.integrator(), cost: cost, config: c).plan(x0: Tensor(x0), initialActions: nil)
        print("MPPI: optimum \(opt), got \(res.finalCost)")
        // Measured: relative gap 0.9% (fixed-σ sampling keeps some noise in the weighted mean).
        XCTAssertLessThan(res.finalCost - opt, 2e-2 * opt)
        XCTAssertGreaterThan(res.counters["model_evaluations"] ?? 0, 0)
    }

    func testGradPlannerSolvesConvexQuadratic() throws {
        let opt = Fixtures.integratorOptimum(x0: x0, goal: goal, horizon: T, q: q, r: r)
        let cost = try QuadraticCost(stateDim: 2, actionDim: 2, goal: goal, q: q, r: r)
        var c = GradPlannerConfig(horizon: T, iterations: 500)
        c.learningRate = 0.02
        let res = try GradPlanner(dynamics: Fixtures.integrator(), cost: cost, config: c).plan(x0: Tensor(x0), initialActions: nil)
        print("grad: optimum \(opt), got \(res.finalCost)")
        // Measured: relative gap 8e-8.
        XCTAssertLessThan(res.finalCost - opt, 1e-4 * opt)
    }

    func testBoundedProblemsRespectBounds() throws {
        // The goal is far: unconstrained optima would exceed the box, so every planner must saturate at ±0.1.
        let far = [-5.0, 5.0]
        let cost = try QuadraticCost(stateDim: 2, actionDim: 2, goal: far, q: 1, r: 0.01)
        let box = try ActionBounds(symmetric: 0.1, dim: 2)
        var sc = config(iterations: 20); sc.bounds = box
        var gc = GradPlannerConfig(horizon: T, iterations: 200); gc.bounds = box; gc.learningRate = 0.05
        var gt = gc; gt.bounds = try ActionBounds(symmetric: 0.1, dim: 2, mode: .tanh)
        let plans = [
            ("cem", try CEMPlanner(dynamics: Fixtures.integrator(), cost: cost, config: sc).plan(x0: Tensor(x0), initialActions: nil)),
            ("mppi", try MPPIPlanner(dynamics: Fixtures.integrator(), cost: cost, config: sc).plan(x0: Tensor(x0), initialActions: nil)),
            ("grad clamp", try GradPlanner(dynamics: Fixtures.integrator(), cost: cost, config: gc).plan(x0: Tensor(x0), initialActions: nil)),
            ("grad tanh", try GradPlanner(dynamics: Fixtures.integrator(), cost: cost, config: gt).plan(x0: Tensor(x0), initialActions: nil)),
        ]
        for (name, p) in plans {
            let u = p.actions.scalars
            XCTAssertLessThanOrEqual(u.map(abs).max() ?? 1, 0.1 + 1e-6, "\(name) leaves the box")
            // Towards the goal: u_x < 0, u_y > 0, near the bound.
            for t in 0..<T { XCTAssertLessThan(u[2 * t], -0.08, name); XCTAssertGreaterThan(u[2 * t + 1], 0.08, name) }
        }
    }
}
