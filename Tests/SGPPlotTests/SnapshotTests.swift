import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SGPPlot

/// Golden files under Snapshots/; run with SGP_RECORD=1 to rewrite them after an intended change.
final class SnapshotTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static var recording: Bool { ProcessInfo.processInfo.environment["SGP_RECORD"] == "1" }

    func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.directory.appendingPathComponent(name)
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing snapshot \(name); run with SGP_RECORD=1 to record it", file: file, line: line)
            return
        }
        XCTAssertEqual(text, expected, "snapshot \(name) differs; rerun with SGP_RECORD=1 if intended", file: file, line: line)
    }

    func testSVGSnapshotsAreWellFormedAndUnchanged() throws {
        for (name, make) in Examples.all {
            let svg = try SVGRenderer.render(try make())
            XCTAssertTrue(XMLCheck.isWellFormed(svg), "\(name).svg is not well-formed XML: \(XMLCheck.error(svg) ?? "")")
            try assertSnapshot(svg, named: "\(name).svg")
        }
    }

    func testTerminalSnapshotsUnicodeAndASCII() throws {
        for (name, make) in Examples.all {
            let fig = try make()
            let u = try TerminalRenderer.render(fig, width: 72, height: 22, unicode: true)
            let a = try TerminalRenderer.render(fig, width: 72, height: 22, unicode: false)
            XCTAssertTrue(a.unicodeScalars.allSatisfy { $0.isASCII },
                          "\(name): ASCII rendering contains non-ASCII characters")
            try assertSnapshot(u, named: "\(name).unicode.txt")
            try assertSnapshot(a, named: "\(name).ascii.txt")
        }
    }
}

/// Well-formedness check with Foundation's XMLParser.
enum XMLCheck {
    static func isWellFormed(_ s: String) -> Bool { error(s) == nil }

    static func error(_ s: String) -> String? {
        let parser = XMLParser(data: Data(s.utf8))
        if parser.parse() { return nil }
        return parser.parserError.map { "\($0)" } ?? "unknown parse error"
    }
}
