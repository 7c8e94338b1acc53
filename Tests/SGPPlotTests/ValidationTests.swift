import XCTest
@testable import SGPPlot

final class ValidationTests: XCTestCase {
    func error(_ body: () throws -> Void) -> PlotError? {
        do { try body() } catch let e as PlotError { return e } catch { return nil }
        return nil
    }

    func testMismatchedLengthsNameSeriesAndBothLengths() {
        var a = Axes()
        let e = error { try a.plot([1, 2, 3], [1, 2], label: "loss") }
        XCTAssertEqual(e, .lengthMismatch(series: "line 'loss'", first: "x", firstCount: 3, second: "y", secondCount: 2))
        XCTAssertEqual(e?.description, "line 'loss': x has 3 values but y has 2")
        XCTAssertTrue(a.series.isEmpty, "a rejected series must not be added")
    }

    func testQuiverLengthsAreChecked() {
        var a = Axes()
        let e = error { try a.quiver([0, 1], [0, 1], [1, 1], [1]) }
        XCTAssertEqual(e?.description, "quiver #1: x has 2 values but v has 1")
    }

    func testEmptyData() {
        var a = Axes()
        XCTAssertEqual(error { try a.scatter([], []) }, .emptyData(series: "scatter #1"))
        XCTAssertEqual(error { try a.hist([]) }?.description, "hist #1: no data to plot")
        XCTAssertEqual(error { try a.heatmap([], xRange: Limits(0, 1), yRange: Limits(0, 1)) }, .emptyData(series: "heatmap #1"))
    }

    func testNonRectangularGrid() {
        var a = Axes()
        let e = error { try a.heatmap([[1, 2], [3]], xRange: Limits(0, 1), yRange: Limits(0, 1)) }
        XCTAssertEqual(e?.description, "heatmap #1: grid is not rectangular (row 0 has 2 values but row 1 has 1)")
        XCTAssertEqual(error { try a.contour([[1, 2]], xRange: Limits(0, 1), yRange: Limits(0, 1)) },
                       .gridTooSmall(series: "contour #1", rows: 1, cols: 2, minimum: 2))
    }

    func testBadLimitsAndLogLimits() {
        var f = Figure()
        try? f.ax.plot([1, 2])
        f.ax.xlim = Limits(1, 0)
        XCTAssertEqual(error { _ = try SVGRenderer.render(f) }?.description,
                       "x limits must be finite with lower < upper, got [1, 0]")
        f.ax.xlim = nil
        f.ax.ylog = true
        f.ax.ylim = Limits(0, 10)
        XCTAssertEqual(error { _ = try SVGRenderer.render(f) }, .nonPositiveLogLimits(axis: "y", lower: 0, upper: 10))
        XCTAssertEqual(error { try f.ax.heatmap([[1]], xRange: Limits(0, .nan), yRange: Limits(0, 1)) }?.description,
                       "heatmap #2 x range must be finite with lower < upper, got [0, nan]")
    }

    func testOptionsAndSizes() {
        var a = Axes()
        XCTAssertEqual(error { try a.hist([1], bins: 0) }, .badBinCount(series: "hist #1", bins: 0))
        XCTAssertEqual(error { try a.scatter([1], [1], size: -1) }?.description,
                       "scatter #1: size must be finite and non-negative, got -1")
        XCTAssertEqual(error { try a.bar(["a", "b"], [1, 2], errors: [1]) }?.description,
                       "bar #1: values has 2 values but errors has 1")
        XCTAssertEqual(error { _ = try Figure.subplots(rows: 0, cols: 2) }, .badSubplotGrid(rows: 0, cols: 2, axes: 0))
        var f = Figure(width: 5, height: 400)
        XCTAssertNotNil(error { _ = try SVGRenderer.render(f) })
        f.width = 640
        XCTAssertEqual(error { _ = try TerminalRenderer.render(f, width: 5, height: 5) },
                       .badSize(width: 5, height: 5, minimumWidth: 20, minimumHeight: 8))
        XCTAssertEqual(error { try f.update(row: 1, col: 0) { _ in } }, .axesOutOfRange(row: 1, col: 0, rows: 1, cols: 1))
    }

    func testMessagesAreLowercaseWithoutTrailingPeriod() {
        let errors: [PlotError] = [
            .lengthMismatch(series: "line #1", first: "x", firstCount: 1, second: "y", secondCount: 2),
            .emptyData(series: "bar #2"), .badLimits(what: "y limits", lower: 2, upper: 1),
            .badSubplotGrid(rows: 2, cols: 2, axes: 3),
        ]
        for e in errors {
            XCTAssertFalse(e.description.hasSuffix("."), e.description)
            XCTAssertEqual(e.description.first.map { String($0) }, e.description.first.map { String($0).lowercased() })
        }
    }
}
