import XCTest
import SGPTensor
@testable import SGPNN

final class MultiStepTests: XCTestCase {
    func testWindowStartsStayInsideEpisodes() throws {
        // Two episodes: rows 0-3 and 4-6 (x[t+1] == x'[t] inside an episode).
        let xs: [Double] = [0, 1, 2, 3, 10, 11, 12], nx: [Double] = [1, 2, 3, 4, 11, 12, 13]
        let x = try Tensor(shape: [7, 1], doubles: xs), n = try Tensor(shape: [7, 1], doubles: nx)
        XCTAssertEqual(DynamicsModel.windowStarts(x: x, xNext: n, horizon: 3, ends: nil), [0, 1, 4])
        XCTAssertEqual(DynamicsModel.windowStarts(x: x, xNext: n, horizon: 1, ends: nil), Array(0..<7))
        let ends = [false, true, false, false, false, false, true]
        XCTAssertEqual(DynamicsModel.windowStarts(x: x, xNext: n, horizon: 2, ends: ends), [0, 2, 3, 4, 5])
    }

    /// The rollout gradient against central finite differences.
    func testRolloutGradientMatchesFiniteDifferences() throws {
        var rng = RandomStream(seed: 2, stream: "init")
        let net = Network(spec: try NetworkSpec(dims: [3, 8, 2], activation: .tanh), rng: &rng)
        let inputs = Tensor.randn([6, 3], rng: &rng), targets = Tensor.randn([6, 2], rng: &rng)
        let obj = try MultiStepObjective(network: net, inputs: inputs, targets: targets, stateDim: 2, horizon: 3, batch: 4)
        let rows = [0, 1, 3]
        var noise = RandomStream(seed: 0)
        func loss() throws -> Double { try rows.withUnsafeBufferPointer { try obj.lossAndGradient(rows: $0, rng: &noise) } }
        _ = try loss()
        let grads = (0..<net.parameterCount).map { Double(obj.gradients[$0]) }
        let p = net.parameters.storage.f32, h: Float = 1e-2
        var worst = 0.0
        for i in 0..<net.parameterCount {
            let old = p[i]
            p[i] = old + h; let up = try loss()
            p[i] = old - h; let down = try loss()
            p[i] = old
            let fd = (up - down) / (2 * Double(h))
            worst = max(worst, abs(fd - grads[i]) / (2e-3 + 2e-2 * abs(fd)))
        }
        XCTAssertLessThan(worst, 1)
    }

    func testMultiStepTrainingRecoversALinearSystem() throws {
        // One long trajectory of x' = A x + B u cut into episodes of 20 steps.
        let a: [[Double]] = [[0.9, 0.1], [-0.2, 0.95]], b = [0.3, 0.5]
        var rng = RandomStream(seed: 4, stream: "data")
        var xs = [Double](), us = [Double](), ns = [Double](), ends = [Bool]()
        for _ in 0..<60 {
            var x = [rng.uniform(-1, 1), rng.uniform(-1, 1)]
            for t in 0..<20 {
                let u = rng.uniform(-1, 1)
                let y = [a[0][0] * x[0] + a[0][1] * x[1] + b[0] * u, a[1][0] * x[0] + a[1][1] * x[1] + b[1] * u]
                xs += x; us.append(u); ns += y; ends.append(t == 19)
                x = y
            }
        }
        let x = try Tensor(shape: [1200, 2], doubles: xs), u = try Tensor(shape: [1200, 1], doubles: us)
        let xn = try Tensor(shape: [1200, 2], doubles: ns)
        var cfg = TrainConfig(); cfg.hidden = [32]; cfg.activation = .tanh; cfg.epochs = 40; cfg.batch = 64; cfg.lr = 3e-3; cfg.seed = 1
        let model = try DynamicsModel.train(x: x, u: u, xNext: xn, config: cfg, horizon: 4, episodeEnds: ends)
        let pred = try model.predict(x: x, u: u)
        var err = 0.0, scale = 0.0
        for i in 0..<2400 { err += Foundation.pow(pred.scalar(at: i) - xn.scalar(at: i), 2); scale += xn.scalar(at: i) * xn.scalar(at: i) }
        let rel = (err / scale).squareRoot()
        print("multi-step relative RMS error", rel, "val", model.histories[0].valLoss.first ?? 0, "→", model.histories[0].valLoss.last ?? 0)
        XCTAssertLessThan(rel, 0.03) // measured 0.0144
        XCTAssertThrowsError(try DynamicsModel.train(x: x, u: u, xNext: xn, config: cfg, horizon: 4, episodeEnds: [true]))
    }
}
