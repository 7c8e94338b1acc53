import XCTest
import SGPTensor
@testable import SGPNN

final class OptimizerTests: XCTestCase {
    /// Three Adam steps against PyTorch's formula written out in Double.
    func testAdamMatchesPyTorchFormula() {
        for (wd, decoupled) in [(0.0, true), (0.1, true), (0.1, false)] {
            let opt = Adam(count: 2, weightDecay: Float(wd), decoupled: decoupled)
            let p = Tensor([1.0, -2.0]), lr = 0.01
            var ref = [1.0, -2.0], m = [0.0, 0.0], v = [0.0, 0.0]
            let gs: [[Double]] = [[0.5, -0.1], [0.2, 0.3], [-1.0, 0.05]]
            for (t, g) in gs.enumerated() {
                let gt = Tensor(g)
                opt.update(params: p.storage.f32, grads: gt.storage.f32, lr: Float(lr))
                let step = Double(t + 1)
                for i in 0..<2 {
                    var gi = g[i]
                    if decoupled { ref[i] *= 1 - lr * wd } else { gi += wd * ref[i] }
                    m[i] = 0.9 * m[i] + 0.1 * gi
                    v[i] = 0.999 * v[i] + 0.001 * gi * gi
                    let mhat = m[i] / (1 - Foundation.pow(0.9, step)), vhat = v[i] / (1 - Foundation.pow(0.999, step))
                    ref[i] -= lr * mhat / (vhat.squareRoot() + 1e-8)
                }
            }
            XCTAssertEqual(p.scalar(at: 0), ref[0], accuracy: 1e-6)
            XCTAssertEqual(p.scalar(at: 1), ref[1], accuracy: 1e-6)
            XCTAssertEqual(opt.step, 3)
        }
    }

    /// Clipping by global norm: a gradient of norm 5 clipped to 1 behaves like the gradient scaled by 1/5.
    func testClippingScalesByGlobalNorm() {
        let a = Adam(count: 2, clipNorm: 1), b = Adam(count: 2)
        let pa = Tensor([0.0, 0.0]), pb = Tensor([0.0, 0.0])
        let g = Tensor([3.0, 4.0]), gs = Tensor([0.6, 0.8])
        // Two steps so the eps term and moments make the difference visible if the scaling were wrong.
        for _ in 0..<2 {
            a.update(params: pa.storage.f32, grads: g.storage.f32, lr: 0.1)
            b.update(params: pb.storage.f32, grads: gs.storage.f32, lr: 0.1)
        }
        XCTAssertEqual(a.lastGradNorm, 5, accuracy: 1e-6)
        XCTAssertEqual(pa.floats[0], pb.floats[0], accuracy: 1e-6)
        XCTAssertEqual(pa.floats[1], pb.floats[1], accuracy: 1e-6)
    }

    func testSchedulesDecayOnceAndWarmUp() {
        let c = LRSchedule.cosine(floor: 0)
        XCTAssertEqual(c.rate(step: 0, total: 101, base: 1), 1, accuracy: 1e-12)
        XCTAssertEqual(c.rate(step: 50, total: 101, base: 1), 0.5, accuracy: 1e-12)
        XCTAssertEqual(c.rate(step: 100, total: 101, base: 1), 0, accuracy: 1e-12)
        // Monotone over the whole run (no per-epoch restarts).
        let rates = (0..<101).map { c.rate(step: $0, total: 101, base: 1) }
        XCTAssertEqual(rates, rates.sorted(by: >))
        let w = LRSchedule.warmup(steps: 10, then: .constant)
        XCTAssertEqual(w.rate(step: 0, total: 100, base: 1), 0.1, accuracy: 1e-12)
        XCTAssertEqual(w.rate(step: 9, total: 100, base: 1), 1, accuracy: 1e-12)
        XCTAssertEqual(w.rate(step: 50, total: 100, base: 1), 1, accuracy: 1e-12)
        XCTAssertEqual(LRSchedule(name: "cosine"), .cosine(floor: 0))
        XCTAssertNil(LRSchedule(name: "cosin"))
    }

    func testNormalizerMinMaxZScoreAndConstantDimensions() throws {
        let data = try Tensor(shape: [3, 3], doubles: [0, 5, 1, 2, 5, 3, 4, 5, 8])
        let mm = try Normalizer(fitting: data, kind: .minMax)
        XCTAssertEqual(mm.scale, [4, 1, 7]); XCTAssertEqual(mm.shift, [2, 5, 4.5])
        let z = try mm.apply(data)
        XCTAssertEqual(z.floats.enumerated().filter { $0.offset % 3 != 1 }.map(\.element).max(), 0.5)
        XCTAssertEqual(z.floats[0], -0.5)
        XCTAssertEqual(z.floats[1], 0, "a constant dimension maps to 0 with scale 1")
        XCTAssertEqual(try mm.invert(z).floats, data.floats)
        let zs = try Normalizer(fitting: data, kind: .zScore)
        XCTAssertEqual(zs.shift[0], 2); XCTAssertEqual(zs.scale[0], Float((8.0 / 3).squareRoot()), accuracy: 1e-6)
        XCTAssertEqual(zs.scale[1], 1)
        let bad = try Tensor(shape: [2, 1], doubles: [1, .nan])
        XCTAssertThrowsError(try Normalizer(fitting: bad)) { XCTAssertTrue("\($0)".contains("nan")) }
    }
}
