import Foundation
import XCTest
@testable import SGPSyntax

/// Keeps docs/LANGUAGE.md honest: its precedence table matches `OperatorTable`, and its `sgp` examples parse.
final class DocumentationTests: XCTestCase {
    private func languageDoc() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/LANGUAGE.md"), encoding: .utf8)
    }

    /// The precedence table as LANGUAGE.md writes it, generated from the operator data.
    static func precedenceTable() -> String {
        var rows = ["| level | operators | kind | associativity |", "|---|---|---|---|"]
        for level in Precedence.allCases {
            let binary = OperatorTable.binary.filter { $0.precedence == level }
            let prefix = OperatorTable.prefix.filter { $0.precedence == level }
            func code(_ s: String) -> String { "`" + s.replacingOccurrences(of: "|", with: "\\|") + "`" }
            if let first = binary.first {
                let assoc: String
                switch first.associativity {
                case .left: assoc = "left"
                case .right: assoc = "right"
                case .none: assoc = "none (chaining is an error)"
                }
                rows.append("| \(level.rawValue) | \(binary.map { code($0.spelling) }.joined(separator: " ")) | binary | \(assoc) |")
            }
            if !prefix.isEmpty {
                rows.append("| \(level.rawValue) | \(prefix.map { code($0.spelling) }.joined(separator: " ")) | prefix | — |")
            }
        }
        return rows.joined(separator: "\n")
    }

    func testPrecedenceTableMatchesTheOperatorTable() throws {
        let doc = try languageDoc()
        guard let begin = doc.range(of: "<!-- precedence:begin -->\n"), let end = doc.range(of: "\n<!-- precedence:end -->") else {
            return XCTFail("precedence markers missing from docs/LANGUAGE.md")
        }
        XCTAssertEqual(String(doc[begin.upperBound..<end.lowerBound]), DocumentationTests.precedenceTable(),
                       "update the table in docs/LANGUAGE.md to the expected text")
    }

    func testExamplesParse() throws {
        let doc = try languageDoc()
        var examples: [String] = []
        var current: [Substring]?
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```sgp" {
                current = []
            } else if current != nil, trimmed == "```" {
                examples.append((current ?? []).joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        XCTAssertGreaterThanOrEqual(examples.count, 5)
        for example in examples {
            let (_, diagnostics) = Parser.parse(Source(name: "LANGUAGE.md", text: example))
            XCTAssertEqual(DiagnosticRenderer().render(diagnostics), "", example)
        }
    }
}
