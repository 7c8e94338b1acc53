import Foundation
import SGPTensor
import XCTest
@testable import SGPEnvs

/// Built-in systems: analytic checks, bounds, determinism, batched vs scalar dynamics, gradients.
final class EnvironmentTests: XCTestCase {
    /// Largest |E − E0| over steps [from, to) of an unforced frictionless swing from θ = 2.
    func energyError(dt: Double, from: Int, to: Int) throws -> Double {
        let p = Pendulum(frictionless: true, dt: dt)
        try p.reset(to: [2.0, 0.0])
        let e0 = p.energy(p.state)
        var worst = 0.0
        for k in 0..<to {
            let s = try p.step([0])
            if k >= from { worst = max(worst, abs(p.energy(s.next) - e0)) }
            if s.truncated { try p.reset(to: s.next) }
        }
        return worst
    }

    func testFrictionlessPendulumEnergyStaysBounded() throws {
        let early = try energyError(dt: 0.05, from: 0, to: 1000)
        let late = try energyError(dt: 0.05, from: 99_000, to: 100_000)
        let fine = try energyError(dt: 0.01, from: 0, to: 5000)
        print("pendulum |E - E0| max: dt 0.05 first 1000 steps \(early), steps 99000-100000 \(late); dt 0.01 \(fine)")
        // Symplectic Euler: the error oscillates with amplitude O(dt) and does not grow. Measured 0.938 (of
        // |E0| = 4.08) in both windows at dt = 0.05, and 0.18 at dt = 0.01.
        XCTAssertLessThan(early, 1.0)
        XCTAssertLessThan(late, early * 1.01)
        XCTAssertLessThan(fine, early / 4)
        // With friction the energy decays.
        let f = Pendulum()
        try f.reset(to: [2.0, 0.0])
        let e0 = f.energy(f.state)
        for _ in 0..<199 { _ = try f.step([0]) }
        XCTAssertLessThan(f.energy(f.state), e0 - 1)
    }

    func testPendulumSmallOscillationPeriod() throws {
        let p = Pendulum(frictionless: true, dt: 0.001)
        try p.reset(to: [0.01, 0])
        // Time three zero crossings of θ (one period), continuing across the 200-step time limit.
        var t = 0.0, last = 0.01, crossings: [Double] = []
        var x = p.state
        while crossings.count < 3 {
            let s = try p.step([0]); t += p.dt; x = s.next
            if last > 0 && x[0] <= 0 || last < 0 && x[0] >= 0 { crossings.append(t) }
            last = x[0]
            if s.truncated { try p.reset(to: x) }
        }
        let period = crossings[2] - crossings[0]
        XCTAssertEqual(period, 2 * Double.pi / 9.81.squareRoot(), accuracy: 2e-3)
    }

    func testCartPoleAccelerationsMatchTheFormulas() throws {
        let ref = CartPole(), text = CartPole(textbook: true)
        // At rest hanging down, a force accelerates the cart by u (reference) or u/m_c (textbook).
        let (a, b) = ref.accelerations(0, 0, 10)
        XCTAssertEqual(a, 10, accuracy: 1e-12)
        XCTAssertEqual(b, -10 / (0.5 * 10), accuracy: 1e-12)
        XCTAssertEqual(text.accelerations(0, 0, 10).0, 1, accuracy: 1e-12)
        // Upright is an equilibrium; hanging down is too.
        XCTAssertEqual(ref.accelerations(Double.pi, 0, 0).1, 0, accuracy: 1e-12)
        // Generic point against the written formula.
        let th = 0.7, thd = -1.3, u = 5.0, s = sin(th), c = cos(th)
        let den = 10 + s * s
        let expectThdd = (-u * c - 0.5 * thd * thd * c * s - 11 * 9.81 * s) / (0.5 * den)
        let expectPdd = u + s * (0.5 * thd * thd + 9.81 * c) / den
        XCTAssertEqual(ref.accelerations(th, thd, u).1, expectThdd, accuracy: 1e-12)
        XCTAssertEqual(ref.accelerations(th, thd, u).0, expectPdd, accuracy: 1e-12)
        XCTAssertEqual(text.accelerations(th, thd, u).0, (u + s * (0.5 * thd * thd + 9.81 * c)) / den, accuracy: 1e-12)
    }

    func testCartPoleMidpointStepAndTensorModelAgree() throws {
        let env = CartPole()
        let x0 = [0.3, 2.0, -1.0, 4.0], u0 = 30.0
        try env.reset(to: x0)
        let s = try env.step([u0])
        // Explicit midpoint by hand.
        func f(_ x: [Double]) -> [Double] { let (a, b) = env.accelerations(x[1], x[3], u0); return [x[2], x[3], a, b] }
        let k1 = f(x0)
        let mid = (0..<4).map { x0[$0] + 0.025 * k1[$0] }
        let k2 = f(mid)
        for j in 0..<4 { XCTAssertEqual(s.next[j], x0[j] + 0.05 * k2[j], accuracy: 1e-12) }
        // The differentiable model in float64 gives the same numbers.
        let t = try env.trueDynamics(x: Tensor(shape: [1, 4], doubles: x0, dtype: .float64), u: Tensor(shape: [1, 1], doubles: [u0], dtype: .float64))
        for j in 0..<4 { XCTAssertEqual(t.scalar(at: j), s.next[j], accuracy: 1e-12) }
    }

    func testTrueDynamicsGradientsMatchFiniteDifferences() throws {
        for env in [CartPole() as BuiltinEnvironment, CartPole(textbook: true), Pendulum()] {
            let dx = env.stateDim
            let x0 = Tensor(Array([0.3, 2.0, -1.0, 4.0].prefix(dx)), dtype: .float64)
            let u = try Tensor(shape: [1, 1], doubles: [7], dtype: .float64)
            let w = Tensor(Array([0.5, -1.0, 0.25, 2.0].prefix(dx)), dtype: .float64)
            func loss(_ x: Tensor) throws -> Tensor {
                try (env.trueDynamics(x: x.reshaped([1, dx]), u: u).reshaped([dx]) * w).sum()
            }
            let g = try gradient(at: x0, of: loss)
            for j in 0..<dx {
                var plus = x0.scalars, minus = x0.scalars
                plus[j] += 1e-6; minus[j] -= 1e-6
                let fd = (try loss(Tensor(plus, dtype: .float64)).item() - loss(Tensor(minus, dtype: .float64)).item()) / 2e-6
                XCTAssertEqual(g.scalar(at: j), fd, accuracy: 1e-6, "\(env.name) d/dx[\(j)]")
            }
        }
    }

    func testBatchedStepMatchesTensorModelInFloat32() throws {
        let env = CartPole()
        var rng = RandomStream(seed: 1, stream: "test")
        let n = 64
        var xs = [Double](), us = [Double]()
        for _ in 0..<n {
            let x = UnsafeMutablePointer<Double>.allocate(capacity: 4), u = UnsafeMutablePointer<Double>.allocate(capacity: 1)
            _ = env.sampleBoxTransition(&rng, x: x, u: u)
            xs += (0..<4).map { x[$0] }; us.append(u[0])
            x.deallocate(); u.deallocate()
        }
        var next = [Double](repeating: 0, count: 4 * n), r = [Double](repeating: 0, count: n)
        env.stepBatch(x: xs, u: us, next: &next, reward: &r, count: n)
        let t = try env.trueDynamics(x: Tensor(shape: [n, 4], doubles: xs), u: Tensor(shape: [n, 1], doubles: us))
        // float32 tensor model vs float64 scalar model: relative error near float32 epsilon times the step's growth.
        for i in 0..<(4 * n) { XCTAssertEqual(t.scalar(at: i), next[i], accuracy: 1e-4 * max(1, abs(next[i]))) }
    }

    func testIntegratorCorridorAndPixel() throws {
        let integ = try Integrator(dim: 3)
        try integ.reset(to: [0.1, 0.2, 0.3])
        let s = try integ.step([0.05, -0.1, 0])
        XCTAssertEqual(s.next, [0.15000000000000002, 0.1, 0.3])
        XCTAssertEqual(s.reward, -(0.05 * 0.05 + 0.01), accuracy: 1e-15)
        XCTAssertThrowsError(try integ.step([0.1])) { XCTAssertEqual("\($0)", "integrator: action must have 3 components, got 1") }
        XCTAssertThrowsError(try Integrator(dim: 0))
        XCTAssertThrowsError(try Integrator(dim: 2, hole: 1.5))

        XCTAssertTrue(Corridor.contains(-0.8, 0.9)); XCTAssertTrue(Corridor.contains(0.9, -0.8))
        XCTAssertFalse(Corridor.contains(0, 0)); XCTAssertFalse(Corridor.contains(-0.5, 0.5)); XCTAssertFalse(Corridor.contains(-1.1, 0))

        let px = try PixelIntegrator(size: 32)
        XCTAssertEqual(px.stateDim, 1024)
        let img = px.render(0.3, -0.2)
        let (a, b) = try px.position(of: img)
        XCTAssertEqual(a, 0.3, accuracy: 1e-3); XCTAssertEqual(b, -0.2, accuracy: 1e-3)
        // The brightest pixel is the one whose centre is nearest the disk.
        let k = img.indices.max { img[$0] < img[$1] } ?? 0
        XCTAssertEqual(k % 32, Int((0.3 + 1) / 2 * 32)); XCTAssertEqual(k / 32, Int((1 + 0.2) / 2 * 32))
        let moved = px.render(0.35, -0.2)
        try px.reset(to: img)
        let st = try px.step(zip(moved, img).map { $0 - $1 })
        for j in 0..<1024 { XCTAssertEqual(st.next[j], moved[j], accuracy: 1e-12) }
    }

    func testResetIsDeterministicGivenASeed() throws {
        let envs: [BuiltinEnvironment] = [Pendulum(), CartPole(), try Integrator(dim: 4, hole: 0.4), Corridor(), try PixelIntegrator(size: 8)]
        for env in envs {
            let a = env.reset(seed: 11), b = env.reset(seed: 11), c = env.reset(seed: 12)
            XCTAssertEqual(a, b, env.name); XCTAssertNotEqual(a, c, env.name)
            XCTAssertEqual(a.count, env.stateDim)
            XCTAssertTrue(a.withUnsafeBufferPointer { env.isInDataRegion($0.baseAddress!) }, env.name)
        }
    }

    func testEpisodesTruncateAtTheTimeLimit() throws {
        let env = Corridor()
        env.reset(seed: 0)
        var last: StepResult? = nil
        for _ in 0..<env.maxEpisodeSteps { last = try env.step([0, 0]) }
        XCTAssertEqual(last?.truncated, true)
        XCTAssertThrowsError(try env.step([0, 0])) { XCTAssertEqual("\($0)", "corridor: the episode has ended, call reset first") }
    }
}
