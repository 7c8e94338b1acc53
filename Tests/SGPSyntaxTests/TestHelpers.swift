import XCTest
@testable import SGPSyntax

/// Parses `text` and returns the S-expression of the program plus the diagnostics.
func sexp(_ text: String) -> (String, [Diagnostic]) {
    let (block, diagnostics) = Parser.parse(Source(name: "test.sgp", text: text))
    return (ASTPrinter.print(block), diagnostics)
}

/// Asserts `text` parses without diagnostics to the S-expression `expected`.
func assertParses(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let (printed, diagnostics) = sexp(text)
    XCTAssertEqual(diagnostics.map(\.description), [], "diagnostics for: \(text)", file: file, line: line)
    XCTAssertEqual(printed, expected, "parsing: \(text)", file: file, line: line)
}

/// Asserts parsing `text` reports exactly the error messages `expected` (in source order).
func assertErrors(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    let (_, diagnostics) = sexp(text)
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.message), expected, "parsing: \(text)",
                   file: file, line: line)
}

/// Asserts the first error of `text` is `message` at 1-based `line:column`.
func assertFirstError(_ text: String, _ message: String, at location: (Int, Int),
                      file: StaticString = #filePath, line: UInt = #line) {
    let (_, diagnostics) = sexp(text)
    guard let d = diagnostics.first else {
        XCTFail("expected an error for: \(text)", file: file, line: line)
        return
    }
    XCTAssertEqual(d.message, message, file: file, line: line)
    XCTAssertEqual(d.location.line, location.0, "line", file: file, line: line)
    XCTAssertEqual(d.location.column, location.1, "column", file: file, line: line)
}
