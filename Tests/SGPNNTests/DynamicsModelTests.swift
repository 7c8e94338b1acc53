import XCTest
import SGPTensor
@testable import SGPNN

final class DynamicsModelTests: XCTestCase {
    /// x' = A x + B u with a stable 3×3 A and a 3×1 B, x and u uniform.
    static func linearData(_ n: Int) throws -> (Tensor, Tensor, Tensor) {
        let a: [[Double]] = [[0.9, 0.1, 0], [-0.1, 0.95, 0.05], [0, 0.2, 0.8]], b = [0.5, -0.3, 1.0]
        var rng = RandomStream(seed: 3, stream: "data")
        var xs = [Double](), us = [Double](), ys = [Double]()
        for _ in 0..<n {
            let x = (0..<3).map { _ in rng.uniform(-2, 2) }, u = rng.uniform(-1, 1)
            xs += x; us.append(u)
            for i in 0..<3 { ys.append((0..<3).reduce(0) { $0 + a[i][$1] * x[$1] } + b[i] * u) }
        }
        return (try Tensor(shape: [n, 3], doubles: xs), try Tensor(shape: [n, 1], doubles: us), try Tensor(shape: [n, 3], doubles: ys))
    }

    static func config() -> TrainConfig {
        var c = TrainConfig()
        c.hidden = [32, 32]; c.activation = .tanh; c.epochs = 60; c.batch = 64; c.lr = 3e-3
        c.schedule = .cosine(floor: 0); c.seed = 11
        return c
    }

    func testRecoversALinearSystemAndEnsembleMembersDiffer() throws {
        let (x, u, y) = try Self.linearData(2000)
        let model = try DynamicsModel.train(x: x, u: u, xNext: y, config: Self.config(), ensemble: 2)
        XCTAssertEqual(model.members.count, 2)
        // Held-out test points from a fresh stream.
        var rng = RandomStream(seed: 99, stream: "test")
        let xt = Tensor.rand([200, 3], lo: -1.5, hi: 1.5, rng: &rng), ut = Tensor.rand([200, 1], lo: -1, hi: 1, rng: &rng)
        let a: [[Float]] = [[0.9, 0.1, 0], [-0.1, 0.95, 0.05], [0, 0.2, 0.8]], b: [Float] = [0.5, -0.3, 1.0]
        let pred = try model.predict(x: xt, u: ut)
        var err = 0.0, scale = 0.0
        for r in 0..<200 { for i in 0..<3 {
            var t = b[i] * ut.floats[r]
            for j in 0..<3 { t += a[i][j] * xt.floats[r * 3 + j] }
            let e = Double(pred.floats[r * 3 + i] - t)
            err += e * e; scale += Double(t * t)
        } }
        let rel = (err / scale).squareRoot()
        print("relative RMS error of the learned linear system", rel)
        XCTAssertLessThan(rel, 0.02) // measured 0.0054
        let p0 = try model.predict(x: xt, u: ut, member: 0), p1 = try model.predict(x: xt, u: ut, member: 1)
        XCTAssertNotEqual(p0.floats, p1.floats, "ensemble members must be initialised independently")
        XCTAssertNotEqual(model.members[0].parameters.floats, model.members[1].parameters.floats)
        XCTAssertEqual(model.histories.count, 2)
        XCTAssertEqual(model.lastMembers.count, 2)
        // Best-by-validation and last weights are both kept (they differ unless the last epoch was the best).
        if model.histories[0].bestEpoch < model.histories[0].valLoss.count {
            XCTAssertNotEqual(model.lastMembers[0].parameters.floats, model.members[0].parameters.floats)
        } else {
            XCTAssertEqual(model.lastMembers[0].parameters.floats, model.members[0].parameters.floats)
        }
        XCTAssertLessThan(model.histories[0].valLoss.last ?? 1, model.histories[0].valLoss.first ?? 0)
    }

    func testVJPMatchesFiniteDifferencesAndTape() throws {
        let (x, u, y) = try Self.linearData(300)
        var cfg = Self.config(); cfg.epochs = 3
        let model = try DynamicsModel.train(x: x, u: u, xNext: y, config: cfg)
        var rng = RandomStream(seed: 5, stream: "probe")
        let xs = Tensor.randn([2, 3], rng: &rng), us = Tensor.randn([2, 1], rng: &rng), gy = Tensor.randn([2, 3], rng: &rng)
        let (gx, gu) = try model.vjp(x: xs, u: us, cotangent: gy)
        func f(_ x: Tensor, _ u: Tensor) throws -> Double {
            let p = try model.predict(x: x, u: u)
            return (0..<6).reduce(0) { $0 + p.scalar(at: $1) * gy.scalar(at: $1) }
        }
        let h: Float = 1e-2
        for i in 0..<6 {
            let xp = xs.copy(), xm = xs.copy()
            xp.storage.f32[i] += h; xm.storage.f32[i] -= h
            XCTAssertEqual(gx.scalar(at: i), (try f(xp, us) - f(xm, us)) / (2 * Double(h)), accuracy: 5e-3)
        }
        let up = us.copy(), um = us.copy()
        up.storage.f32[1] += h; um.storage.f32[1] -= h
        XCTAssertEqual(gu.scalar(at: 1), (try f(xs, up) - f(xs, um)) / (2 * Double(h)), accuracy: 5e-3)
        // Through the autodiff tape.
        let xt = xs.requiringGrad(), ut = us.requiringGrad()
        let out = try model(xt, ut)
        let g = try Autodiff.gradients(of: out, wrt: [xt, ut], seed: gy)
        XCTAssertEqual(g[0].floats, gx.floats)
        XCTAssertEqual(g[1].floats, gu.floats)
    }

    func testSameSeedGivesBitIdenticalWeights() throws {
        let (x, u, y) = try Self.linearData(300)
        var cfg = Self.config(); cfg.epochs = 3
        let a = try DynamicsModel.train(x: x, u: u, xNext: y, config: cfg)
        let b = try DynamicsModel.train(x: x, u: u, xNext: y, config: cfg)
        XCTAssertEqual(a.members[0].parameters.floats, b.members[0].parameters.floats)
        cfg.seed += 1
        let c = try DynamicsModel.train(x: x, u: u, xNext: y, config: cfg)
        XCTAssertNotEqual(a.members[0].parameters.floats, c.members[0].parameters.floats)
        let s1 = try ScoreModel.train(data: x, sigmas: [0.2, 0.1], config: cfg)
        let s2 = try ScoreModel.train(data: x, sigmas: [0.2, 0.1], config: cfg)
        XCTAssertEqual(s1.network.parameters.floats, s2.network.parameters.floats)
    }

    func testRejectsMismatchedShapes() throws {
        let (x, u, y) = try Self.linearData(50)
        XCTAssertThrowsError(try DynamicsModel.train(x: x, u: u, xNext: u, config: Self.config()))
        let model = try DynamicsModel.train(x: x, u: u, xNext: y, config: { var c = Self.config(); c.epochs = 1; return c }())
        XCTAssertThrowsError(try model.predict(x: u, u: u))
        XCTAssertThrowsError(try model.predict(x: x, u: u, member: 3))
    }

    func testRewardModelFitsAQuadratic() throws {
        var rng = RandomStream(seed: 1, stream: "data")
        let x = Tensor.rand([1000, 2], lo: -1, hi: 1, rng: &rng)
        let r = Tensor((0..<1000).map { i in -(x.scalar(at: 2 * i) * x.scalar(at: 2 * i) + 0.5 * x.scalar(at: 2 * i + 1)) })
        var cfg = Self.config(); cfg.epochs = 200
        let model = try RewardModel.train(inputs: x, rewards: r, config: cfg)
        let p = try model.predict(x)
        var err = 0.0
        for i in 0..<1000 { err += Foundation.pow(p.scalar(at: i) - r.scalar(at: i), 2) }
        let rms = (err / 1000).squareRoot()
        print("reward RMS error", rms)
        XCTAssertLessThan(rms, 0.03) // measured 0.0066; targets span about ±1.5
    }
}
