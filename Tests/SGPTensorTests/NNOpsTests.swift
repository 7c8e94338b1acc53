import Foundation
import XCTest
import SGPTensor
import SGPTestSupport

/// Forward values of softmax, log-softmax, layer norm and the fused linear layer against plain loops.
final class NNOpsTests: XCTestCase {
    func testSoftmaxLogSoftmaxLayerNormAlongEveryAxis() throws {
        var rng = RandomStream(seed: 51, stream: "values")
        for dtype in [DType.float32, .float64] {
            let x = Tensor.randn([3, 4, 5], std: 3, dtype: dtype, rng: &rng)
            let tol = dtype == .float32 ? 2e-6 : 1e-13
            for axis in 0..<3 {
                let mx = Reference.reduce(x, axes: [axis], initial: -.infinity, { Swift.max($0, $1) })
                let se = Reference.reduce(x, axes: [axis], initial: 0, { $0 + Foundation.exp($1) })
                let s1 = Reference.reduce(x, axes: [axis], initial: 0, +)
                let s2 = Reference.reduce(x, axes: [axis], initial: 0, { $0 + $1 * $1 })
                var sm = [Double](), lsm = [Double](), ln = [Double]()
                let n = Double(x.shape[axis])
                for i in 0..<x.count {
                    var idx = Reference.unravel(i, x.shape); idx[axis] = 0
                    let k = Reference.ravel(idx, mx.shape), v = x.scalar(at: i)
                    sm.append(Foundation.exp(v) / se.values[k])
                    lsm.append(v - Foundation.log(se.values[k]))
                    let mean = s1.values[k] / n, variance = s2.values[k] / n - mean * mean
                    ln.append((v - mean) / (variance + 1e-5).squareRoot())
                }
                assertTensorsClose(try x.softmax(axis: axis), try Tensor(shape: x.shape, doubles: sm, dtype: .float64), rtol: tol, atol: tol)
                assertTensorsClose(try x.logSoftmax(axis: axis), try Tensor(shape: x.shape, doubles: lsm, dtype: .float64), rtol: tol, atol: tol * 10)
                assertTensorsClose(try x.layerNorm(axis: axis), try Tensor(shape: x.shape, doubles: ln, dtype: .float64), rtol: tol * 10, atol: tol * 10)
            }
        }
    }

    func testSoftmaxIsStableForHugeLogits() throws {
        let y = try Tensor([1000, 0, -1000]).softmax()
        XCTAssertEqual(y.scalars, [1, 0, 0])
        XCTAssertEqual(try Tensor([1000, 1000]).logSoftmax().scalars[0], -Foundation.log(2), accuracy: 1e-6)
        XCTAssertEqual(try Tensor([-1e30, -1e30]).logsumexp().item(), -1e30, accuracy: 1e24)
    }

    func testLinearMatchesMatmulPlusBias() throws {
        var rng = RandomStream(seed: 52, stream: "values")
        let x = Tensor.randn([2, 3, 7], rng: &rng), w = Tensor.randn([7, 5], rng: &rng), b = Tensor.randn([5], rng: &rng)
        let acts: [(Tensor.Activation, (Tensor) -> Tensor)] = [
            (.identity, { $0 }), (.relu, { $0.relu() }), (.tanh, { $0.tanh() }), (.sigmoid, { $0.sigmoid() }),
            (.softplus, { $0.softplus() }), (.silu, { $0.silu() }), (.elu(alpha: 0.5), { $0.elu(alpha: 0.5) }),
            (.leakyRelu(slope: 0.3), { $0.leakyRelu(slope: 0.3) }),
        ]
        for (a, f) in acts {
            let expected = f(try x.matmul(w) + b)
            assertTensorsClose(try Tensor.linear(x, w, b, activation: a), expected, rtol: 1e-5, atol: 1e-5)
        }
        assertTensorsClose(try Tensor.linear(x, w, nil), try x.matmul(w), rtol: 1e-6, atol: 1e-6)
    }

    func testMatmulAgainstLoops() throws {
        var rng = RandomStream(seed: 53, stream: "values")
        let a = Tensor.randn([2, 3, 4], dtype: .float64, rng: &rng), b = Tensor.randn([2, 4, 5], dtype: .float64, rng: &rng)
        let c = try a.matmul(b)
        for i in 0..<c.count {
            let idx = Reference.unravel(i, c.shape)
            var s = 0.0
            for k in 0..<4 { s += a.scalar(at: Reference.ravel([idx[0], idx[1], k], a.shape)) * b.scalar(at: Reference.ravel([idx[0], k, idx[2]], b.shape)) }
            XCTAssertEqual(c.scalar(at: i), s, accuracy: 1e-12)
        }
        // Batch axes broadcast: [2, 3, 4] @ [1, 4, 5] multiplies every batch by the one matrix.
        let b0 = try b.slice([.range(start: 0, stop: 1, step: nil)])
        let cb = try a.matmul(b0)
        XCTAssertEqual(cb.shape, [2, 3, 5])
        XCTAssertEqual(try cb.slice([.index(1)]).scalars, try a.slice([.index(1)]).matmul(b0.squeezed(axis: 0)).scalars)
        XCTAssertThrowsError(try a.matmul(Tensor.zeros([3, 4, 5], dtype: .float64))) { e in
            XCTAssertEqual("\(e)", "matmul: cannot multiply [2, 3, 4] by [3, 4, 5]: batch axes [2] and [3] do not broadcast")
        }
    }
}
