import XCTest
@testable import SGPTensor

final class SmokeTests: XCTestCase {
    func testMatmulGradient() throws {
        var rng = RandomStream(seed: 1, stream: "test")
        let a = Tensor.randn([3, 4], dtype: .float64, rng: &rng)
        let b = Tensor.randn([4, 2], dtype: .float64, rng: &rng)
        let g = try gradient(at: a) { x in try (x.matmul(b) * x.matmul(b)).sum() }
        // d/dA sum((AB)^2) = 2 (AB) Bᵀ
        let expected = try (Tensor(scalar: 2, dtype: .float64) * a.matmul(b)).matmul(b.transposed())
        for (x, y) in zip(g.scalars, expected.scalars) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }

    func testBroadcastAddGradient() throws {
        let a = try Tensor(shape: [2, 3], doubles: [1, 2, 3, 4, 5, 6], dtype: .float64)
        let b = try Tensor(shape: [3], doubles: [1, 1, 1], dtype: .float64)
        let bv = b.requiringGrad()
        let y = try (a + bv).sum()
        XCTAssertEqual(try y.item(), 27)
        XCTAssertEqual(try y.gradient(wrt: bv).scalars, [2, 2, 2])
        XCTAssertThrowsError(try Tensor.zeros([2, 3]) + Tensor.zeros([2]))
    }
}
