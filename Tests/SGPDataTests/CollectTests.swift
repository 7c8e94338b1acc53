import Foundation
import SGPData
import SGPTensor
import XCTest
@testable import SGPEnvs

/// `collect`: counts, flags, determinism, box sampling regions.
final class CollectTests: XCTestCase {
    func testRandomEpisodesOnCartPole() throws {
        let env = CartPole()
        let d = try collect(env, policy: .random, episodes: 5, horizon: 30, seed: 4)
        XCTAssertEqual(d.count, 150)
        XCTAssertEqual(d.timeouts.filter { $0 }.count, 5)
        XCTAssertEqual(d.timeouts[29], true); XCTAssertEqual(d.timeouts[28], false)
        XCTAssertEqual(Set(d.episodeIds), Set(0..<5))
        // Consecutive rows chain: x'[t] = x[t+1] within an episode.
        for t in 0..<29 { for j in 0..<4 { XCTAssertEqual(d.xNext.storage.f32[t * 4 + j], d.x.storage.f32[(t + 1) * 4 + j]) } }
        let u = d.u.scalars
        XCTAssertTrue(u.allSatisfy { $0 >= -80 && $0 <= 80 })
        XCTAssertGreaterThan(u.max() ?? 0, 60); XCTAssertLessThan(u.min() ?? 0, -60)
        // Rewards are the step's: recompute one.
        var next = [Double](repeating: 0, count: 4), r = 0.0
        let x0 = (0..<4).map { Double(d.x.storage.f32[$0]) }
        env.stepBatch(x: x0, u: [Double(d.u.storage.f32[0])], next: &next, reward: &r, count: 1)
        XCTAssertEqual(Double(d.reward.storage.f32[0]), r, accuracy: 1e-3 * abs(r))
        XCTAssertEqual(try collect(env, policy: .random, episodes: 5, horizon: 30, seed: 4).sha256, d.sha256)
        XCTAssertNotEqual(try collect(env, policy: .random, episodes: 5, horizon: 30, seed: 5).sha256, d.sha256)
        let capped = try collect(env, policy: .random, horizon: 30, samples: 70, seed: 4)
        XCTAssertEqual(capped.count, 70)
        XCTAssertEqual(capped.timeouts.filter { $0 }.count, 3)
    }

    func testUniformStatesStayInTheBox() throws {
        let env = CartPole()
        let d = try collect(env, policy: .uniformStates, samples: 5000, seed: 1)
        XCTAssertEqual(d.count, 5000)
        for (t, lo, hi) in [(d.x, env.stateLow, env.stateHigh), (d.xNext, env.stateLow, env.stateHigh)] {
            for i in 0..<d.count { for j in 0..<4 { let v = Double(t.storage.f32[i * 4 + j]); XCTAssertTrue(v >= Double(Float(lo[j])) && v <= Double(Float(hi[j]))) } }
        }
        XCTAssertEqual(Set(d.episodeIds).count, 5000)
    }

    func testHoleIntegratorDataAvoidTheHole() throws {
        let env = try Integrator(dim: 2, hole: 0.4)
        let d = try collect(env, policy: .uniformStates, samples: 20_000, seed: 0)
        var minNorm = Double.infinity
        for i in 0..<d.count {
            for t in [d.x, d.xNext] {
                let a = Double(t.storage.f32[2 * i]), b = Double(t.storage.f32[2 * i + 1])
                minNorm = min(minNorm, (a * a + b * b).squareRoot())
            }
        }
        XCTAssertGreaterThanOrEqual(minNorm, 0.4 - 1e-6)
        XCTAssertLessThan(minNorm, 0.41) // the data reach the edge of the hole
        for i in 0..<d.count { for j in 0..<2 {
            XCTAssertEqual(d.xNext.storage.f32[2 * i + j], d.x.storage.f32[2 * i + j] + d.u.storage.f32[2 * i + j], accuracy: 1e-6)
        } }
    }

    func testCorridorAndPixelBoxSampling() throws {
        let c = try collect(Corridor(), policy: .uniformStates, samples: 2000, seed: 0)
        for i in 0..<c.count {
            XCTAssertTrue(Corridor.contains(Double(c.x.storage.f32[2 * i]), Double(c.x.storage.f32[2 * i + 1])))
            XCTAssertTrue(Corridor.contains(Double(c.xNext.storage.f32[2 * i]), Double(c.xNext.storage.f32[2 * i + 1])))
        }
        let env = try PixelIntegrator(size: 16)
        let p = try collect(env, policy: .uniformStates, samples: 50, seed: 0)
        XCTAssertEqual(p.stateDim, 256)
        // Each x' is a rendered disk displaced by at most 0.1 from x's disk.
        for i in 0..<p.count {
            let a = try env.position(of: (0..<256).map { Double(p.x.storage.f32[i * 256 + $0]) })
            let b = try env.position(of: (0..<256).map { Double(p.xNext.storage.f32[i * 256 + $0]) })
            XCTAssertLessThanOrEqual(abs(a.0 - b.0), 0.1 + 1e-3); XCTAssertLessThanOrEqual(abs(a.1 - b.1), 0.1 + 1e-3)
            let img = env.render(b.0, b.1)
            for j in 0..<256 { XCTAssertEqual(Double(p.xNext.storage.f32[i * 256 + j]), img[j], accuracy: 2e-3) }
        }
    }

    func testFunctionPolicy() throws {
        let env = try Integrator(dim: 2)
        // Drive towards the origin with the largest allowed step.
        let d = try collect(env, policy: .function { x in x.map { max(-0.1, min(0.1, -$0)) } }, episodes: 2, horizon: 40, seed: 0)
        XCTAssertEqual(d.count, 80)
        let last = (0..<2).map { Double(d.xNext.storage.f32[39 * 2 + $0]) }
        XCTAssertLessThan(abs(last[0]) + abs(last[1]), 1e-6)
        XCTAssertThrowsError(try collect(env, policy: .function { _ in [0] }, episodes: 1, horizon: 3, seed: 0)) {
            XCTAssertEqual("\($0)", "integrator: action must have 2 components, got 1")
        }
    }

    func testBatchFunctionPolicy() throws {
        let env = try Integrator(dim: 2)
        let toOrigin: (Tensor) throws -> Tensor = { x in
            let out = Tensor.uninitialized(x.shape)
            for i in 0..<x.count { out.storage.f32[i] = max(-0.1, min(0.1, -x.storage.f32[i])) }
            return out
        }
        let d = try collect(env, policy: .batchFunction(toOrigin), episodes: 3, horizon: 40, seed: 0)
        XCTAssertEqual(d.count, 120)
        XCTAssertEqual(d.timeouts.filter { $0 }.count, 3)
        for e in 0..<3 {
            let row = e * 40 + 39
            XCTAssertLessThan(abs(d.xNext.storage.f32[2 * row]) + abs(d.xNext.storage.f32[2 * row + 1]), 1e-5)
        }
        // The same episodes as the per-state function policy (same reset seeds, episode-major rows).
        let f = try collect(env, policy: .function { x in x.map { max(-0.1, min(0.1, -$0)) } }, episodes: 3, horizon: 40, seed: 0)
        XCTAssertEqual(Array(d.x.scalars.prefix(2)), Array(f.x.scalars.prefix(2)))
        XCTAssertThrowsError(try collect(env, policy: .batchFunction { x in Tensor.zeros([x.shape[0], 3]) }, episodes: 2, horizon: 2, seed: 0)) {
            XCTAssertEqual("\($0)", "integrator: policy actions must have shape [2, 2], got [2, 3]")
        }
    }
}
