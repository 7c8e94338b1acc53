import SGPTensor
import XCTest
@testable import SGPData

/// A small dataset: N rows, x[i] = (i, 2i), u[i] = (−i), x' = x + 1, reward i, episodes of 4 rows.
func makeDataset(_ n: Int = 10, source: String = "test") throws -> Dataset {
    let x = (0..<n).flatMap { [Double($0), 2 * Double($0)] }
    let ep = (0..<n).map { Double($0 / 4) }
    let term = (0..<n).map { $0 % 4 == 3 ? 1.0 : 0 }
    return try Dataset(x: Tensor(shape: [n, 2], doubles: x), u: Tensor(shape: [n, 1], doubles: (0..<n).map { -Double($0) }),
                       xNext: Tensor(shape: [n, 2], doubles: x.map { $0 + 1 }), reward: Tensor((0..<n).map(Double.init)),
                       terminal: Tensor(term), episode: Tensor(ep), source: source)
}

final class DatasetTests: XCTestCase {
    func testShapesAreChecked() throws {
        XCTAssertThrowsError(try Dataset(x: .zeros([3, 2]), u: .zeros([4, 1]), xNext: .zeros([3, 2]), source: "t")) {
            XCTAssertTrue("\($0)".contains("u must be [3, du]"), "\($0)")
        }
        XCTAssertThrowsError(try Dataset(x: .zeros([3, 2]), u: .zeros([3, 1]), xNext: .zeros([3, 3]), source: "t"))
        XCTAssertThrowsError(try Dataset(x: .zeros([3, 2]), u: .zeros([3, 1]), xNext: .zeros([3, 2]), reward: .zeros([2]), source: "t"))
        let d = try Dataset(x: .zeros([3, 2]), u: .zeros([3, 1]), xNext: .zeros([3, 2]), source: "t")
        XCTAssertEqual(d.count, 3); XCTAssertEqual(d.stateDim, 2); XCTAssertEqual(d.actionDim, 1)
        XCTAssertEqual(d.terminals, [false, false, false])
    }

    func testDigestDependsOnContentOnly() throws {
        let a = try makeDataset(), b = try makeDataset(source: "elsewhere"), c = try makeDataset(11)
        XCTAssertEqual(a.sha256.count, 64)
        XCTAssertEqual(a.sha256, b.sha256)
        XCTAssertNotEqual(a.sha256, c.sha256)
        // The digest of the empty byte string is the published constant.
        XCTAssertEqual(SHA256Digest.hex(of: []), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256Digest.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testRowsFilterConcatenate() throws {
        let d = try makeDataset()
        let s = try d.rows(2..<5)
        XCTAssertEqual(s.count, 3)
        XCTAssertEqual(s.x.scalars, [2, 4, 3, 6, 4, 8])
        XCTAssertEqual(s.xNext.scalars, [3, 5, 4, 7, 5, 9])
        XCTAssertEqual(s.u.scalars, [-2, -3, -4])
        XCTAssertThrowsError(try d.rows(8..<12))
        XCTAssertThrowsError(try d.rows([0, 10]))
        let f = try d.filter((0..<10).map { $0 % 2 == 0 })
        XCTAssertEqual(f.reward.scalars, [0, 2, 4, 6, 8])
        XCTAssertThrowsError(try d.filter([true]))
        let c = try Dataset.concatenate([d, d])
        XCTAssertEqual(c.count, 20)
        XCTAssertEqual(c.x.scalars, d.x.scalars + d.x.scalars)
        // Episodes of the second part are shifted past the first part's ids (0, 1, 2).
        XCTAssertEqual(Array(c.episodeIds[10...]), d.episodeIds.map { $0 + 3 })
        let other = try Dataset(x: .zeros([1, 3]), u: .zeros([1, 1]), xNext: .zeros([1, 3]), source: "t")
        XCTAssertThrowsError(try Dataset.concatenate([d, other]))
    }

    func testSplitIsSeededAndDisjoint() throws {
        let d = try makeDataset(100)
        let (tr, va) = try d.split(validationFraction: 0.2, seed: 7)
        XCTAssertEqual(va.count, 20); XCTAssertEqual(tr.count, 80)
        XCTAssertEqual(Set(tr.reward.scalars).intersection(va.reward.scalars).count, 0)
        let again = try d.split(validationFraction: 0.2, seed: 7)
        XCTAssertEqual(again.validation.reward.scalars, va.reward.scalars)
        let other = try d.split(validationFraction: 0.2, seed: 8)
        XCTAssertNotEqual(other.validation.reward.scalars, va.reward.scalars)
        let byEp = try d.split(validationFraction: 0.2, seed: 7, byEpisode: true)
        XCTAssertEqual(Set(byEp.train.episodeIds).intersection(byEp.validation.episodeIds).count, 0)
        XCTAssertEqual(byEp.validation.count, 20) // 5 episodes of 4 rows
        XCTAssertThrowsError(try d.split(validationFraction: 1.5, seed: 0))
    }

    func testSample() throws {
        let d = try makeDataset(50)
        var rng = RandomStream(seed: 3, stream: "test")
        let s = try d.sample(200, rng: &rng)
        XCTAssertEqual(s.count, 200)
        for i in 0..<s.count { XCTAssertEqual(s.x.scalar(at: 2 * i) + 1, s.xNext.scalar(at: 2 * i)) }
        let w = try d.sample(50, rng: &rng, replacement: false)
        XCTAssertEqual(Set(w.reward.scalars).count, 50)
        XCTAssertThrowsError(try d.sample(51, rng: &rng, replacement: false))
    }

    func testCardAndSummary() throws {
        let d = try makeDataset(12)
        let card = d.card
        XCTAssertTrue(card.contains("transitions  12"), card)
        XCTAssertTrue(card.contains("episodes     3 (3 terminal rows, 0 timeout rows)"), card)
        // Returns per episode: 0+1+2+3 = 6, 22, 38 → mean 22.
        XCTAssertTrue(card.contains("returns      mean 22"), card)
        XCTAssertTrue(card.contains("x[1]"), card)
        XCTAssertTrue(card.contains(d.sha256), card)
        XCTAssertTrue(d.summary.contains("N=12, dx=2, du=1, episodes=3"), d.summary)
        XCTAssertEqual(d.statistics().stateRanges[1].max, 22)
    }

    func testNonFiniteRowsAreDropped() throws {
        var x = (0..<8).map(Double.init)
        x[3] = .nan
        let d = try Dataset(x: Tensor(shape: [4, 2], doubles: x), u: .zeros([4, 1]), xNext: .zeros([4, 2]),
                            reward: Tensor([0, 1, .infinity, 3]), source: "t")
        let (clean, warning) = d.droppingNonFinite(file: "f.csv")
        XCTAssertEqual(clean.count, 2)
        XCTAssertEqual(clean.reward.scalars, [0, 3])
        XCTAssertEqual(warning, "'f.csv': dropped 2 of 4 rows with NaN or infinite values")
    }

    func testTuplesAndSegments() throws {
        let d = try makeDataset(5)
        let z = d.tuples(.xu)
        XCTAssertEqual(z.shape, [5, 3])
        XCTAssertEqual(Array(z.scalars[3..<6]), [1, 2, -1])
        let zz = d.tuples(.xux)
        XCTAssertEqual(zz.shape, [5, 5])
        XCTAssertEqual(Array(zz.scalars[5..<10]), [1, 2, -1, 2, 3])
        // makeDataset's x' = x + 1 never equals the next row's x = (i+1, 2i+2): every row is its own segment.
        XCTAssertEqual(d.episodeSegments().count, 5)
        // A chained dataset: x' = next x, episodes of 4 with a terminal at the end of the first.
        let xs = (0..<7).map(Double.init)
        let chained = try Dataset(x: Tensor(shape: [6, 1], doubles: Array(xs[0..<6])), u: .zeros([6, 1]),
                                  xNext: Tensor(shape: [6, 1], doubles: Array(xs[1..<7])),
                                  terminal: Tensor([0, 0, 1, 0, 0, 0]), episode: Tensor([0, 0, 0, 1, 1, 1]), source: "t")
        XCTAssertEqual(chained.episodeSegments(), [0..<3, 3..<6])
    }
}
