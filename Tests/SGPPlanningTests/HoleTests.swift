import Foundation
import SGPPlanning
import SGPTensor
import XCTest

final class HoleTests: XCTestCase {
    func plan(beta: Double, iterations: Int = 300) throws -> PlanResult {
        let score = try ExactScore(data: HoleFixture.data(count: 10_000), sigmas: ExactScore.cosineSigmas(max: 0.3, min: 0.05, levels: 5))
        var cfg = GradPlannerConfig(horizon: HoleFixture.horizon, iterations: iterations)
        cfg.learningRate = 0.01
        cfg.beta = beta
        cfg.bounds = try ActionBounds(symmetric: 0.1, dim: 2)
        let planner = try GradPlanner(dynamics: HoleFixture.dynamics(), score: score, cost: HoleFixture.cost(), config: cfg)
        return try planner.plan(x0: Tensor(HoleFixture.start), initialActions: nil)
    }

    func testScoreGuidedPathGoesAroundTheHole() throws {
        // β = 0.3 measured: min ‖x_t‖ 0.605, goal error 0.017 (β = 1 and 3 trade the goal error for the detour).
        let r = try plan(beta: 0.3)
        let m = HoleFixture.metrics(r)
        print("beta>0: min norm \(m.minNorm), goal error \(m.goalError), cost \(r.finalCost)")
        XCTAssertGreaterThanOrEqual(m.minNorm, 0.38)
        XCTAssertLessThan(m.goalError, 0.05)
    }

    func testWithoutPenaltyThePathCutsThrough() throws {
        let r = try plan(beta: 0)
        let m = HoleFixture.metrics(r)
        print("beta=0: min norm \(m.minNorm), goal error \(m.goalError), cost \(r.finalCost)")
        XCTAssertLessThan(m.minNorm, 0.3)
        XCTAssertLessThan(m.goalError, 0.05)
    }
}
