import Foundation
import XCTest

/// Repository paths, found relative to this file so tests run from any working directory.
enum RepoPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let stdlib = root.appendingPathComponent("stdlib")
    static let scripts = root.appendingPathComponent("Tests/Scripts")
    static let embedded = root.appendingPathComponent("Sources/SGPInterpreter/EmbeddedStdlib.swift")
    static let builtinsDoc = root.appendingPathComponent("docs/BUILTINS.md")
    static var recording: Bool { ProcessInfo.processInfo.environment["SGP_RECORD"] == "1" }

    static func read(_ url: URL) -> String? { (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } }

    /// Compares `actual` with the file at `url`; with SGP_RECORD=1 rewrites the file instead.
    static func assertCurrent(_ actual: String, at url: URL, regenerate: String, file: StaticString = #filePath, line: UInt = #line) throws {
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = read(url)
        XCTAssertNotNil(expected, "\(url.path) is missing; \(regenerate)", file: file, line: line)
        if let expected, expected != actual {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let i = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            XCTFail("\(url.lastPathComponent) is out of date at line \(i + 1); \(regenerate)", file: file, line: line)
        }
    }
}
