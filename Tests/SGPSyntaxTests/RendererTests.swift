import XCTest
@testable import SGPSyntax

final class RendererTests: XCTestCase {
    /// Parses `text` as `name.sgp` and renders all its diagnostics without colour.
    private func rendered(_ text: String, name: String) -> String {
        let (_, diagnostics) = Parser.parse(Source(name: name + ".sgp", text: text))
        return DiagnosticRenderer().render(diagnostics)
    }

    func testParseErrorSnapshots() {
        let cases: [(String, String)] = [
            ("unclosed-call", "x = 1\nprint(a,\n      b\n"),
            ("missing-end", "fn terminal(x)\n  err = x - target\n  return sum(err^2)\n"),
            ("chained-comparison", "ok = 0 < x < 1\n"),
            ("unterminated-string", "name = \"pendulum\nprint(name)\n"),
            ("tab-indent", "fn f(x)\n\treturn x +* 2\nend\n"),
            ("multiline-span", "(a +\n  b) = 3\n"),
            ("stray-character", "if a && b then x = 1 end\n"),
            ("several-errors", "x = (1 +\ny = 2\nz = )\nfn f(a = 1, b)\n  return a\nend\nw = [1, 2\n"),
            ("default-order", "fn plan(model, horizon = 32, steps)\nend\n"),
            ("interpolation", "msg = \"loss {loss:.3f}\"\n"),
        ]
        for (name, text) in cases {
            assertSnapshot(rendered(text, name: name), named: name)
        }
    }

    func testHelpAndNoteWithoutSpan() {
        let source = Source(name: "run.sgp", text: "y = lenght(xs)\n")
        let d = Diagnostic(.error, "unknown name 'lenght'", span: Span(4, 10), source: source,
                           notes: [Diagnostic.Note("names are looked up in locals, then globals")],
                           help: Suggest.closest("lenght", among: ["length", "list", "log"]).map { "did you mean '\($0)'?" })
        assertSnapshot(DiagnosticRenderer().render(d), named: "help-and-note")
    }

    func testLineNumbersFollowTheCellOffset() {
        let source = Source(name: "notebook.sgp", text: "a = 1\nb = )\n", firstLine: 40)
        let (_, diagnostics) = Parser.parse(source)
        XCTAssertEqual(diagnostics.first?.description, "notebook.sgp:41:5: error: unexpected ')'")
        XCTAssertTrue(DiagnosticRenderer().render(diagnostics).contains(" 41 | b = )"))
    }

    func testColourOnlyWhenAsked() {
        let (_, diagnostics) = Parser.parse(Source(name: "c.sgp", text: "x = )"))
        let plain = DiagnosticRenderer(color: false).render(diagnostics)
        let coloured = DiagnosticRenderer(color: true).render(diagnostics)
        XCTAssertFalse(plain.contains("\u{1B}["))
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror\u{1B}[0m"))
        // Stripping the escapes gives the plain rendering back.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        XCTAssertEqual(stripped, plain)
    }

    func testEndOfInputAndEmptySource() {
        let (_, diagnostics) = Parser.parse(Source(name: "e.sgp", text: "f("))
        let text = DiagnosticRenderer().render(diagnostics)
        XCTAssertEqual(text, """
            e.sgp:1:3: error: expected ')' after arguments, found end of input
             1 | f(
               |   ^
            e.sgp:1:2: note: '(' opened here
             1 | f(
               |  ^


            """)
        XCTAssertEqual(DiagnosticRenderer().render([]), "")
    }
}
