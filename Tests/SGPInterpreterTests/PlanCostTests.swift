import SGPPlanning
import SGPSyntax
import SGPTensor
import XCTest
@testable import SGPInterpreter

/// A cost written in the language drives the gradient planner exactly like the compiled `QuadraticCost` on the
/// same problem: same per-iteration gradient norms and the same final actions.
final class PlanCostTests: XCTestCase {
    static let script = """
    goal = [0.2, 0.1]
    f = (x, u) -> x + u
    cost = (x, u) -> sum((x - goal) ^ 2, axis=[1, 2]) + 0.1 * sum(u * u, axis=[1, 2])
    terminal = (xT) -> 6 * sum((xT - goal) ^ 2, axis=1)
    p = plan(grad, dynamics=f, cost=cost, terminal=terminal, x0=[[0.5, -0.3], [-0.4, 0.6]], horizon=10, iters=30, lr=0.05, bounds=[-1, 1], action_dim=2)
    """

    func testLanguageCostMatchesQuadraticCostPath() throws {
        let interp = Interpreter(options: InterpreterOptions())
        let r = interp.run(Source(name: "<plan>", text: Self.script))
        XCTAssertNil(r.error, "\(String(describing: r.error))")
        guard case .opaque(let pv as PlanValue)? = interp.global("p") else { return XCTFail("p is not a plan") }
        let lang = pv.result

        // The Swift path: same dynamics, the fused quadratic cost (running q = 1 on x_1 … x_T, r = 0.1, terminal 5;
        // the language cost also counts x_0, a constant that does not change any gradient).
        var cfg = GradPlannerConfig(horizon: 10, iterations: 30)
        cfg.learningRate = 0.05
        cfg.bounds = try ActionBounds(symmetric: 1, dim: 2)
        let dyn = try TapeDynamics(stateDim: 2, actionDim: 2) { x, u in try x + u }
        let quad = try QuadraticCost(stateDim: 2, actionDim: 2, goal: [0.2, 0.1], q: 1, r: 0.1, terminal: 5)
        let swift = try GradPlanner(dynamics: dyn, cost: quad, config: cfg).plan(x0: try Tensor(shape: [2, 2], doubles: [0.5, -0.3, -0.4, 0.6]))

        XCTAssertEqual(lang.gradNorm.count, 30)
        for (a, b) in zip(lang.gradNorm, swift.gradNorm) { XCTAssertEqual(a, b, accuracy: 1e-4 * max(1, abs(b))) }
        XCTAssertEqual(lang.actions.shape, swift.actions.shape)
        let la = lang.actions.scalars, sa = swift.actions.scalars
        XCTAssertGreaterThan(sa.map(abs).max() ?? 0, 0.01)  // the plan moved, so the comparison means something
        for (a, b) in zip(la, sa) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        // Costs differ by the constant x_0 term only: Σ_b ‖x0_b − g‖² / B.
        let x0term = ((0.3 * 0.3 + 0.4 * 0.4) + (0.6 * 0.6 + 0.5 * 0.5)) / 2
        XCTAssertEqual(lang.finalCost, swift.finalCost + x0term, accuracy: 1e-4)
    }
}
