import Foundation
import SGPNN
import SGPPlanning
import SGPTensor
import XCTest

/// The hole problem with a small score network trained here by denoising score matching (seeded), evaluated by
/// the fused `MLPScore` inside the planner.
final class LearnedScoreHoleTests: XCTestCase {
    /// One noise level, coarse enough that noisy samples cover the hole's centre (with σ = 0.1 the network never sees
    /// the centre and extrapolates there; with 1500 steps the score was still too weak and the path cut through).
    static let sigma = 0.2

    /// Trains dims [4, 64, 64, 4] (ELU) on ½‖σ·s(z + σε) + ε‖² with Adam; returns the network and the final loss.
    func trainScore(data: Tensor, steps: Int, seed: UInt64 = 5) throws -> (DenseStack, Double) {
        var rng = RandomStream(seed: seed, stream: "score-init")
        var net = try DenseStack(dims: [4, 64, 64, 4], activation: .elu, rng: &rng)
        let params = net.weights + net.biases
        let n = data.shape[0], batch = 256, sigma = Self.sigma
        var m = params.map { [Float](repeating: 0, count: $0.count) }, v = m
        let raw = data.floats
        var draw = RandomStream(seed: seed, stream: "score-train")
        var lastLoss = 0.0
        for step in 1...steps {
            var zb = [Float](repeating: 0, count: batch * 4), eb = zb
            for r in 0..<batch {
                let i = draw.int(below: n)
                for j in 0..<4 { let e = Float(draw.normal()); eb[r * 4 + j] = e; zb[r * 4 + j] = raw[i * 4 + j] + Float(sigma) * e }
            }
            let z = try Tensor(shape: [batch, 4], floats: zb), eps = try Tensor(shape: [batch, 4], floats: eb)
            let tracked = params.map { $0.requiringGrad() }
            let loss = try GradMode.withGrad { () -> Tensor in
                var h = z
                for l in 0..<3 {
                    h = try Tensor.linear(h, tracked[l], tracked[3 + l], activation: l < 2 ? .elu(alpha: 1) : .identity)
                }
                let r = try h * Tensor(scalar: sigma) + eps
                return try (r * r).sum() * Tensor(scalar: 0.5 / Double(batch))
            }
            lastLoss = try loss.item()
            let grads = try Autodiff.gradients(of: loss, wrt: tracked)
            let c1 = 1 / (1 - Foundation.pow(0.9, Double(step))), c2 = 1 / (1 - Foundation.pow(0.999, Double(step)))
            for (k, p) in params.enumerated() {
                let g = grads[k].floats, w = p.storage.f32
                for i in 0..<p.count {
                    m[k][i] = 0.9 * m[k][i] + 0.1 * g[i]; v[k][i] = 0.999 * v[k][i] + 0.001 * g[i] * g[i]
                    w[i] -= Float(1e-3 * Double(m[k][i]) * c1 / ((Double(v[k][i]) * c2).squareRoot() + 1e-8))
                }
            }
        }
        net = try DenseStack(dims: net.dims, weights: Array(params[0..<3]), biases: Array(params[3..<6]), activation: .elu)
        return (net, lastLoss)
    }

    func testLearnedScoreAlsoGoesAroundTheHole() throws {
        let data = try HoleFixture.data(count: 10_000)
        let (net, loss) = try trainScore(data: data, steps: 4000)
        let score = try MLPScore(net: net, sigmas: [Self.sigma])
        var cfg = GradPlannerConfig(horizon: HoleFixture.horizon, iterations: 300)
        cfg.learningRate = 0.01
        cfg.beta = 0.3
        cfg.bounds = try ActionBounds(symmetric: 0.1, dim: 2)
        let r = try GradPlanner(dynamics: HoleFixture.dynamics(), score: score, cost: HoleFixture.cost(), config: cfg)
            .plan(x0: Tensor(HoleFixture.start), initialActions: nil)
        let m = HoleFixture.metrics(r)
        // Measured: DSM loss 0.88 (2.10 untrained), min ‖x_t‖ 0.673, goal error 0.013.
        print("learned score: DSM loss \(loss), min norm \(m.minNorm), goal error \(m.goalError)")
        XCTAssertLessThan(loss, 1.5)
        XCTAssertGreaterThanOrEqual(m.minNorm, 0.38)
        XCTAssertLessThan(m.goalError, 0.05)
    }
}
