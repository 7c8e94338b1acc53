import XCTest
import SGPTensor
import SGPTestSupport

/// Every differentiable op against central finite differences in Float64 (rtol 1e-4), on seeded random shapes
/// including broadcasting and extent-1 axes. Inputs are kept away from kinks.
final class GradientTests: XCTestCase {
    var rng = RandomStream(seed: 41, stream: "gradients")

    /// Values in ±[lo, hi]: away from 0 (kink of abs, relu, …).
    func awayFromZero(_ shape: [Int], lo: Double = 0.2, hi: Double = 1.5) -> Tensor {
        let v = (0..<shape.reduce(1, *)).map { _ in (rng.uniform() < 0.5 ? -1.0 : 1.0) * rng.uniform(lo, hi) }
        return (try? Tensor(shape: shape, doubles: v, dtype: .float64)) ?? Tensor.zeros(shape, dtype: .float64)
    }

    func testUnaryOps() {
        let shapes: [[Int]] = [[], [5], [3, 1], [2, 3, 4]]
        let ops: [(String, (Tensor) throws -> Tensor)] = [
            ("exp", { $0.exp() }), ("log", { $0.abs().log() }), ("sqrt", { $0.abs().sqrt() }), ("abs", { $0.abs() }),
            ("tanh", { $0.tanh() }), ("sigmoid", { $0.sigmoid() }), ("relu", { $0.relu() }), ("elu", { $0.elu(alpha: 0.8) }),
            ("leaky_relu", { $0.leakyRelu(slope: 0.2) }), ("softplus", { $0.softplus() }), ("sin", { $0.sin() }),
            ("cos", { $0.cos() }), ("silu", { $0.silu() }), ("pow", { $0.abs().pow(2.5) }), ("square", { $0.pow(2) }),
            ("neg", { $0.negated() }), ("clip", { $0.clip(min: -1.6, max: 0.1) }),
        ]
        for shape in shapes {
            let x = awayFromZero(shape)
            for (name, op) in ops {
                assertGradientMatchesFiniteDifferences(op, at: x)
                _ = name
            }
        }
    }

    func testBinaryOpsWithBroadcasting() {
        var gen = ShapeGen(seed: 42)
        let ops: [(Tensor, Tensor) throws -> Tensor] = [
            { try $0 + $1 }, { try $0 - $1 }, { try $0 * $1 }, { try $0 / $1 },
            { try $0.abs().pow($1) }, { try Tensor.maximum($0, $1) }, { try Tensor.minimum($0, $1) },
            { try Tensor.where(Tensor.compare($0, $1, .gt), $0 * $1, $1) },
        ]
        for _ in 0..<8 {
            let (sa, sb) = gen.broadcastPair()
            let a = awayFromZero(sa), b = awayFromZero(sb, lo: 1.6, hi: 2) // |b| > |a|: no max/min ties
            for op in ops { assertGradientsMatchFiniteDifferences({ try op($0[0], $0[1]) }, at: [a, b]) }
        }
    }

    func testReductions() {
        let x = awayFromZero([3, 1, 4, 2])
        for axes in [nil, [0], [1], [0, 2], [1, 3], [-1]] as [[Int]?] {
            for keep in [false, true] {
                assertGradientMatchesFiniteDifferences({ try $0.sum(axes: axes, keepDims: keep) }, at: x)
                assertGradientMatchesFiniteDifferences({ try $0.mean(axes: axes, keepDims: keep) }, at: x)
                assertGradientMatchesFiniteDifferences({ try $0.max(axes: axes, keepDims: keep) }, at: x)
                assertGradientMatchesFiniteDifferences({ try $0.min(axes: axes, keepDims: keep) }, at: x)
                assertGradientMatchesFiniteDifferences({ try $0.logsumexp(axes: axes, keepDims: keep) }, at: x)
                assertGradientMatchesFiniteDifferences({ try $0.var(axes: axes, keepDims: keep, correction: 0) }, at: x)
            }
        }
    }

    func testShapeAndIndexOps() {
        let x = awayFromZero([3, 4, 2])
        let ops: [(Tensor) throws -> Tensor] = [
            { try $0.reshaped([4, -1]) }, { try $0.permuted([2, 0, 1]) }, { try $0.reshaped([12, 2]).transposed() },
            { try $0.swappingLastAxes() }, { try $0.unsqueezed(axis: 1).squeezed(axis: 1) },
            { try $0.slice([.range(start: nil, stop: nil, step: -2), .newAxis, .index(-2)]) },
            { try $0.slice([.all, .range(start: 1, stop: nil, step: 2)]) },
            { try $0.gather(indices: Tensor([2, 0, 2, 1]), axis: 0) },
            { try $0.gather(indices: try Tensor(shape: [2, 2], doubles: [1, 1, 0, 3]), axis: 1) },
            { try Tensor.concat([$0, $0.exp()], axis: 1) }, { try Tensor.stack([$0, $0 * $0], axis: 3) },
            { try $0.split(sizes: [1, 3], axis: 1)[1] }, { try $0.slice([.index(0)]).broadcast(to: [5, 4, 2]) },
            { try Tensor.scatterAdd(into: $0, indices: Tensor([1, 1]), values: $0.slice([.range(start: 0, stop: 2, step: nil)]), axis: 0) },
        ]
        for op in ops { assertGradientMatchesFiniteDifferences(op, at: x) }
    }

    func testNeuralNetOps() {
        let x = awayFromZero([2, 3, 5])
        for axis in [-1, 1, 0] {
            assertGradientMatchesFiniteDifferences({ try $0.softmax(axis: axis) }, at: x)
            assertGradientMatchesFiniteDifferences({ try $0.logSoftmax(axis: axis) }, at: x)
            assertGradientMatchesFiniteDifferences({ try $0.layerNorm(axis: axis) }, at: x)
        }
        let w = awayFromZero([5, 4]), b = awayFromZero([4])
        let acts: [Tensor.Activation] = [.identity, .tanh, .sigmoid, .softplus, .silu, .elu(alpha: 1), .relu, .leakyRelu(slope: 0.1)]
        for a in acts {
            assertGradientsMatchFiniteDifferences({ try Tensor.linear($0[0], $0[1], $0[2], activation: a) }, at: [x, w, b])
        }
        assertGradientsMatchFiniteDifferences({ try Tensor.linear($0[0], $0[1], nil) }, at: [x, w])
        assertGradientsMatchFiniteDifferences({ try $0[0].matmul($0[1]) }, at: [x, w])
        let bx = awayFromZero([2, 5, 3])
        assertGradientsMatchFiniteDifferences({ try $0[0].matmul($0[1]) }, at: [x, bx])
    }

    /// Fan-out: a value used by several ops receives the sum of their gradients.
    func testFanOutAccumulates() throws {
        let x = awayFromZero([4])
        assertGradientMatchesFiniteDifferences({ x in try x * x.exp() + x.tanh() * x - x.sum() }, at: x)
        let g = try gradient(at: x) { x in try (x + x + x).sum() }
        XCTAssertEqual(g.scalars, [3, 3, 3, 3])
    }

    /// Vector–Jacobian products are consistent with directional derivatives: ⟨u, J v⟩ = ⟨Jᵀ u, v⟩.
    func testVJPDotProduct() throws {
        let f: (Tensor) throws -> Tensor = { x in
            let h = try Tensor.linear(x, Tensor.full([3, 4], 0.3, dtype: .float64), nil, activation: .tanh)
            return try (h.softmax(axis: -1) * x.sum(axes: [1], keepDims: true)).slice([.range(start: nil, stop: nil, step: -1)])
        }
        let x = awayFromZero([5, 3]), v = awayFromZero([5, 3])
        let xt = x.requiringGrad()
        let y = try GradMode.withGrad { try f(xt) }
        let u = awayFromZero(y.shape)
        let jtu = try Autodiff.gradients(of: y, wrt: [xt], seed: u)[0]
        let eps = 1e-6
        let jv = try (f(x + v * Tensor(scalar: eps, dtype: .float64)) - f(x - v * Tensor(scalar: eps, dtype: .float64))) / Tensor(scalar: 2 * eps, dtype: .float64)
        let lhs = try (u * jv).sum().item(), rhs = try (jtu * v).sum().item()
        XCTAssertEqual(lhs, rhs, accuracy: 1e-8 * Swift.max(1, Swift.abs(rhs)))
    }

    func testNoGradAndDetachStopGradients() throws {
        let x = Tensor([1, 2], dtype: .float64).requiringGrad()
        let y = try GradMode.noGrad { try x * x }
        XCTAssertFalse(y.requiresGrad)
        let g = try gradient(at: Tensor([1, 2], dtype: .float64)) { x in try (x * x.detached()).sum() }
        XCTAssertEqual(g.scalars, [1, 2])
    }
}

extension GradientTests {
    /// Gradients with respect to an intermediate value and to the output itself, and repeated passes over one graph.
    func testGradientsWrtIntermediatesAndRepeatedPasses() throws {
        let x = Tensor([1, 2], dtype: .float64).requiringGrad()
        let (h, y) = try GradMode.withGrad { () throws -> (Tensor, Tensor) in
            let h = try x * x
            return (h, try (h * h).sum())
        }
        let g = try Autodiff.gradients(of: y, wrt: [h, x, y])
        XCTAssertEqual(g[0].scalars, [2, 8])   // 2h
        XCTAssertEqual(g[1].scalars, [4, 32])  // 4x³
        XCTAssertEqual(g[2].scalars, [1])
        XCTAssertEqual(try Autodiff.gradients(of: y, wrt: [x])[0].scalars, [4, 32])
    }
}

extension GradientTests {
    /// Mixed float32/float64 ops compute in float64 and return gradients in each input's own dtype.
    func testMixedDTypeGradientsKeepInputDTypes() throws {
        let a = Tensor([1, 2], dtype: .float32).requiringGrad(), b = Tensor([3, 4], dtype: .float64).requiringGrad()
        let y = try GradMode.withGrad { try (a * b).sum() }
        XCTAssertEqual(y.dtype, .float64)
        let g = try Autodiff.gradients(of: y, wrt: [a, b])
        XCTAssertEqual(g[0].dtype, .float32)
        XCTAssertEqual(g[0].scalars, [3, 4])
        XCTAssertEqual(g[1].scalars, [1, 2])
    }
}

extension GradientTests {
    /// A very long recorded chain (a script looping with gradients on) is differentiated and freed without
    /// recursing once per op: both would overflow the stack otherwise.
    func testLongChainsDoNotOverflowTheStack() throws {
        let x = Tensor([1, 2], dtype: .float64).requiringGrad(), step = Tensor([0.5, 0.5], dtype: .float64)
        var g: [Tensor] = []
        do {
            var h = x
            try GradMode.withGrad { for _ in 0..<100_000 { h = try h + step } }
            XCTAssertEqual(h.scalars, [50_001, 50_002])
            g = try Autodiff.gradients(of: h, wrt: [x])
        }
        XCTAssertEqual(g[0].scalars, [1, 1])
    }
}
