import Foundation
import SGPPlanning
import SGPTensor
import XCTest

final class ExactScoreTests: XCTestCase {
    /// Brute-force Float64 reference: score and distance by direct sums.
    func reference(data: [Double], n: Int, dim: Int, z: [Double], sigma: Double) -> (score: [Double], distance: Double) {
        let a = (0..<n).map { i in -(0..<dim).reduce(0) { $0 + (z[$1] - data[i * dim + $1]) * (z[$1] - data[i * dim + $1]) } / (2 * sigma * sigma) }
        let m = a.max() ?? 0
        let e = a.map { Foundation.exp($0 - m) }, s = e.reduce(0, +)
        let score = (0..<dim).map { j in ((0..<n).reduce(0) { $0 + e[$1] * data[$1 * dim + j] } / s - z[j]) / (sigma * sigma) }
        return (score, -sigma * sigma * (m + Foundation.log(s)))
    }

    func testMatchesBruteForceAcrossBlocks() throws {
        // 5000 rows > one data block (2048), 300 queries > one query block (256); 6-D like an (x, u, x') score.
        var rng = RandomStream(seed: 21, stream: "exact-score-test")
        let n = 5000, dim = 6, q = 300
        let data = (0..<(n * dim)).map { _ in rng.uniform(-1, 1) }
        let zs = (0..<(q * dim)).map { _ in rng.uniform(-1.2, 1.2) }
        let oracle = try ExactScore(data: Tensor(shape: [n, dim], doubles: data), sigmas: [0.3, 0.05])
        for level in 0..<2 {
            let s = try oracle.score(Tensor(shape: [q, dim], doubles: zs), level: level).scalars
            let d = try oracle.distance(Tensor(shape: [q, dim], doubles: zs), level: level).scalars
            var maxRel = 0.0, maxDist = 0.0
            for r in stride(from: 0, to: q, by: 37) {
                let ref = reference(data: data, n: n, dim: dim, z: Array(zs[(r * dim)..<((r + 1) * dim)]), sigma: oracle.sigmas[level])
                let scale = ref.score.map(abs).max() ?? 1
                for j in 0..<dim { maxRel = max(maxRel, abs(s[r * dim + j] - ref.score[j]) / scale) }
                maxDist = max(maxDist, abs(d[r] - ref.distance))
            }
            XCTAssertLessThan(maxRel, 1e-5, "level \(level)")
            XCTAssertLessThan(maxDist, 1e-6, "level \(level)")  // measured 3e-8 (queries are float32)
        }
    }

    func testSmallSigmaDistanceTendsToHalfSquaredNearestDistance() throws {
        let data = try Tensor(shape: [3, 2], doubles: [0, 0, 1, 0, 0, 2])
        let d = try SmoothedDistance(data: data, sigmas: [0.01]).distance(Tensor(shape: [1, 2], doubles: [0.9, 0.3]), level: 0)
        XCTAssertEqual(try d.item(), 0.5 * (0.01 + 0.09), accuracy: 1e-6)
    }

    func testRejectsBadInput() {
        XCTAssertThrowsError(try ExactScore(data: Tensor.zeros([0, 2]), sigmas: [0.1]))
        XCTAssertThrowsError(try ExactScore(data: Tensor.zeros([4, 2]), sigmas: [0])) { e in XCTAssertTrue("\(e)".hasPrefix("'sigmas'")) }
        XCTAssertThrowsError(try ExactScore(data: Tensor.zeros([4, 2]), sigmas: [0.1]).score(Tensor.zeros([3, 3]), level: 0)) { e in
            XCTAssertEqual(e as? PlanningError, .shape(argument: "z", expected: [3, 2], got: [3, 3]))
        }
        XCTAssertThrowsError(try ExactScore(data: Tensor.zeros([4, 2]), sigmas: [0.1]).score(Tensor.zeros([3, 2]), level: 1))
    }
}
