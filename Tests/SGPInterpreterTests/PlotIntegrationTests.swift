import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SGPPlot
import SGPSyntax
import XCTest
@testable import SGPInterpreter

/// The plotting builtins through the interpreter: the host's figure sink, SVG validity, `save`, and values that
/// plot themselves. (Each builtin's printed results and errors are golden scripts in Tests/Scripts/plot.)
final class PlotIntegrationTests: XCTestCase {
    /// An interpreter whose figure sink records what it receives.
    func interpreter(_ shown: @escaping (FigureValue, String?) -> Void) -> (Interpreter, () -> [String]) {
        var printed: [String] = []
        var o = InterpreterOptions()
        o.output = { printed.append($0) }
        o.figureSink = shown
        return (Interpreter(options: o), { printed })
    }

    func testSinkGetsShowAndUnsuppressedTopLevelFiguresInBatchRuns() {
        var got: [(String, String?)] = []
        let (interp, printed) = interpreter { got.append(($0.summary, $1)) }
        let r = interp.run(Source(name: "t.sgp", text: """
        show(plot([1, 2, 3], title="a"), name="first")
        plot([1, 2])
        scatter([1], [1]);
        x = plot([1])
        fn make() = hist([1, 2, 3])
        make()
        fn inner()
          plot([5])
          return 1
        end
        inner()
        """))
        XCTAssertNil(r.error, r.rendered())
        XCTAssertEqual(got.map(\.0), ["figure(1×1 axes, 1 series, \"a\")", "figure(1×1 axes, 1 series)", "figure(1×1 axes, 1 series)"])
        XCTAssertEqual(got.map(\.1), ["first", nil, nil])
        XCTAssertEqual(printed(), [], "figures go to the sink, not to the text output")
    }

    func testInteractiveShowsOnlyTheTrailingFigure() {
        var got: [String] = []
        let (interp, _) = interpreter { fig, _ in got.append(fig.summary) }
        let r = interp.evaluateInteractive(Source(name: "cell", text: "plot([1])\nscatter([1], [2], title=\"last\")"))
        XCTAssertNil(r.error, r.rendered())
        XCTAssertEqual(got, ["figure(1×1 axes, 1 series, \"last\")"])
        guard case .opaque(let o)? = r.lastValue else { return XCTFail("the trailing figure is still the cell's value") }
        XCTAssertTrue(o is FigureValue)
        let r2 = interp.evaluateInteractive(Source(name: "cell", text: "plot([1]);"))
        XCTAssertNil(r2.error)
        XCTAssertEqual(got.count, 1, "a suppressed trailing figure is not shown")
    }

    func testEveryPlotKindRendersWellFormedSVG() throws {
        var svgs: [String] = []
        let (interp, _) = interpreter { fig, _ in svgs.append((try? fig.svg()) ?? "") }
        let r = interp.run(Source(name: "t.sgp", text: """
        fn logp(p) = -sum(p^2, axis=1)
        h = heatmap(logp, xlim=[-2, 2], ylim=[-2, 2], grid=24)
        c = contour(logp, xlim=[-2, 2], ylim=[-2, 2], grid=24, levels=4, on=h)
        q = quiver(p -> -p, xlim=[-2, 2], ylim=[-2, 2], grid=10)
        l = plot([1, nan, 3, 4], label="a < b & c", title="\\"quoted\\" <title>", logy=true)
        s = scatter(randn([300, 2]), on=plot([0, 1], [0, 1]), alpha=0.3)
        b = bar(["x", "y"], [1, 2], errors=[0.1, 0.2])
        t = text(0.2, 0.2, "<&>", on=vline(0.5, on=hline(0.5, on=hist(randn([100])))))
        subplots(c, q, l, s, b, t, cols=3, title="all kinds")
        """))
        XCTAssertNil(r.error, r.rendered())
        XCTAssertEqual(svgs.count, 1)
        let svg = try XCTUnwrap(svgs.first)
        XCTAssertTrue(svg.hasPrefix("<svg"), "inline SVG starts with <svg, no XML declaration")
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "XML parse error: \(String(describing: parser.parserError))")
        XCTAssertTrue(svg.contains("1 NaN/Inf point"), "the skipped NaN is noted in the figure")
        XCTAssertTrue(svg.contains("all kinds"))
        XCTAssertTrue(svg.contains("a &lt; b &amp; c"))
        XCTAssertFalse(svg.lowercased().contains("nan\""), "no NaN reaches an attribute")
    }

    func testSaveWritesSVGAndText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sgp-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (interp, _) = interpreter { _, _ in }
        let r = interp.run(Source(name: "t.sgp", text: """
        f = plot([1, 4, 9], title="squares")
        save(f, "\(dir.path)/f.svg")
        f |> save("\(dir.path)/f.txt")
        """))
        XCTAssertNil(r.error, r.rendered())
        let svg = try String(contentsOf: dir.appendingPathComponent("f.svg"), encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<?xml"), "a saved file is a standalone SVG")
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
        let txt = try String(contentsOf: dir.appendingPathComponent("f.txt"), encoding: .utf8)
        XCTAssertTrue(txt.contains("squares"))
        XCTAssertTrue(txt.unicodeScalars.allSatisfy(\.isASCII), "the .txt rendering is plain ASCII")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(leftovers, ["f.svg", "f.txt"], "atomic writes leave no temporary files")
    }

    func testSaveIsSandboxed() throws {
        var o = InterpreterOptions()
        o.output = { _ in }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sgp-sbx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        o.sandbox = Sandbox(readRoots: [root.path], writeRoot: root.path)
        let r = Interpreter(options: o).run(Source(name: "t.sgp", text: "save(plot([1, 2]), \"/etc/sgp-test.svg\")"))
        XCTAssertNotNil(r.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/sgp-test.svg"))
    }

    /// A stand-in for a plan or training history.
    final class History: PlottableValue {
        var received: [PlotOptions] = []
        var typeName: String { "history" }
        var summary: String { "history(3 epochs)" }
        func makeFigure(_ options: PlotOptions) throws -> Figure {
            received.append(options)
            var fig = Figure()
            try fig.ax.plot([3, 2, 1], label: options.label ?? "train")
            fig.ax.xlabel = "epoch"
            return fig
        }
    }

    func testValuesThatPlotThemselves() throws {
        var got: [FigureValue] = []
        let (interp, _) = interpreter { fig, _ in got.append(fig) }
        let h = History()
        interp.setGlobal("h", .opaque(h))
        let r = interp.run(Source(name: "t.sgp", text: """
        plot(h, label="val", logy=true, title="loss", dims=[0, 1])
        plot(h, on=scatter([0], [1]))
        """))
        XCTAssertNil(r.error, r.rendered())
        XCTAssertEqual(h.received.map(\.label), ["val", nil])
        XCTAssertEqual(h.received.first?.dims, [0, 1])
        XCTAssertEqual(h.received.first?.logy, true)
        XCTAssertEqual(got.count, 2)
        let fig = try XCTUnwrap(got.first).figure
        XCTAssertEqual(fig.ax.title, "loss")
        XCTAssertTrue(fig.ax.ylog)
        XCTAssertEqual(fig.ax.xlabel, "epoch", "settings the value chose stay unless overridden")
        XCTAssertEqual(got.last?.figure.ax.series.map(\.kind), ["scatter", "line"])
        let bad = interp.run(Source(name: "t.sgp", text: "plot(plot([1]))"))
        XCTAssertEqual(bad.error?.message, "plot: a figure cannot be plotted")
    }
}
