import XCTest
@testable import SGPPlot

final class RenderTests: XCTestCase {
    func testNaNPointsAreSkippedAndCountedInAVisibleNote() throws {
        let svg = try SVGRenderer.render(try Examples.nans())
        XCTAssertTrue(svg.contains("note: 3 NaN/Inf points skipped"))
        XCTAssertFalse(svg.contains("nan"), "no NaN may reach the file")
        XCTAssertTrue(XMLCheck.isWellFormed(svg))
        let text = try TerminalRenderer.render(try Examples.nans(), width: 60, height: 16, unicode: true)
        XCTAssertTrue(text.contains("note: 3 NaN/Inf points skipped"))
    }

    func testNaNsBreakTheLineIntoRuns() throws {
        let p = Prepare.axes(try Examples.nans().ax)
        let runs = p.marks.filter { if case .polyline = $0.kind { return true } else { return false } }
        XCTAssertEqual(runs.count, 3)
        XCTAssertEqual(p.skippedNonFinite, 3)
    }

    func testNonPositiveValuesOnLogAxisAreSkippedWithNote() throws {
        var f = Figure()
        try f.ax.plot([1, 2, 3, 4], [1, 0, -1, 10])
        f.ax.ylog = true
        let svg = try SVGRenderer.render(f)
        XCTAssertTrue(svg.contains("2 non-positive points skipped on a log axis"))
    }

    func testRenderingIsDeterministic() throws {
        for (name, make) in Examples.all {
            let f = try make()
            XCTAssertEqual(try SVGRenderer.render(f), try SVGRenderer.render(f), name)
            XCTAssertEqual(try TerminalRenderer.render(f, width: 50, height: 15, unicode: true, color: true),
                           try TerminalRenderer.render(f, width: 50, height: 15, unicode: true, color: true), name)
        }
    }

    func testTextIsEscapedAndSelfContained() throws {
        var f = Figure(suptitle: "a < b & \"c\"\u{1}")
        try f.ax.plot([1, 2], label: "<script>")
        let svg = try SVGRenderer.render(f)
        XCTAssertTrue(XMLCheck.isWellFormed(svg), XMLCheck.error(svg) ?? "")
        XCTAssertTrue(svg.contains("a &lt; b &amp; &quot;c&quot;"))
        XCTAssertFalse(svg.contains("<script>"))
        XCTAssertFalse(svg.contains("href"), "figures must not reference anything outside")
        XCTAssertFalse(svg.contains(" id=\""), "ids would clash when figures are inlined together")
    }

    func testLargeScatterIsBinnedWithNote() throws {
        let (x, y) = PlotBenchmarks.cloud(PlotBenchmarks.points)
        var f = Figure()
        try f.ax.scatter(x, y)
        let svg = try SVGRenderer.render(f)
        XCTAssertTrue(svg.contains("100000 points drawn as a density grid (scatters over 20000)"))
        XCTAssertFalse(svg.contains("<circle"))
        XCTAssertTrue(XMLCheck.isWellFormed(svg))
        // Measured 0.82 MB (one <circle> per point would be ~4 MB).
        XCTAssertLessThan(svg.utf8.count, 3_000_000)
    }

    func testLongSortedLineKeepsExtremesPerColumn() {
        let n = 50_000
        let px = (0..<n).map { Double($0) / Double(n) * 500 }
        let py = (0..<n).map { i in i == 12_345 ? 999.0 : Double(i % 7) }
        let (xs, ys) = Decimation.line(px: px, py: py)
        XCTAssertLessThanOrEqual(xs.count, 4 * 500)
        XCTAssertEqual(ys.max(), 999)
        XCTAssertEqual(ys.min(), 0)
        XCTAssertEqual(xs.first, px.first)
        XCTAssertEqual(xs.last, px.last)
    }

    func testLegendAvoidsTheDataCorner() throws {
        var f = Figure()
        // Points crowd the upper right, so the legend should move elsewhere.
        let x = (0..<200).map { 0.8 + 0.2 * Double($0 % 20) / 20 }, y = (0..<200).map { 0.8 + 0.2 * Double($0 / 20) / 10 }
        try f.ax.scatter(x + [0, 1], y + [0, 1], label: "crowd")
        let p = Prepare.axes(f.ax)
        let sx = Scale(p.xLimits, log: false, from: 0, to: 500), sy = Scale(p.yLimits, log: false, from: 300, to: 0)
        let o = LegendPlacement.place(w: 80, h: 30, plot: (0, 0, 500, 300), inset: 8, marks: p.marks, sx: sx, sy: sy)
        XCTAssertEqual(o.x, 8)
        XCTAssertEqual(o.y, 8)
    }

    func testMarchingSquaresFindsACircle() {
        let n = 41
        let g = (0..<n).map { i in (0..<n).map { j in
            let x = -1 + 2 * (Double(j) + 0.5) / Double(n), y = -1 + 2 * (Double(i) + 0.5) / Double(n)
            return x * x + y * y
        } }
        let segs = MarchingSquares.segments(g, level: 0.25, xRange: Limits(-1, 1), yRange: Limits(-1, 1))
        XCTAssertGreaterThan(segs.count, 40)
        for i in stride(from: 0, to: segs.count, by: 2) {
            let r = (segs[i] * segs[i] + segs[i + 1] * segs[i + 1]).squareRoot()
            XCTAssertEqual(r, 0.5, accuracy: 0.01)
        }
    }

    func testTerminalASCIIFallbackHasNoUnicode() throws {
        let text = try TerminalRenderer.render(try Examples.subplots(), width: 80, height: 30, unicode: false)
        XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.isASCII })
        XCTAssertTrue(text.contains("Planning run"))
    }

    func testTerminalColourUsesANSIAndResets() throws {
        let text = try TerminalRenderer.render(try Examples.line(), width: 60, height: 16, unicode: true, color: true)
        XCTAssertTrue(text.contains("\u{1B}[38;2;0;114;178m"), "first palette colour (Okabe–Ito blue)")
        XCTAssertTrue(text.contains("\u{1B}[0m"))
        let plain = try TerminalRenderer.render(try Examples.line(), width: 60, height: 16, unicode: true)
        XCTAssertFalse(plain.contains("\u{1B}"))
    }

    func testQuiverASCIIUsesDirectionGlyphs() {
        XCTAssertEqual(TerminalMarks.glyph(1, 0, relative: 1, unicode: true), "→")
        XCTAssertEqual(TerminalMarks.glyph(0, -1, relative: 1, unicode: true), "↑")  // screen y points down
        XCTAssertEqual(TerminalMarks.glyph(-1, 1, relative: 1, unicode: false), "/")
        XCTAssertEqual(TerminalMarks.glyph(1, 0, relative: 0.05, unicode: false), ".")
    }

    func testSVGNumbersHaveAtMostTwoDecimals() {
        var w = SVGWriter()
        for v in [1.0, -0.004, 2.345, 12.5, -3.999, 1e12, .nan] { w.num(v); w.raw(" ") }
        XCTAssertEqual(w.string, "1 0 2.35 12.5 -4 10000000 0 ")
    }
}

final class SaveAndGridTests: XCTestCase {
    func testSaveWritesSVGAndRejectsOtherTypes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sgpplot-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fig = try Examples.line()
        let path = dir.appendingPathComponent("f.svg").path
        try fig.save(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), try SVGRenderer.render(fig))
        XCTAssertThrowsError(try fig.save(to: dir.appendingPathComponent("f.png").path)) { e in
            XCTAssertEqual((e as? PlotError)?.description.hasPrefix("cannot save"), true)
        }
        XCTAssertThrowsError(try fig.save(to: "/nonexistent-dir-sgp/f.svg")) { e in
            guard case .writeFailed? = e as? PlotError else { return XCTFail("\(e)") }
        }
    }

    func testSampleGridMatchesHeatmapConvention() throws {
        let (x, y) = SampleGrid.points(xRange: Limits(0, 4), yRange: Limits(0, 2), cols: 4, rows: 2)
        XCTAssertEqual(x, [0.5, 1.5, 2.5, 3.5, 0.5, 1.5, 2.5, 3.5])
        XCTAssertEqual(y, [0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5])
        XCTAssertEqual(try SampleGrid.reshape([1, 2, 3, 4, 5, 6], rows: 2, cols: 3), [[1, 2, 3], [4, 5, 6]])
        XCTAssertThrowsError(try SampleGrid.reshape([1, 2, 3], rows: 2, cols: 2))
    }

    /// Neighbouring heatmap cells must overlap, not merely abut: with crispEdges, cells that end at x = 477.50
    /// and start at 477.51 after rounding left a 1 px white seam in Chromium (seen in a rendered notebook).
    func testHeatmapCellsOverlapSoNoSeamsShow() throws {
        var f = Figure()
        let grid = (0..<64).map { r in (0..<64).map { c in Double((r + c) % 2) } }  // neighbours differ in colour
        try f.ax.heatmap(grid, xRange: Limits(-2, 2), yRange: Limits(-2, 2))
        let svg = try SVGRenderer.render(f)
        let rects = svg.split(separator: "\n").filter { $0.hasPrefix("<rect") && $0.contains("fill=\"#") }
        func attr(_ line: Substring, _ name: String) -> Double? {
            guard let r = line.range(of: " \(name)=\"") else { return nil }
            return Double(line[r.upperBound...].prefix { $0 != "\"" })
        }
        let firstRow = rects.compactMap { l -> (Double, Double)? in
            guard let x = attr(l, "x"), let w = attr(l, "width"), let y = attr(l, "y"), y == attr(rects[1], "y") else { return nil }
            return (x, w)
        }
        // The heatmap comes first; the colour bar's bottom swatch shares the row's y and follows it.
        XCTAssertGreaterThanOrEqual(firstRow.count, 64, "one rectangle per cell of the bottom row")
        let cells = Array(firstRow.prefix(64))
        for (a, b) in zip(cells, cells.dropFirst()) {
            XCTAssertGreaterThan(a.0 + a.1, b.0 + 0.25, "cell at x=\(a.0) must overlap the next at x=\(b.0)")
        }
    }

    func testLongTitlesAreShortenedToTheirCell() throws {
        var f = try Figure.subplots(rows: 1, cols: 3, width: 600, height: 200)
        try f.update(row: 0, col: 0) { a in
            try a.plot([1, 2])
            a.title = String(repeating: "very long title ", count: 10)
        }
        let svg = try SVGRenderer.render(f)
        XCTAssertTrue(svg.contains("…</text>"))
        XCTAssertFalse(svg.contains(String(repeating: "very long title ", count: 10)))
    }
}

final class ExtremeInputTests: XCTestCase {
    /// Values at the edge of Double's range, points far outside fixed limits and huge options must give a valid
    /// file, never a trap.
    func testExtremeValuesNeverTrap() throws {
        var f = try Figure.subplots(rows: 2, cols: 2)
        try f.update(row: 0, col: 0) { a in
            try a.plot([-1e308, 0, 1e308], [1e308, -1e308, 0])
            try a.hist([-1e308, 1e308, 0], bins: 10)
        }
        try f.update(row: 0, col: 1) { a in
            try a.scatter([1e300, -1e300, 0.5], [0.5, 1e300, -1e300], size: 1e300)
            try a.text(1e300, 0, "far away")
            try a.quiver([0, 1e300], [0, 1], [1e300, 1], [1, -1e300])
            a.xlim = Limits(0, 1)
            a.ylim = Limits(0, 1)
        }
        try f.update(row: 1, col: 0) { a in
            try a.heatmap([[1e308, -1e308], [0, .nan]], xRange: Limits(-1e300, 1e300), yRange: Limits(0, 1))
        }
        try f.update(row: 1, col: 1) { a in
            try a.bar(["a"], [1e308], errors: [1e308])
            a.ylog = true
        }
        let svg = try SVGRenderer.render(f)
        XCTAssertTrue(XMLCheck.isWellFormed(svg))
        XCTAssertFalse(svg.contains("nan") || svg.contains("inf"))
        for unicode in [true, false] {
            XCTAssertFalse(try TerminalRenderer.render(f, width: 60, height: 20, unicode: unicode).isEmpty)
        }
    }
}

final class DecimationEdgeTests: XCTestCase {
    func testNaNPixelPositionsDoNotStallDecimation() {
        let px = [Double](repeating: .nan, count: 20_000), py = [Double](repeating: 1, count: 20_000)
        let (xs, _) = Decimation.line(px: px, py: py)
        XCTAssertLessThanOrEqual(xs.count, 20_000 * 4)
    }
}

final class InlineAndDensityTests: XCTestCase {
    func testInlineSVGHasNoXMLDeclaration() throws {
        let fig = try Examples.line()
        let inline = try SVGRenderer.render(fig, xmlDeclaration: false)
        XCTAssertTrue(inline.hasPrefix("<svg "))
        XCTAssertEqual("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + inline, try SVGRenderer.render(fig))
    }

    func testBigScatterIsShadedInTheTerminal() throws {
        let (x, y) = PlotBenchmarks.cloud(PlotBenchmarks.points)
        var f = Figure()
        try f.ax.scatter(x, y)
        let text = try TerminalRenderer.render(f, width: 60, height: 20, unicode: true)
        XCTAssertTrue(text.contains("█") && text.contains("░"), "dense and sparse cells shade differently")
        XCTAssertTrue(text.contains("100000 points drawn as a density grid"))
    }
}

final class TerminalEnvironmentTests: XCTestCase {
    func testLocaleDecidesUnicodeAndNoColorWhenNotATerminal() {
        let utf = TerminalEnvironment.detect(["LANG": "en_US.UTF-8", "COLUMNS": "120", "LINES": "40"])
        XCTAssertTrue(utf.unicode)
        let c = TerminalEnvironment.detect(["LC_ALL": "C", "LANG": "en_US.UTF-8"])
        XCTAssertFalse(c.unicode, "LC_ALL wins over LANG")
        XCTAssertTrue(TerminalEnvironment.detect(["LC_CTYPE": "de_DE.utf8"]).unicode)
        // Tests run with stdout redirected, so no colour and the size comes from the variables.
        if isatty(STDOUT_FILENO) == 0 {
            XCTAssertFalse(utf.color)
            XCTAssertEqual(utf.width, 120)
            XCTAssertEqual(utf.height, 40)
        }
    }
}
