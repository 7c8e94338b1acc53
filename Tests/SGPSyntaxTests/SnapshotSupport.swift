import Foundation
import XCTest

/// Compares `actual` with `Snapshots/<name>.txt`; with `SGP_RECORD=1` in the environment it writes the file instead.
func assertSnapshot(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = folder.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["SGP_RECORD"] == "1" {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        } catch {
            XCTFail("cannot record snapshot \(url.path): \(error)", file: file, line: line)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        XCTFail("no snapshot \(url.path); run the tests with SGP_RECORD=1 to record it", file: file, line: line)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    XCTAssertEqual(actual, expected, "snapshot \(name) differs; rerun with SGP_RECORD=1 if the change is intended",
                   file: file, line: line)
}
