import Foundation
import XCTest
@testable import SGPInterpreter

/// Generated files are current: docs/BUILTINS.md (from the registry) and EmbeddedStdlib.swift (from stdlib/).
final class GeneratedFilesTests: XCTestCase {
    func testBuiltinsDocIsCurrent() throws {
        try RepoPaths.assertCurrent(BuiltinRegistry.standard().markdown(), at: RepoPaths.builtinsDoc,
                                    regenerate: "regenerate with SGP_RECORD=1 swift test --filter GeneratedFilesTests")
    }

    func testEmbeddedStdlibMatchesFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.stdlib.path).filter { $0.hasSuffix(".sgp") }.sorted()
        XCTAssertFalse(files.isEmpty)
        var modules: [(String, String)] = []
        for f in files {
            let text = RepoPaths.read(RepoPaths.stdlib.appendingPathComponent(f)) ?? ""
            modules.append((String(f.dropLast(4)), text))
        }
        try RepoPaths.assertCurrent(Self.embeddedSource(modules), at: RepoPaths.embedded,
                                    regenerate: "regenerate with SGP_RECORD=1 swift test --filter GeneratedFilesTests")
        if !RepoPaths.recording {
            for (name, text) in modules { XCTAssertEqual(EmbeddedStdlib.modules[name], text, "embedded \(name) differs from stdlib/\(name).sgp") }
        }
    }

    static func embeddedSource(_ modules: [(String, String)]) -> String {
        var s = "// Generated from stdlib/*.sgp by GeneratedFilesTests (SGP_RECORD=1 swift test --filter GeneratedFilesTests).\n"
        s += "// Do not edit: change stdlib/*.sgp and regenerate.\n\n"
        s += "/// The standard library sources, embedded so an installed binary works anywhere.\n"
        s += "enum EmbeddedStdlib {\n    static let modules: [String: String] = [\n"
        for (name, text) in modules {
            let body = text.hasSuffix("\n") ? text : text + "\n"
            s += "        \"\(name)\": ##\"\"\"\n\(body)\n\"\"\"##,\n"
        }
        s += "    ]\n}\n"
        return s
    }
}
