import SGPNN
import SGPPlanning
import SGPTensor
import XCTest
import Foundation

final class EnsembleAndDirTranTests: XCTestCase {
    /// x' = x + a·u as an exact linear DenseStack.
    func scaledIntegrator(_ a: Float) throws -> MLPDynamics {
        let w = try Tensor(shape: [4, 2], floats: [0, 0, 0, 0, a, 0, 0, a])
        let net = try DenseStack(dims: [4, 2], weights: [w], biases: [Tensor.zeros([2])], activation: .identity)
        return try MLPDynamics(net: net, stateDim: 2, actionDim: 2)
    }

    func testEnsembleGradientMatchesFiniteDifferences() throws {
        let gains: [Double] = [1, 0.7, 1.3], goal = [0.4, -0.2], T = 3, beta = 0.5
        let cost = try QuadraticCost(stateDim: 2, actionDim: 2, goal: goal, q: 1, r: 0.1)
        var rng = RandomStream(seed: 4, stream: "ensemble-test")
        let u0 = Tensor.randn([1, T, 2], std: 0.3, rng: &rng), x0 = [0.1, 0.2]
        for penalty in [EnsembleGradPlanner.Penalty.costVariance, .stateDisagreement] {
            var c = GradPlannerConfig(horizon: T, iterations: 1)
            c.optimizer = .gradientDescent; c.learningRate = 1; c.beta = beta
            let p = try EnsembleGradPlanner(members: gains.map { try scaledIntegrator(Float($0)) }, cost: cost, penalty: penalty, config: c)
            let r = try p.plan(x0: Tensor(x0), initialActions: u0)
            let got = zip(u0.scalars, r.actions.scalars).map { $0 - $1 }
            func objective(_ u: [Double]) -> Double {
                var cs: [Double] = [], xs: [[[Double]]] = []
                for a in gains {
                    var x = x0, c = 0.0, traj: [[Double]] = []
                    for t in 0..<T {
                        for j in 0..<2 { x[j] += a * u[t * 2 + j]; c += (x[j] - goal[j]) * (x[j] - goal[j]) + 0.1 * u[t * 2 + j] * u[t * 2 + j] }
                        traj.append(x)
                    }
                    cs.append(c); xs.append(traj)
                }
                let m = cs.reduce(0, +) / 3
                if penalty == .costVariance { return m + beta * cs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 3 }
                var pen = 0.0
                for t in 0..<T { for j in 0..<2 {
                    let xm = xs.reduce(0) { $0 + $1[t][j] } / 3
                    pen += xs.reduce(0) { $0 + ($1[t][j] - xm) * ($1[t][j] - xm) } / 3
                } }
                return m + beta * pen
            }
            let us = u0.scalars, h = 1e-5
            var maxErr = 0.0
            for i in us.indices {
                var up = us, dn = us; up[i] += h; dn[i] -= h
                maxErr = max(maxErr, abs((objective(up) - objective(dn)) / (2 * h) - got[i]))
            }
            XCTAssertLessThan(maxErr, 1e-4, "\(penalty): gradient differs from finite differences by \(maxErr)")
        }
    }

    func testDirTranWithModelDefectReachesPinnedGoalFeasibly() throws {
        let T = 10, goal = [-0.5, 0.3]
        var base = GradPlannerConfig(horizon: T, iterations: 3000)
        base.learningRate = 0.01
        var c = DirectTranscription.Config(base: base)
        c.defectWeight = 100; c.pinnedTerminal = goal
        let cost = try QuadraticCost(stateDim: 2, actionDim: 2, q: 0, r: 1)
        let p = try DirectTranscription(stateDim: 2, actionDim: 2, score: nil, dynamics: Fixtures.integrator(), cost: cost, config: c)
        let r = try p.plan(x0: Tensor([0.4, 0.1]), initialActions: nil)
        let x = r.states.scalars, u = r.actions.scalars
        var maxDefect = 0.0
        for t in 0..<T { for j in 0..<2 { maxDefect = max(maxDefect, abs(x[(t + 1) * 2 + j] - x[t * 2 + j] - u[t * 2 + j])) } }
        XCTAssertEqual(x[T * 2], goal[0], accuracy: 1e-6); XCTAssertEqual(x[T * 2 + 1], goal[1], accuracy: 1e-6)
        // Measured: max defect 0.001, u_0 = (−0.085, 0.020) (a penalty, not a constraint: defect ≈ r·u/α).
        XCTAssertLessThan(maxDefect, 0.005)
        // Minimum-effort transfer splits the displacement evenly: u_t ≈ (goal − x0)/T.
        XCTAssertEqual(u[0], -0.09, accuracy: 0.01); XCTAssertEqual(u[1], 0.02, accuracy: 0.01)
    }

    func testDirTranWithTransitionScoreFollowsTheDynamics() throws {
        // 1-D integrator: data (x, u, x + u); the exact score of these replaces the model. In 1-D every σ-ball holds
        // ~150 data points, so the blurred data mean lies close to the transition manifold (in higher dimension a
        // few thousand points leave defects of the order of the data spacing).
        var rng = RandomStream(seed: 9, stream: "xux-data")
        var rows: [Double] = []
        // Actions span ±0.4 ≫ σ so the blurred density has no pull towards u = 0 along the planned path (with ±0.2
        // the edge pull alone left defects of 0.04).
        let n = 6000
        for _ in 0..<n {
            let x = rng.uniform(-1, 1), u = rng.uniform(-0.4, 0.4)
            rows += [x, u, x + u]
        }
        let score = try ExactScore(data: Tensor(shape: [n, 3], doubles: rows), sigmas: [0.08])
        let T = 8, goal = -0.3
        var base = GradPlannerConfig(horizon: T, iterations: 600)
        base.learningRate = 0.01; base.beta = 20
        var c = DirectTranscription.Config(base: base)
        c.pinnedTerminal = [goal]
        // Effort weight r ≪ β: with a penalty the defect settles near r·u/β.
        let cost = try QuadraticCost(stateDim: 1, actionDim: 1, q: 0, r: 0.01)
        let p = try DirectTranscription(stateDim: 1, actionDim: 1, score: score, dynamics: nil, cost: cost, config: c)
        let r = try p.plan(x0: Tensor([0.3]), initialActions: nil)
        let x = r.states.scalars, u = r.actions.scalars
        var maxDefect = 0.0
        for t in 0..<T { maxDefect = max(maxDefect, abs(x[t + 1] - x[t] - u[t])) }
        // Measured: max defect 0.0128 (data noise of the blurred mean); the initial guess (u = 0) has defects 0.075.
        XCTAssertEqual(x[T], goal, accuracy: 1e-6)
        XCTAssertLessThan(maxDefect, 0.03)
    }
}

final class DirTranGradientTests: XCTestCase {
    func testScorePenaltyGradientScattersToStatesActionsAndNextStates() throws {
        let T = 3, score = AffineScore(dim: 6, seed: 8), sigma = 0.5
        var base = GradPlannerConfig(horizon: T, iterations: 1)
        base.optimizer = .gradientDescent; base.learningRate = 1; base.beta = 1
        let c = DirectTranscription.Config(base: base)
        let zero = try QuadraticCost(stateDim: 2, actionDim: 2, q: 0, r: 0)
        let p = try DirectTranscription(stateDim: 2, actionDim: 2, score: score, dynamics: Fixtures.integrator(), cost: zero, config: c)
        var p2 = p.config; p2.defectWeight = 0; p.config = p2
        var rng = RandomStream(seed: 2, stream: "dirtran-grad")
        let u0 = Tensor.randn([1, T, 2], std: 0.3, rng: &rng), x0 = [0.2, -0.1]
        let r = try p.plan(x0: Tensor(x0), initialActions: u0)
        // Before the step, states are the model's rollout x_{t+1} = x_t + u_t.
        let u = u0.scalars
        var xs = [x0]
        for t in 0..<T { xs.append([xs[t][0] + u[2 * t], xs[t][1] + u[2 * t + 1]]) }
        let w = sigma * sigma
        var gx = [[Double]](repeating: [0, 0], count: T + 1), gu = [[Double]](repeating: [0, 0], count: T)
        for t in 0..<T {
            let s = score.eval(xs[t] + [u[2 * t], u[2 * t + 1]] + xs[t + 1])
            for j in 0..<2 { gx[t][j] -= w * s[j]; gu[t][j] -= w * s[2 + j]; gx[t + 1][j] -= w * s[4 + j] }
        }
        let newX = r.states.scalars, newU = r.actions.scalars
        for t in 0..<T {
            for j in 0..<2 {
                XCTAssertEqual(u[2 * t + j] - newU[2 * t + j], gu[t][j], accuracy: 1e-5)
                XCTAssertEqual(xs[t + 1][j] - newX[2 * (t + 1) + j], gx[t + 1][j], accuracy: 1e-5)
            }
        }
        XCTAssertEqual(newX[0], x0[0], accuracy: 1e-7)
    }
}
