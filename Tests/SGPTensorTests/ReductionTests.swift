import Foundation
import XCTest
import SGPTensor
import SGPTestSupport

/// Reductions over random axis sets (adjacent and not) against plain loops.
final class ReductionTests: XCTestCase {
    func testSumMaxMinMeanOverRandomAxes() throws {
        var gen = ShapeGen(seed: 21)
        var rng = RandomStream(seed: 21, stream: "values")
        for trial in 0..<40 {
            let shape = gen.shape(maxRank: 4, maxExtent: 5)
            let dtype: DType = trial % 2 == 0 ? .float32 : .float64
            let x = Tensor.randn(shape, dtype: dtype, rng: &rng)
            let axes = (0..<shape.count).filter { _ in rng.uniform() < 0.5 }
            let tol = dtype == .float32 ? 1e-5 : 1e-13
            for keep in [false, true] {
                let sum = Reference.reduce(x, axes: axes, initial: 0, +)
                let mx = Reference.reduce(x, axes: axes, initial: -.infinity, { Swift.max($0, $1) })
                let mn = Reference.reduce(x, axes: axes, initial: .infinity, { Swift.min($0, $1) })
                let outShape = keep ? sum.shape : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
                let n = Double(axes.reduce(1) { $0 * shape[$1] })
                assertTensorsClose(try x.sum(axes: axes, keepDims: keep), try Tensor(shape: outShape, doubles: sum.values, dtype: .float64), rtol: tol, atol: tol, "sum \(shape) \(axes)")
                assertTensorsClose(try x.mean(axes: axes, keepDims: keep), try Tensor(shape: outShape, doubles: sum.values.map { $0 / n }, dtype: .float64), rtol: tol, atol: tol, "mean")
                assertTensorsClose(try x.max(axes: axes, keepDims: keep), try Tensor(shape: outShape, doubles: mx.values, dtype: .float64), rtol: 0, atol: 0, "max")
                assertTensorsClose(try x.min(axes: axes, keepDims: keep), try Tensor(shape: outShape, doubles: mn.values, dtype: .float64), rtol: 0, atol: 0, "min")
                // logsumexp and var from their definitions.
                let lse = Reference.reduce(x, axes: axes, initial: 0) { $0 + Foundation.exp($1) }.values.map { Foundation.log($0) }
                assertTensorsClose(try x.logsumexp(axes: axes, keepDims: keep), try Tensor(shape: outShape, doubles: lse, dtype: .float64), rtol: tol * 10, atol: tol * 10, "logsumexp")
                let sq = Reference.reduce(x.pow(2), axes: axes, initial: 0, +).values
                if n > 1 {
                    let v = zip(sq, sum.values).map { ($0 - $1 * $1 / n) / (n - 1) }
                    assertTensorsClose(try x.var(axes: axes, keepDims: keep, correction: 1), try Tensor(shape: outShape, doubles: v, dtype: .float64), rtol: tol * 10, atol: tol * 10, "var")
                }
            }
        }
    }

    func testLargeSumsAreAccurateAndSIMDPathsAgree() throws {
        var rng = RandomStream(seed: 22, stream: "values")
        let x = Tensor.rand([1000, 37], dtype: .float32, rng: &rng)
        let exact = x.scalars.reduce(0, +)
        XCTAssertEqual(try x.sum().item(), exact, accuracy: exact * 1e-7)
        // Column sums (row-wise kernel) and row sums (contiguous kernel) total the same.
        XCTAssertEqual(try x.sum(axes: [0]).sum().item(), exact, accuracy: exact * 1e-6)
        XCTAssertEqual(try x.sum(axes: [1]).sum().item(), exact, accuracy: exact * 1e-6)
    }

    func testArgmaxArgminPickFirstExtremum() throws {
        let x = try Tensor(shape: [2, 4], doubles: [1, 5, 5, 0, 3, -1, 3, -1])
        XCTAssertEqual(try x.argmax(axis: 1).scalars, [1, 0])
        XCTAssertEqual(try x.argmin(axis: 1).scalars, [3, 1])
        XCTAssertEqual(try x.argmax(axis: 0).scalars, [1, 0, 0, 0])
        XCTAssertEqual(try x.argmax().item(), 1)
        XCTAssertEqual(try x.argmin(axis: -1, keepDims: true).shape, [2, 1])
    }

    func testMaxGradientSplitsTiesEvenly() throws {
        let x = try Tensor(shape: [2, 3], doubles: [1, 4, 4, 2, 0, 1], dtype: .float64)
        let g = try gradient(at: x) { try $0.max(axes: [1]).sum() }
        XCTAssertEqual(g.scalars, [0, 0.5, 0.5, 1, 0, 0])
        let gm = try gradient(at: x) { try Tensor.maximum($0, Tensor(scalar: 1, dtype: .float64)).sum() }
        XCTAssertEqual(gm.scalars, [0.5, 1, 1, 1, 0, 0.5])
    }

    func testEmptyReductions() throws {
        let e = Tensor.zeros([0, 3])
        XCTAssertEqual(try e.sum(axes: [0]).scalars, [0, 0, 0])
        XCTAssertThrowsError(try e.max(axes: [0]))
        XCTAssertEqual(try e.max(axes: [1]).shape, [0])
    }
}
