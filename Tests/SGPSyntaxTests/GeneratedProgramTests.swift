import XCTest
@testable import SGPSyntax

final class GeneratedProgramTests: XCTestCase {
    /// Every program the grammar generator writes must parse without a diagnostic.
    func testGeneratedProgramsParse() {
        var generator = ProgramGenerator(seed: 42)
        for i in 0..<300 {
            let text = generator.program()
            let (_, diagnostics) = Parser.parse(Source(name: "gen-\(i).sgp", text: text))
            XCTAssertEqual(DiagnosticRenderer().render(diagnostics), "", "program \(i):\n\(text)")
            if !diagnostics.isEmpty { break }
        }
    }
}
