import SGPNN
import SGPPlanning
import SGPTensor
import XCTest

/// A fixed, non-trivial score field s(z) = A z + c (planners treat it as a constant; any field will do).
final class AffineScore: ScoreField {
    let dim: Int, a: [Double], c: [Double]
    var levels: Int { 1 }
    var sigmas: [Double] { [0.5] }
    init(dim: Int, seed: UInt64) {
        var rng = RandomStream(seed: seed, stream: "affine-score")
        self.dim = dim
        a = (0..<(dim * dim)).map { _ in rng.uniform(-1, 1) }
        c = (0..<dim).map { _ in rng.uniform(-1, 1) }
    }
    func eval(_ z: [Double]) -> [Double] { (0..<dim).map { i in c[i] + (0..<dim).reduce(0) { $0 + a[i * dim + $1] * z[$1] } } }
    func score(_ z: Tensor, level: Int) throws -> Tensor {
        let n = z.shape[0], v = z.scalars
        return try Tensor(shape: [n, dim], doubles: (0..<n).flatMap { eval(Array(v[($0 * dim)..<(($0 + 1) * dim)])) })
    }
}

final class GradientTests: XCTestCase {
    let dx = 3, du = 2, batch = 2, horizon = 4
    let kx = [0.5, 2.0, 1.0], bx = [0.1, -0.2, 0.0], ku = [0.3, 1.5], bu = [0.05, 0.0]

    func stack(_ act: Activation, hidden: [Int] = [8, 6]) throws -> DenseStack {
        var rng = RandomStream(seed: 3, stream: "gradient-test-net")
        return try DenseStack(dims: [dx + du] + hidden + [dx], activation: act, rng: &rng)
    }

    /// Independent Float64 rollout of the normalised residual MLP: states x_0 … x_T for one trajectory.
    func rollout(_ net: DenseStack, x0: [Double], u: [[Double]]) -> [[Double]] {
        var xs = [x0]
        for t in 0..<u.count {
            let x = xs[t]
            var h: [Double] = []
            for j in 0..<dx { h.append((x[j] - bx[j]) / kx[j]) }
            for j in 0..<du { h.append((u[t][j] - bu[j]) / ku[j]) }
            for l in 0..<(net.dims.count - 1) {
                let w = net.weights[l].scalars, b = net.biases[l].scalars, o = net.dims[l + 1]
                var y = [Double](repeating: 0, count: o)
                for j in 0..<o {
                    var acc = b[j]
                    for i in h.indices { acc += h[i] * w[i * o + j] }
                    if l < net.dims.count - 2 {
                        switch net.activation {
                        case .tanh: acc = Foundation.tanh(acc)
                        case .relu: acc = max(acc, 0)
                        default: acc = acc / (1 + Foundation.exp(-acc))
                        }
                    }
                    y[j] = acc
                }
                h = y
            }
            xs.append((0..<dx).map { x[$0] + kx[$0] * h[$0] })
        }
        return xs
    }

    /// The gradient a one-iteration, lr = 1 gradient-descent plan applies: U0 − U1.
    func plannerGradient(dynamics: RolloutDynamics, score: ScoreField?, cost: TrajectoryCost, x0: Tensor, u0: Tensor) throws -> [Double] {
        var cfg = GradPlannerConfig(horizon: horizon, iterations: 1)
        cfg.learningRate = 1; cfg.optimizer = .gradientDescent; cfg.beta = score == nil ? 0 : 1
        let r = try GradPlanner(dynamics: dynamics, score: score, cost: cost, config: cfg).plan(x0: x0, initialActions: u0)
        return zip(u0.scalars, r.actions.scalars).map { $0 - $1 }
    }

    func inputs() throws -> (Tensor, Tensor) {
        var rng = RandomStream(seed: 11, stream: "gradient-test-inputs")
        return (Tensor.randn([batch, dx], std: 0.5, rng: &rng), Tensor.randn([batch, horizon, du], std: 0.5, rng: &rng))
    }

    func split(_ u: [Double], b: Int) -> [[Double]] { (0..<horizon).map { t in Array(u[((b * horizon + t) * du)..<((b * horizon + t + 1) * du)]) } }

    func testSurrogateGradientEqualsJacobianTransposeScore() throws {
        // Widths ≥ 32 take the packed-kernel path (fused bias/ReLU and ReLU mask), narrow ones BLAS.
        for (act, hidden) in [(Activation.tanh, [8, 6]), (.silu, [8, 6]), (.relu, [40, 36]), (.tanh, [40, 36])] {
            let net = try stack(act, hidden: hidden)
            let dyn = try MLPDynamics(net: net, stateDim: dx, actionDim: du, stateScale: kx, stateOffset: bx, actionScale: ku, actionOffset: bu)
            let score = AffineScore(dim: dx + du, seed: 5)
            let (x0, u0) = try inputs()
            let zeroCost = try QuadraticCost(stateDim: dx, actionDim: du, q: 0, r: 0, terminal: 0)
            let got = try plannerGradient(dynamics: dyn, score: score, cost: zeroCost, x0: x0, u0: u0)
            // Independent: −(1/B) Σ_t ⟨s(z_t(U0)), ∂z_t/∂u_j⟩ with ∂z_t/∂u_j from central differences of the rollout.
            let us = u0.scalars, xs = x0.scalars, h = 1e-5
            var maxErr = 0.0, maxRef = 0.0
            for b in 0..<batch {
                let x0b = Array(xs[(b * dx)..<((b + 1) * dx)])
                let base = rollout(net, x0: x0b, u: split(us, b: b))
                let s = (0..<horizon).map { score.eval(base[$0] + split(us, b: b)[$0]) }
                for i in 0..<(horizon * du) {
                    var up = us, dn = us
                    up[b * horizon * du + i] += h; dn[b * horizon * du + i] -= h
                    let xp = rollout(net, x0: x0b, u: split(up, b: b)), xm = rollout(net, x0: x0b, u: split(dn, b: b))
                    var gref = 0.0
                    for t in 0..<horizon {
                        let zp = xp[t] + split(up, b: b)[t], zm = xm[t] + split(dn, b: b)[t]
                        for j in 0..<(dx + du) { gref -= s[t][j] * (zp[j] - zm[j]) / (2 * h) }
                    }
                    gref /= Double(batch)
                    maxErr = max(maxErr, abs(gref - got[b * horizon * du + i])); maxRef = max(maxRef, abs(gref))
                }
            }
            XCTAssertGreaterThan(maxRef, 0.1, "\(act): reference gradient should be non-trivial")
            XCTAssertLessThan(maxErr, 2e-4 * max(1, maxRef), "\(act): surrogate gradient differs from Jᵀs by \(maxErr)")
        }
    }

    func testFusedRolloutCostGradientMatchesFiniteDifferences() throws {
        let net = try stack(.tanh)
        let dyn = try MLPDynamics(net: net, stateDim: dx, actionDim: du, stateScale: kx, stateOffset: bx, actionScale: ku, actionOffset: bu)
        let cost = try QuadraticCost(goal: [0.3, -0.1, 0.2], stateWeight: [1, 0.5, 2], actionWeight: [0.1, 0.3], terminalWeight: [3, 1, 0])
        let (x0, u0) = try inputs()
        let got = try plannerGradient(dynamics: dyn, score: nil, cost: cost, x0: x0, u0: u0)
        func total(_ u: [Double]) -> Double {
            var c = 0.0
            for b in 0..<batch {
                let uu = split(u, b: b)
                let xs = rollout(net, x0: Array(x0.scalars[(b * dx)..<((b + 1) * dx)]), u: uu)
                for t in 1...horizon { for j in 0..<dx {
                    let e = xs[t][j] - cost.goal[j]
                    c += (cost.stateWeight[j] + (t == horizon ? cost.terminalWeight[j] : 0)) * e * e
                } }
                for t in 0..<horizon { for j in 0..<du { c += cost.actionWeight[j] * uu[t][j] * uu[t][j] } }
            }
            return c / Double(batch)
        }
        let us = u0.scalars, h = 1e-5
        var maxErr = 0.0, maxRef = 0.0
        for i in us.indices {
            var up = us, dn = us; up[i] += h; dn[i] -= h
            let gref = (total(up) - total(dn)) / (2 * h)
            maxErr = max(maxErr, abs(gref - got[i])); maxRef = max(maxRef, abs(gref))
        }
        XCTAssertGreaterThan(maxRef, 0.1)
        XCTAssertLessThan(maxErr, 2e-4 * max(1, maxRef), "fused BPTT gradient differs from finite differences by \(maxErr)")
    }

    func testTapeDynamicsAndClosureCostGradientMatchFiniteDifferences() throws {
        // x' = x + 0.1·x⊙x·… : a nonlinear map written with tensor ops; cost Σ X² + Σ U³-free quadratic via the tape.
        let mix = try Tensor(shape: [du, dx], doubles: [0.5, -0.3, 0.2, 0.1, 0.4, -0.6])
        let dyn = try TapeDynamics(stateDim: dx, actionDim: du) { x, u in
            try x + (x * x) * Tensor(scalar: 0.1) + u.matmul(mix)
        }
        let cost = ClosureCost { xs, us in try (xs * xs).sum(axes: [1, 2]) + (us * us).sum(axes: [1, 2]) * Tensor(scalar: 0.2) }
        let (x0, u0) = try inputs()
        let got = try plannerGradient(dynamics: dyn, score: nil, cost: cost, x0: x0, u0: u0)
        let m = mix.scalars
        func total(_ u: [Double]) -> Double {
            var c = 0.0
            for b in 0..<batch {
                var x = Array(x0.scalars[(b * dx)..<((b + 1) * dx)])
                for v in x { c += v * v }
                for t in 0..<horizon {
                    let ut = split(u, b: b)[t]
                    var nx = [Double](repeating: 0, count: dx)
                    for j in 0..<dx {
                        var v = x[j] + 0.1 * x[j] * x[j]
                        for k in 0..<du { v += ut[k] * m[k * dx + j] }
                        nx[j] = v
                    }
                    x = nx
                    for v in x { c += v * v }
                    for v in ut { c += 0.2 * v * v }
                }
            }
            return c / Double(batch)
        }
        let us = u0.scalars, h = 1e-5
        var maxErr = 0.0, maxRef = 0.0
        for i in us.indices {
            var up = us, dn = us; up[i] += h; dn[i] -= h
            let gref = (total(up) - total(dn)) / (2 * h)
            maxErr = max(maxErr, abs(gref - got[i])); maxRef = max(maxRef, abs(gref))
        }
        XCTAssertGreaterThan(maxRef, 0.1)
        XCTAssertLessThan(maxErr, 2e-4 * max(1, maxRef), "tape BPTT gradient differs from finite differences by \(maxErr)")
    }
}

import Foundation
