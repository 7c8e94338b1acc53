import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// `sgp notebook`: self-contained, well-formed HTML with every cell's output; Markdown with figures beside it.
final class NotebookTests: XCTestCase {
    let notebook = """
    # %% [markdown]
    # # Title
    # Some *text* & symbols < >.

    # %% Compute
    x = [1, 2, 3]
    print("sum is {sum(x)}")
    x * 2

    # %% Second
    y = 10
    print(y + 1)
    """

    func testHTMLIsWellFormedAndSelfContained() throws {
        let dir = try SGPBinary.tempDir()
        try notebook.write(to: dir.appendingPathComponent("nb.sgp"), atomically: true, encoding: .utf8)
        let r = try SGPBinary.run(["notebook", "nb.sgp", "-o", "nb.html", "--out", "run", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: dir.appendingPathComponent("nb.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "no external references")
        XCTAssertTrue(html.contains("sum is 6"))
        XCTAssertTrue(html.contains("11"))
        XCTAssertTrue(html.contains("<h1>Title</h1>"))
        XCTAssertTrue(html.contains("&amp; symbols &lt; &gt;"))
        // Well-formed: the report is written as XHTML-compatible markup, so an XML parser accepts it.
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        XCTAssertTrue(parser.parse(), "XML parse error: \(String(describing: parser.parserError))")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run/manifest.json"))) as? [String: Any]
        XCTAssertEqual((m?["cells"] as? [[String: Any]])?.count, 2, "one timing per code cell")
    }

    func testErrorsShowInlineAndStop() throws {
        let dir = try SGPBinary.tempDir()
        try "# %% a\nprint(1)\n# %% b\nprint(nope)\n# %% c\nprint(3)\n".write(to: dir.appendingPathComponent("e.sgp"), atomically: true, encoding: .utf8)
        let r = try SGPBinary.run(["notebook", "e.sgp", "-o", "e.md", "--out", "run", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 70)
        let md = try String(contentsOf: dir.appendingPathComponent("e.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("e.sgp:4:7: error: unknown name 'nope'"), md)
        XCTAssertFalse(md.contains("```\n3\n```"), "cell c must not run after the error")
        let r2 = try SGPBinary.run(["notebook", "e.sgp", "-o", "e2.md", "--out", "run2", "--quiet", "--continue-on-error"], cwd: dir)
        XCTAssertEqual(r2.status, 70)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("e2.md"), encoding: .utf8).contains("```\n3\n```"))
    }
}
