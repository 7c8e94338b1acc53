import SGPPlanning
import SGPTensor
import XCTest

/// The 2-D single integrator as a plant; reward −‖x − goal‖².
final class IntegratorPlant: Plant {
    let stateDim = 2, actionDim = 2
    var x = [0.0, 0.0]
    let goal: [Double]
    init(goal: [Double]) { self.goal = goal }
    func reset(seed: UInt64) throws -> [Double] { x = [0.6, -0.4]; return x }
    func step(_ u: [Double]) throws -> (next: [Double], reward: Double, terminated: Bool, truncated: Bool) {
        x = [x[0] + u[0], x[1] + u[1]]
        return (x, -((x[0] - goal[0]) * (x[0] - goal[0]) + (x[1] - goal[1]) * (x[1] - goal[1])), false, false)
    }
}

final class MPCAndErrorTests: XCTestCase {
    func gradPlanner(iterations: Int = 100) throws -> GradPlanner {
        var c = GradPlannerConfig(horizon: 5, iterations: iterations)
        c.learningRate = 0.02
        c.bounds = try ActionBounds(symmetric: 0.1, dim: 2)
        return try GradPlanner(dynamics: Fixtures.integrator(), cost: QuadraticCost(stateDim: 2, actionDim: 2, goal: [-0.2, 0.3], q: 1, r: 0.01), config: c)
    }

    func testMPCDrivesThePlantToTheGoal() throws {
        let plant = IntegratorPlant(goal: [-0.2, 0.3])
        let r = try MPC.run(plant: plant, planner: gradPlanner(), config: MPCConfig(steps: 15))
        XCTAssertEqual(r.actions.count, 15); XCTAssertEqual(r.states.count, 16); XCTAssertEqual(r.latencies.count, 15)
        let last = r.states[15]
        XCTAssertLessThan(abs(last[0] + 0.2) + abs(last[1] - 0.3), 0.02)
        // The model is exact, so predicted and realised next states agree.
        XCTAssertLessThan(r.predictionGap.max() ?? 1, 1e-5)
        XCTAssertLessThanOrEqual(r.latencyP50, r.latencyP95)
        // Deterministic: a second run gives the same actions.
        let again = try MPC.run(plant: IntegratorPlant(goal: [-0.2, 0.3]), planner: gradPlanner(), config: MPCConfig(steps: 15))
        XCTAssertEqual(again.actions, r.actions)
    }

    func testWrongInitialStateDimensionNamesX0() throws {
        XCTAssertThrowsError(try gradPlanner().plan(x0: Tensor([1, 2, 3]), initialActions: nil)) { e in
            XCTAssertEqual(e as? PlanningError, .shape(argument: "x0", expected: [2], got: [3]))
            XCTAssertTrue("\(e)".contains("'x0'"))
        }
    }

    func testCostWithWrongShapeNamesTheCost() throws {
        var c = GradPlannerConfig(horizon: 3, iterations: 2)
        c.learningRate = 0.1
        let bad = ClosureCost { xs, _ in try xs.sum(axes: [1]) }   // [B, dx] instead of [B]
        let p = try GradPlanner(dynamics: Fixtures.integrator(), cost: bad, config: c)
        XCTAssertThrowsError(try p.plan(x0: Tensor([0.1, 0.2]), initialActions: nil)) { e in
            XCTAssertEqual(e as? PlanningError, .shape(argument: "cost", expected: [1], got: [1, 2]))
        }
    }

    func testNaNInCostIsReportedWithItsIteration() throws {
        var c = GradPlannerConfig(horizon: 3, iterations: 2)
        c.learningRate = 0.1
        let nan = ClosureCost { xs, _ in try xs.sum(axes: [1, 2]) * Tensor(scalar: .nan) }
        let p = try GradPlanner(dynamics: Fixtures.integrator(), cost: nan, config: c)
        XCTAssertThrowsError(try p.plan(x0: Tensor([0.1, 0.2]), initialActions: nil)) { e in
            XCTAssertEqual(e as? PlanningError, .nonFinite(quantity: "cost", iteration: 0))
            XCTAssertEqual("\(e)", "cost is not finite (NaN or Inf) at iteration 0")
        }
    }

    func testBadConfigurationNamesTheArgument() throws {
        var c = GradPlannerConfig(horizon: 0, iterations: 2)
        XCTAssertThrowsError(try GradPlanner(dynamics: Fixtures.integrator(), cost: QuadraticCost(stateDim: 2, actionDim: 2), config: c)) { e in
            XCTAssertTrue("\(e)".hasPrefix("'horizon'"), "\(e)")
        }
        c.horizon = 3
        c.bounds = try ActionBounds(symmetric: 1, dim: 3)
        XCTAssertThrowsError(try GradPlanner(dynamics: Fixtures.integrator(), cost: QuadraticCost(stateDim: 2, actionDim: 2), config: c)) { e in
            XCTAssertEqual(e as? PlanningError, .shape(argument: "bounds", expected: [2], got: [3]))
        }
        let data = try Tensor(shape: [2, 3], floats: [0, 0, 0, 1, 1, 1])
        let score = try ExactScore(data: data, sigma: 0.1)
        XCTAssertThrowsError(try GradPlanner(dynamics: Fixtures.integrator(), score: score, cost: QuadraticCost(stateDim: 2, actionDim: 2),
                                             config: GradPlannerConfig(horizon: 2, iterations: 1))) { e in
            XCTAssertEqual(e as? PlanningError, .shape(argument: "score", expected: [4], got: [3]))
        }
    }

    func testCancellationReturnsThePlanSoFar() throws {
        let p = try gradPlanner(iterations: 50)
        ProgressSink.handler = { e in if e.task == "plan", e.done == 5 { Cancellation.request() } }
        defer { ProgressSink.handler = nil; Cancellation.reset() }
        let r = try p.plan(x0: Tensor([0.6, -0.4]), initialActions: nil)
        XCTAssertTrue(r.interrupted)
        XCTAssertEqual(r.iterations, 5)
        XCTAssertEqual(r.actions.shape, [1, 5, 2])
        XCTAssertEqual(r.actions.nonFiniteCount.nan, 0)
        XCTAssertLessThan(r.finalCost, r.cost[0])
    }
}
