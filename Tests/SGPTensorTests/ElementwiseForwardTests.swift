import Foundation
import XCTest
import SGPTensor
import SGPTestSupport

/// Forward values of elementwise ops against plain loops, over seeded random shapes with broadcasting.
final class ElementwiseForwardTests: XCTestCase {
    static var unary: [(String, (Tensor) throws -> Tensor, (Double) -> Double)] { [
        ("exp", { $0.exp() }, Foundation.exp),
        ("log", { $0.abs().log() }, { Foundation.log(Swift.abs($0)) }),
        ("sqrt", { $0.abs().sqrt() }, { Swift.abs($0).squareRoot() }),
        ("abs", { $0.abs() }, { Swift.abs($0) }),
        ("tanh", { $0.tanh() }, Foundation.tanh),
        ("sigmoid", { $0.sigmoid() }, { 1 / (1 + Foundation.exp(-$0)) }),
        ("relu", { $0.relu() }, { Swift.max($0, 0) }),
        ("elu", { $0.elu(alpha: 0.7) }, { $0 > 0 ? $0 : 0.7 * Foundation.expm1($0) }),
        ("leaky_relu", { $0.leakyRelu(slope: 0.1) }, { $0 > 0 ? $0 : 0.1 * $0 }),
        ("softplus", { $0.softplus() }, { Foundation.log1p(Foundation.exp($0)) }),
        ("sin", { $0.sin() }, Foundation.sin),
        ("cos", { $0.cos() }, Foundation.cos),
        ("silu", { $0.silu() }, { $0 / (1 + Foundation.exp(-$0)) }),
        ("pow3", { $0.pow(3) }, { $0 * $0 * $0 }),
        ("pow_half", { $0.abs().pow(0.5) }, { Swift.abs($0).squareRoot() }),
        ("clip", { $0.clip(min: -0.5, max: 0.8) }, { Swift.min(Swift.max($0, -0.5), 0.8) }),
        ("neg", { $0.negated() }, { -$0 }),
    ] }

    func testUnaryOpsMatchReferenceInBothDTypes() throws {
        var gen = ShapeGen(seed: 11)
        var rng = RandomStream(seed: 11, stream: "values")
        for dtype in [DType.float32, .float64] {
            for _ in 0..<6 {
                let x = Tensor.randn(gen.shape(), std: 2, dtype: dtype, rng: &rng)
                for (name, op, ref) in Self.unary {
                    let y = try op(x)
                    XCTAssertEqual(y.dtype, dtype, name)
                    let expected = try Tensor(shape: x.shape, doubles: x.scalars.map(ref), dtype: .float64)
                    // float32: inputs are exact, so only the op's own rounding (a few ulp) separates the results.
                    assertTensorsClose(y, expected, rtol: dtype == .float32 ? 2e-6 : 1e-14, atol: dtype == .float32 ? 1e-7 : 1e-15, name)
                }
            }
        }
    }

    func testBinaryOpsBroadcastLikeNumPy() throws {
        var gen = ShapeGen(seed: 12)
        var rng = RandomStream(seed: 12, stream: "values")
        let ops: [(String, (Tensor, Tensor) throws -> Tensor, (Double, Double) -> Double)] = [
            ("add", { try $0 + $1 }, +), ("sub", { try $0 - $1 }, -), ("mul", { try $0 * $1 }, *),
            ("div", { try $0 / $1 }, /),
            ("pow", { try $0.abs().pow($1) }, { Foundation.pow(Swift.abs($0), $1) }),
            ("maximum", { try Tensor.maximum($0, $1) }, { Swift.max($0, $1) }),
            ("minimum", { try Tensor.minimum($0, $1) }, { Swift.min($0, $1) }),
            ("lt", { try Tensor.compare($0, $1, .lt) }, { $0 < $1 ? 1 : 0 }),
            ("le", { try Tensor.compare($0, $1, .le) }, { $0 <= $1 ? 1 : 0 }),
            ("gt", { try Tensor.compare($0, $1, .gt) }, { $0 > $1 ? 1 : 0 }),
            ("ge", { try Tensor.compare($0, $1, .ge) }, { $0 >= $1 ? 1 : 0 }),
            ("eq", { try Tensor.compare($0, $1.clip(min: nil, max: 0), .eq) }, { $0 == Swift.min($1, 0) ? 1 : 0 }),
            ("ne", { try Tensor.compare($0, $1.clip(min: nil, max: 0), .ne) }, { $0 != Swift.min($1, 0) ? 1 : 0 }),
        ]
        for _ in 0..<25 {
            let (sa, sb) = gen.broadcastPair()
            for dtype in [DType.float32, .float64] {
                // Rounded values make ties (eq, maximum) actually occur.
                let a = Elementwise.unary(Tensor.randn(sa, dtype: dtype, rng: &rng), { ($0 * 2).rounded() / 2 }, { ($0 * 2).rounded() / 2 })
                let b = Elementwise.unary(Tensor.randn(sb, dtype: dtype, rng: &rng), { ($0 * 2).rounded() / 2 + 0.25 }, { ($0 * 2).rounded() / 2 + 0.25 })
                for (name, op, ref) in ops {
                    let y = try op(a, b)
                    let r = Reference.binary(a, b, ref)
                    assertTensorsClose(y, try Tensor(shape: r.shape, doubles: r.values, dtype: .float64),
                                       rtol: dtype == .float32 ? 1e-6 : 1e-15, atol: 0, "\(name) \(sa) \(sb)")
                }
            }
        }
    }

    func testWhereBroadcastsAllThreeOperands() throws {
        var rng = RandomStream(seed: 13, stream: "where")
        let c = try Tensor.compare(Tensor.randn([3, 1], rng: &rng), Tensor(scalar: 0), .gt)
        let a = Tensor.randn([1, 4], rng: &rng), b = Tensor.randn([2, 1, 1], rng: &rng)
        let y = try Tensor.where(c, a, b)
        XCTAssertEqual(y.shape, [2, 3, 4])
        let cv = c
        for i in 0..<y.count {
            let idx = Reference.unravel(i, y.shape)
            let expected = cv.scalar(at: idx[1]) != 0 ? a.scalar(at: idx[2]) : b.scalar(at: idx[0])
            XCTAssertEqual(y.scalar(at: i), expected)
        }
    }

    func testNaNPropagatesThroughKernels() throws {
        let x = Tensor([.nan, 1])
        for (name, op, _) in Self.unary {
            XCTAssertTrue(try op(x).scalar(at: 0).isNaN, name)
        }
        XCTAssertTrue(try x.max().item().isNaN)
        XCTAssertTrue(try Tensor.maximum(x, Tensor([0, 0])).scalar(at: 0).isNaN)
        XCTAssertEqual(x.nonFiniteCount.nan, 1)
    }
}
