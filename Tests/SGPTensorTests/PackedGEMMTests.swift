import XCTest
@testable import SGPTensor

/// The packed-panel kernels against a Float64 reference at awkward sizes (tails of 8-row blocks and 32-column
/// panels, k = 1), their epilogues, the transposed pack, and row-split invariance (what data-parallel callers need).
final class PackedGEMMTests: XCTestCase {
    private func random(_ n: Int, _ rng: inout RandomStream) -> [Float] { (0..<n).map { _ in Float(rng.normal()) } }

    private func assertClose(_ got: UnsafePointer<Float>, _ want: [Double], ldc: Int, m: Int, n: Int, k: Int, _ what: String) {
        var worst = 0.0
        for i in 0..<m { for j in 0..<n { worst = max(worst, abs(Double(got[i * ldc + j]) - want[i * n + j])) } }
        // Float32 accumulation over k terms of unit-variance products.
        XCTAssertLessThan(worst, 1e-5 * Double(k).squareRoot() * 4 + 1e-6, "\(what) m \(m) n \(n) k \(k): max error \(worst)")
    }

    func testNNWithEpiloguesMatchesReference() throws {
        try XCTSkipUnless(PackedGEMM.available, "packed kernels need AVX-512")
        var rng = RandomStream(seed: 1, stream: "gemm")
        for (m, k, n) in [(1, 1, 1), (7, 3, 17), (8, 23, 32), (13, 256, 33), (64, 40, 70), (131, 17, 256)] {
            let a = random(m * k, &rng), b = random(k * n, &rng), bias = random(n, &rng), mask = random(m * n, &rng)
            let packed = b.withUnsafeBufferPointer { PackedGEMM.PackedMatrix($0.baseAddress!, ld: n, k: k, n: n, transpose: false) }
            let ldc = n + 5
            var c = [Float](repeating: .nan, count: m * ldc)
            for variant in 0..<3 {
                var want = [Double](repeating: 0, count: m * n)
                for i in 0..<m { for j in 0..<n {
                    var s = 0.0
                    for q in 0..<k { s += Double(a[i * k + q]) * Double(b[q * n + j]) }
                    if variant >= 1 { s += Double(bias[j]) }
                    if variant == 1 { s = max(s, 0) }
                    if variant == 2 && mask[i * n + j] <= 0 { s = 0 }
                    want[i * n + j] = s
                } }
                a.withUnsafeBufferPointer { ap in bias.withUnsafeBufferPointer { bp in mask.withUnsafeBufferPointer { mp in
                    c.withUnsafeMutableBufferPointer { cp in
                        PackedGEMM.nn(rows: m, a: ap.baseAddress!, lda: k, b: packed, c: cp.baseAddress!, ldc: ldc,
                                      bias: variant >= 1 ? bp.baseAddress! : nil, relu: variant == 1,
                                      mask: variant == 2 ? mp.baseAddress! : nil, ldm: n)
                    }
                } } }
                c.withUnsafeBufferPointer { assertClose($0.baseAddress!, want, ldc: ldc, m: m, n: n, k: k, "nn variant \(variant)") }
                // Padding columns between rows are never written.
                if ldc > n { XCTAssertTrue(c[n].isNaN, "nn wrote past column \(n)") }
            }
        }
    }

    func testTNAndTransposedPackMatchReference() throws {
        try XCTSkipUnless(PackedGEMM.available, "packed kernels need AVX-512")
        var rng = RandomStream(seed: 2, stream: "gemm")
        for (m, k, n) in [(1, 1, 1), (23, 1024, 256), (7, 5, 40), (9, 130, 23), (256, 64, 33)] {
            // A stored k × m (lda = m + 2): C = Aᵀ B.
            let lda = m + 2
            let a = random(k * lda, &rng), b = random(k * n, &rng), c0 = random(m * n, &rng)
            let packed = b.withUnsafeBufferPointer { PackedGEMM.PackedMatrix($0.baseAddress!, ld: n, k: k, n: n, transpose: false) }
            for accumulate in [false, true] {
                var c = c0
                var want = [Double](repeating: 0, count: m * n)
                for i in 0..<m { for j in 0..<n {
                    var s = 0.0
                    for q in 0..<k { s += Double(a[q * lda + i]) * Double(b[q * n + j]) }
                    want[i * n + j] = (accumulate ? Double(c0[i * n + j]) : 0) + s
                } }
                a.withUnsafeBufferPointer { ap in c.withUnsafeMutableBufferPointer { cp in
                    PackedGEMM.tn(m: m, a: ap.baseAddress!, lda: lda, b: packed, c: cp.baseAddress!, ldc: n, accumulate: accumulate)
                } }
                c.withUnsafeBufferPointer { assertClose($0.baseAddress!, want, ldc: n, m: m, n: n, k: k, "tn accumulate \(accumulate)") }
            }
        }
        // Transposed pack: packing Sᵀ (S row-major n × k, ld k + 3) then multiplying equals multiplying by Sᵀ.
        for (k, n) in [(256, 256), (23, 256), (256, 23), (17, 40), (1, 1), (33, 47)] {
            let ld = k + 3, m = 9
            let s = random(n * ld, &rng), a = random(m * k, &rng)
            let packed = s.withUnsafeBufferPointer { PackedGEMM.PackedMatrix($0.baseAddress!, ld: ld, k: k, n: n, transpose: true) }
            var c = [Float](repeating: 0, count: m * n), want = [Double](repeating: 0, count: m * n)
            for i in 0..<m { for j in 0..<n { for q in 0..<k { want[i * n + j] += Double(a[i * k + q]) * Double(s[j * ld + q]) } } }
            a.withUnsafeBufferPointer { ap in c.withUnsafeMutableBufferPointer { cp in
                PackedGEMM.nn(rows: m, a: ap.baseAddress!, lda: k, b: packed, c: cp.baseAddress!, ldc: n)
            } }
            c.withUnsafeBufferPointer { assertClose($0.baseAddress!, want, ldc: n, m: m, n: n, k: k, "transposed pack") }
        }
    }

    func testRowSplitsGiveIdenticalBits() throws {
        try XCTSkipUnless(PackedGEMM.available, "packed kernels need AVX-512")
        var rng = RandomStream(seed: 3, stream: "gemm")
        let m = 100, k = 77, n = 45
        let a = random(m * k, &rng), b = random(k * n, &rng)
        let packed = b.withUnsafeBufferPointer { PackedGEMM.PackedMatrix($0.baseAddress!, ld: n, k: k, n: n, transpose: false) }
        var whole = [Float](repeating: 0, count: m * n), split = whole
        a.withUnsafeBufferPointer { ap in
            whole.withUnsafeMutableBufferPointer { PackedGEMM.nn(rows: m, a: ap.baseAddress!, lda: k, b: packed, c: $0.baseAddress!, ldc: n) }
            split.withUnsafeMutableBufferPointer { cp in
                PackedGEMM.nn(rows: 37, a: ap.baseAddress!, lda: k, b: packed, c: cp.baseAddress!, ldc: n)
                PackedGEMM.nn(rows: m - 37, a: ap.baseAddress! + 37 * k, lda: k, b: packed, c: cp.baseAddress! + 37 * n, ldc: n)
            }
        }
        XCTAssertEqual(whole, split)
    }
}
