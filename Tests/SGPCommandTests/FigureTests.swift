import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Figures through the CLI: `sgp run` saves shown figures into the run directory and lists them in the manifest,
/// `sgp notebook` inlines them as SVG, the REPL draws them in the terminal.
final class FigureTests: XCTestCase {
    func testRunSavesShownFiguresIntoTheRunDirectory() throws {
        let dir = try SGPBinary.tempDir()
        let script = """
        show(plot([1, 2, 3]))
        scatter([1, 2], [2, 1], title="pts")
        hist([1, 2, 2, 3]);
        show(plot([3, 2, 1]), name="descending")
        print("done")
        """
        try script.write(to: dir.appendingPathComponent("f.sgp"), atomically: true, encoding: .utf8)
        let r = try SGPBinary.run(["run", "f.sgp", "--out", "run", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "done\n", "figures are saved, not printed")
        let m = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run/manifest.json"))) as? [String: Any])
        let figures = try XCTUnwrap(m["figures"] as? [String])
        XCTAssertEqual(figures, ["figure-1.svg", "figure-2.svg", "descending.svg"], "the suppressed hist is not shown")
        for f in figures {
            let svg = try String(contentsOf: dir.appendingPathComponent("run/" + f), encoding: .utf8)
            XCTAssertTrue(svg.contains("<svg"), f)
            let p = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(p.parse(), "\(f): \(String(describing: p.parserError))")
        }
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("run/figure-2.svg"), encoding: .utf8).contains("pts"))
        XCTAssertTrue((m["files"] as? [String] ?? []).contains("descending.svg"))
    }

    func testNotebookEmbedsSVGInline() throws {
        let dir = try SGPBinary.tempDir()
        let nb = "# %% Loss\nplot([3, 2, 1.5, 1.2], title=\"loss\", logy=true)\n# %% Two\nshow(hist([1, 2, 2, 3]))\nprint(\"after\")\nscatter([1], [1])\n"
        try nb.write(to: dir.appendingPathComponent("nb.sgp"), atomically: true, encoding: .utf8)
        let r = try SGPBinary.run(["notebook", "nb.sgp", "-o", "nb.html", "--out", "run", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: dir.appendingPathComponent("nb.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1 >= 3, true, "three figures inline")
        XCTAssertFalse(html.contains("<?xml"), "no XML declaration inside the HTML")
        XCTAssertFalse(html.contains("figure(1×1 axes"), "figures are drawn, not summarised")
        let showAt = try XCTUnwrap(html.range(of: "<figure class=\"fig\" title=\"figure-2.svg\">"))
        let afterAt = try XCTUnwrap(html.range(of: "<pre class=\"out\">after"))
        XCTAssertLessThan(showAt.lowerBound, afterAt.lowerBound, "outputs keep their order")
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        XCTAssertTrue(parser.parse(), "XML parse error: \(String(describing: parser.parserError))")
        let m = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run/manifest.json"))) as? [String: Any])
        XCTAssertEqual((m["figures"] as? [String])?.count, 3)
    }

    func testREPLDrawsFiguresInTheTerminal() throws {
        let dir = try SGPBinary.tempDir()
        let input = "plot([1, 4, 9, 16], title=\"sq\")\nf = scatter([1], [1]);\nf.series\n"
        let ascii = try SGPBinary.run(["--no-history"], cwd: dir, stdin: input, env: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": "", "COLUMNS": "60", "LINES": "20"])
        XCTAssertEqual(ascii.status, 0, ascii.stderr)
        XCTAssertTrue(ascii.stdout.contains("sq"), ascii.stdout)
        XCTAssertTrue(ascii.stdout.unicodeScalars.allSatisfy(\.isASCII), "plain ASCII when the locale is not UTF-8")
        XCTAssertFalse(ascii.stdout.contains("figure(1×1"), "drawn, not summarised")
        XCTAssertTrue(ascii.stdout.hasSuffix("1\n"), "later inputs still print: \(ascii.stdout)")
        let lines = ascii.stdout.split(separator: "\n")
        XCTAssertLessThanOrEqual(lines.map(\.count).max() ?? 0, 60, "sized to COLUMNS")
        let utf8 = try SGPBinary.run(["--no-history"], cwd: dir, stdin: input, env: ["LANG": "en_US.UTF-8", "LC_ALL": "", "LC_CTYPE": "", "COLUMNS": "60", "LINES": "20"])
        XCTAssertTrue(utf8.stdout.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "braille canvas when UTF-8")
    }
}
