import XCTest
@testable import SGPPlot

final class TickTests: XCTestCase {
    func testUnitRangeGivesTenthsByTwo() {
        XCTAssertEqual(Ticks.linear(0, 1, count: 5), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(Ticks.labels([0, 0.2, 0.4, 0.6, 0.8, 1]), ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    }

    func testStepsAreOneTwoFive() {
        for (lo, hi) in [(0.0, 7.3), (-3.2, 113.0), (0.001, 0.0042), (1e5, 3.7e6), (-1.0, 1.0)] {
            let t = Ticks.linear(lo, hi, count: 6)
            XCTAssertGreaterThanOrEqual(t.count, 2, "\(lo)…\(hi)")
            let step = t[1] - t[0]
            let mantissa = step / pow(10, floor(log10(step)))
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - $0) < 1e-6 }, "step \(step) for \(lo)…\(hi)")
            XCTAssertTrue(t.allSatisfy { $0 >= lo - 1e-12 && $0 <= hi + 1e-12 }, "\(t) outside \(lo)…\(hi)")
        }
    }

    func testNoFloatingPointNoiseInValuesOrLabels() {
        let t = Ticks.linear(0, 0.7, count: 8)
        XCTAssertTrue(t.contains(0.3), "\(t)")
        XCTAssertFalse(Ticks.labels(t).contains { $0.count > 4 }, "\(Ticks.labels(t))")
        XCTAssertEqual(Ticks.labels([0.1 + 0.2, 0.6]), ["0.3", "0.6"])
    }

    func testLabelsUseScientificForHugeAndTinyValues() {
        XCTAssertEqual(Ticks.labels([0, 1e6, 2e6, 3e6]), ["0", "1e6", "2e6", "3e6"])
        XCTAssertEqual(Ticks.labels([1e-5, 2e-5]), ["1e-5", "2e-5"])
        XCTAssertEqual(Ticks.labels([-1, -0.5, 0]), ["-1", "-0.5", "0"])
    }

    func testLogTicksAreDecadesOrOneTwoFive() {
        XCTAssertEqual(Ticks.log(1, 1000, maxCount: 6), [1, 10, 100, 1000])
        XCTAssertEqual(Ticks.log(1e-6, 1e6, maxCount: 5), [1e-6, 1e-3, 1, 1e3, 1e6])
        XCTAssertEqual(Ticks.log(1, 9, maxCount: 6), [1, 2, 5])
        XCTAssertEqual(Ticks.labels([0.01, 0.1, 1, 10, 1e5], log: true), ["0.01", "0.1", "1", "10", "1e5"])
    }

    func testFittingDropsTicksThatWouldCollide() {
        let wide = Ticks.fitting(0, 1e6, log: false, length: 600, desired: 10, gap: 10,
                                 extent: { TextMetrics.width($0, size: 11) })
        let narrow = Ticks.fitting(0, 1e6, log: false, length: 120, desired: 10, gap: 10,
                                   extent: { TextMetrics.width($0, size: 11) })
        XCTAssertLessThan(narrow.values.count, wide.values.count)
        // Neighbouring labels in the narrow axis leave the gap.
        for i in 1..<narrow.values.count {
            let d = (narrow.values[i] - narrow.values[i - 1]) / 1e6 * 120
            let need = (TextMetrics.width(narrow.labels[i], size: 11) + TextMetrics.width(narrow.labels[i - 1], size: 11)) / 2
            XCTAssertGreaterThanOrEqual(d, need + 10)
        }
    }

    func testCoarseRequestsStillGiveTwoTicks() {
        XCTAssertGreaterThanOrEqual(Ticks.linear(0.01, 5.4, count: 2).count, 2)
    }

    func testCompactNumbers() {
        XCTAssertEqual(Ticks.compact(-6.9078), "-6.91")
        XCTAssertEqual(Ticks.compact(0.012345), "0.0123")
        XCTAssertEqual(Ticks.compact(2_500_000), "2.5e6")
    }
}

final class CategoryTickTests: XCTestCase {
    func testCrowdedCategoriesAreThinnedNotAllEllipsised() {
        let cats = (0..<12).map { (position: Double($0), label: "category \($0)") }
        let t = Ticks.categorical(cats, length: 60, gap: 1, minWidth: 6, extent: { Double($0.count) },
                                  shorten: { String($0.prefix(Int($1))) })
        XCTAssertLessThan(t.values.count, 12)
        XCTAssertTrue(t.labels.allSatisfy { $0.count >= 6 }, "\(t.labels)")
        let roomy = Ticks.categorical(cats, length: 1000, gap: 1, minWidth: 6, extent: { Double($0.count) },
                                      shorten: { String($0.prefix(Int($1))) })
        XCTAssertEqual(roomy.labels, cats.map(\.label))
    }
}

final class TickCountTests: XCTestCase {
    func testCoarseHeckbertStepIsRefined() {
        XCTAssertEqual(Ticks.linear(-4.5, 6.9, count: 7), [-4, -2, 0, 2, 4, 6])
        XCTAssertEqual(Ticks.smaller(5), 2)
        XCTAssertEqual(Ticks.smaller(0.1), 0.05, accuracy: 1e-15)
    }
}
