import XCTest
import SGPTensor
import SGPTestSupport

final class QuickOpsTests: XCTestCase {
    func testUnaryGradients() throws {
        var rng = RandomStream(seed: 1, stream: "quick")
        let x = Tensor.rand([3, 4], lo: 0.2, hi: 1.5, dtype: .float64, rng: &rng)
        for (name, f) in [("exp", { (t: Tensor) in t.exp() }), ("log", { $0.log() }), ("tanh", { $0.tanh() }),
                          ("sigmoid", { $0.sigmoid() }), ("softplus", { $0.softplus() }), ("silu", { $0.silu() }),
                          ("elu", { $0.negated().elu() }), ("sqrt", { $0.sqrt() }), ("sin", { $0.sin() }),
                          ("pow", { $0.pow(1.7) })] as [(String, (Tensor) throws -> Tensor)] {
            assertGradientMatchesFiniteDifferences(f, at: x)
            _ = name
        }
        assertGradientMatchesFiniteDifferences({ try $0.softmax(axis: 0) }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.logSoftmax(axis: 1) }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.layerNorm() }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.logsumexp(axes: [1]) }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.max(axes: [0]) }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.var(axes: [0], correction: 1) }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.slice([.range(start: nil, stop: nil, step: -2), .index(-1)]) }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.permuted([1, 0]) }, at: x)
        assertGradientMatchesFiniteDifferences({ try $0.gather(indices: Tensor([2, 0, 2]), axis: 0) }, at: x)
        let w = Tensor.randn([4, 5], dtype: .float64, rng: &rng), b = Tensor.randn([5], dtype: .float64, rng: &rng)
        assertGradientsMatchFiniteDifferences({ try Tensor.linear($0[0], $0[1], $0[2], activation: .tanh) }, at: [x, w, b])
        assertGradientsMatchFiniteDifferences({ try Tensor.concat([$0[0], $0[1]], axis: 0) }, at: [x, x])
        print(try x.slice([.range(start: nil, stop: nil, step: -2)]).shape)
    }
}
