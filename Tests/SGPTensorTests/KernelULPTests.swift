import Foundation
import XCTest
import SGPTensor

/// The vectorised float32 kernels stay within 2 ulp of a double-precision reference over the whole float range
/// (a strided sweep over all bit patterns), at the edges (±100, subnormals, 0, ±inf) and propagate NaN.
final class KernelULPTests: XCTestCase {
    /// Distance from the float result to the exact value, in float ulps at the exact value (2⁻¹⁴⁹ at least).
    static func ulps(_ y: Float, _ exact: Double) -> Double {
        if exact.isNaN { return y.isNaN ? 0 : .infinity }
        if y.isNaN { return .infinity }
        if Swift.abs(exact) > Double(Float.greatestFiniteMagnitude) {
            // Beyond the float range the correctly rounded result is ±inf (or max finite within half an ulp).
            return y.isInfinite && (y > 0) == (exact > 0) ? 0 : Swift.abs(Double(y) - exact) / 0x1p104
        }
        if exact == 0 { return Double(Swift.abs(y)) / 0x1p-149 }
        let e = Foundation.frexp(Swift.abs(exact)).1 // |exact| ∈ [2^(e−1), 2^e)
        let ulp = Swift.max(Foundation.scalbn(1.0, e - 24), 0x1p-149)
        return Swift.abs(Double(y) - exact) / ulp
    }

    static var cases: [(String, (Tensor) -> Tensor, (Double) -> Double)] { [
        ("exp", { $0.exp() }, Foundation.exp),
        ("log", { $0.log() }, Foundation.log),
        ("tanh", { $0.tanh() }, Foundation.tanh),
        ("sigmoid", { $0.sigmoid() }, { $0 >= 0 ? 1 / (1 + Foundation.exp(-$0)) : Foundation.exp($0) / (1 + Foundation.exp($0)) }),
        ("softplus", { $0.softplus() }, { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }),
        ("silu", { $0.silu() }, { $0 >= 0 ? $0 / (1 + Foundation.exp(-$0)) : ($0 == -.infinity ? 0 : $0 * Foundation.exp($0) / (1 + Foundation.exp($0))) }),
        ("elu", { $0.elu() }, { $0 > 0 ? $0 : Foundation.expm1($0) }),
    ] }

    func worst(_ name: String, _ op: (Tensor) -> Tensor, _ ref: (Double) -> Double, _ inputs: [Float]) throws -> (Double, Float) {
        let y = op(try Tensor(shape: [inputs.count], floats: inputs)).floats
        var worst = 0.0, at: Float = 0
        for (x, v) in zip(inputs, y) {
            let d = Self.ulps(v, ref(Double(x)))
            if d > worst { worst = d; at = x }
        }
        return (worst, at)
    }

    func testSweepOfAllFloatsWithinTwoULP() throws {
        // Every 4099th bit pattern: ~1M inputs covering both signs, every binade, subnormals, inf and NaN.
        var inputs: [Float] = []
        var u: UInt64 = 0
        while u <= 0xffff_ffff { inputs.append(Float(bitPattern: UInt32(u))); u += 4099 }
        for (name, op, ref) in Self.cases {
            let (w, at) = try worst(name, op, ref, inputs)
            XCTAssertLessThanOrEqual(w, 2, "\(name): \(w) ulp at \(at)")
        }
    }

    func testEdgeCases() throws {
        let edges: [Float] = [0, -0, 1e-45, -1e-45, 1e-40, -1e-40, Float.leastNormalMagnitude, 1e-7, -1e-7, 0.5, -0.5,
                              1, -1, 88.7, 88.8, -87.3, -103.9, -104, 100, -100, 1e30, -1e30,
                              .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity]
        for (name, op, ref) in Self.cases {
            let (w, at) = try worst(name, op, ref, edges)
            XCTAssertLessThanOrEqual(w, 2, "\(name): \(w) ulp at \(at)")
            XCTAssertTrue(op(Tensor([.nan])).scalars[0].isNaN, "\(name) must propagate NaN")
        }
        XCTAssertEqual(Tensor([0]).log().scalars, [-.infinity])
        XCTAssertTrue(Tensor([-1]).log().scalars[0].isNaN)
        XCTAssertEqual(Tensor([.infinity, -.infinity]).exp().scalars, [.infinity, 0])
        XCTAssertEqual(Tensor([.infinity, -.infinity]).tanh().scalars, [1, -1])
    }
}
