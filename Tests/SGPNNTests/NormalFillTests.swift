import XCTest
import SGPTensor
@testable import SGPNN

final class NormalFillTests: XCTestCase {
    /// Moments of 200k draws, and the Box–Muller kernel against the formula in Double.
    func testMomentsAndFormula() {
        let fill = NormalFill()
        var rng = RandomStream(seed: 1, stream: "noise")
        let n = 200_001 // odd on purpose
        let buf = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { buf.deallocate() }
        fill.fill(buf, count: n, rng: &rng)
        var m1 = 0.0, m2 = 0.0, m4 = 0.0
        for i in 0..<n { let v = Double(buf[i]); m1 += v; m2 += v * v; m4 += v * v * v * v }
        m1 /= Double(n); m2 /= Double(n); m4 /= Double(n)
        XCTAssertEqual(m1, 0, accuracy: 0.01)
        XCTAssertEqual(m2, 1, accuracy: 0.01)
        XCTAssertEqual(m4, 3, accuracy: 0.06)
        XCTAssertTrue(buf[n - 1].isFinite)
        // First pair against the formula.
        var r2 = RandomStream(seed: 1, stream: "noise")
        let w = r2.nextUInt64()
        let u1 = (Double(UInt32(truncatingIfNeeded: w) >> 8) + 1) / 16_777_216, u2 = Double(UInt32(truncatingIfNeeded: w >> 32) >> 8) / 16_777_216
        let r = (-2 * Foundation.log(u1)).squareRoot()
        XCTAssertEqual(Double(buf[0]), r * Foundation.cos(2 * Double.pi * u2), accuracy: 2e-5 * max(1, r))
        XCTAssertEqual(Double(buf[1]), r * Foundation.sin(2 * Double.pi * u2), accuracy: 2e-5 * max(1, r))
    }
}

final class NormalFillSplitTests: XCTestCase {
    /// Transforming even-aligned sub-ranges (as data-parallel chunks do) gives exactly the whole-batch values.
    func testSubRangesMatchOneFill() {
        let n = 1001
        let whole = UnsafeMutablePointer<Float>.allocate(capacity: n), parts = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { whole.deallocate(); parts.deallocate() }
        var a = RandomStream(seed: 4, stream: "noise"), b = RandomStream(seed: 4, stream: "noise")
        NormalFill().fill(whole, count: n, rng: &a)
        let split = NormalFill()
        split.draw(count: n, rng: &b)
        for (lo, hi) in [(0, 386), (386, 600), (600, 1001)] { split.transform(parts + lo, start: lo, count: hi - lo) }
        for i in 0..<n { XCTAssertEqual(whole[i].bitPattern, parts[i].bitPattern, "element \(i)") }
    }
}
