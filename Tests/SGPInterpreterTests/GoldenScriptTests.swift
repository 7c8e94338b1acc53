import Foundation
import SGPSyntax
import XCTest
@testable import SGPInterpreter

/// Runs every script under Tests/Scripts/<feature>/*.sgp (files starting with `_` are modules used by others) and
/// checks its inline expectations:
/// - `# expect: text` — the next printed line (in file order) is `text`;
/// - `# expect error L:C: substring` — the run stops with an error at line L, column C (`L:` alone checks only the
///   line) whose message contains `substring`.
/// Scripts run under a sandbox that allows reading Tests/Scripts and stdlib/ only. Rendered diagnostics of scripts
/// that fail are compared with `<name>.snapshot` next to the script (re-record with SGP_RECORD=1).
final class GoldenScriptTests: XCTestCase {
    struct Expectations {
        var lines: [(text: String, line: Int)] = []
        var error: (line: Int, column: Int?, message: String, at: Int)?
    }

    static func scripts() -> [URL] {
        guard let e = FileManager.default.enumerator(at: RepoPaths.scripts, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "sgp" && !$0.lastPathComponent.hasPrefix("_") }
            .sorted { $0.path < $1.path }
    }

    static func expectations(_ text: String) -> Expectations {
        var ex = Expectations()
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect: ") {
                ex.lines.append((String(line[r.upperBound...]).trimmingCharacters(in: .whitespaces), i + 1))
            } else if let r = line.range(of: "# expect error ") {
                let rest = line[r.upperBound...]
                let parts = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                let l = Int(parts.first ?? "") ?? 0
                let c = parts.count > 1 ? Int(parts[1]) : nil
                let msg = parts.count > 2 ? parts[2].trimmingCharacters(in: .whitespaces) : ""
                ex.error = (l, c, msg, i + 1)
            }
        }
        return ex
    }

    /// Runs one script the way the golden test does; returns printed lines and the result.
    static func run(_ url: URL, text: String) -> (printed: [String], result: ExecutionResult) {
        var printed: [String] = []
        var o = InterpreterOptions()
        o.output = { printed.append(contentsOf: $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
        o.sandbox = Sandbox(readRoots: [RepoPaths.scripts.path, RepoPaths.stdlib.path], writeRoot: NSTemporaryDirectory())
        o.stdlibPath = RepoPaths.stdlib.path
        let interp = Interpreter(options: o)
        let result = interp.run(Source(name: url.path, text: text))
        return (printed, result)
    }

    func testGoldenScripts() throws {
        let files = Self.scripts()
        XCTAssertGreaterThan(files.count, 30, "golden scripts not found under \(RepoPaths.scripts.path)")
        for url in files { try check(url) }
    }

    func check(_ url: URL) throws {
        let rel = String(url.path.dropFirst(RepoPaths.scripts.path.count + 1))
        guard let text = RepoPaths.read(url) else { return XCTFail("cannot read \(rel)") }
        let ex = Self.expectations(text)
        let (printed, result) = Self.run(url, text: text)
        for (k, e) in ex.lines.enumerated() {
            guard k < printed.count else {
                XCTFail("\(rel):\(e.line): expected output '\(e.text)' but the script printed only \(printed.count) lines"
                        + (result.diagnostics.first.map { "; error: \($0.description)" } ?? ""))
                return
            }
            if printed[k] != e.text { XCTFail("\(rel):\(e.line): expected '\(e.text)', got '\(printed[k])'") }
        }
        if printed.count > ex.lines.count && ex.error == nil {
            XCTFail("\(rel): unexpected extra output '\(printed[ex.lines.count])'")
        }
        let errors = result.diagnostics.filter { $0.severity == .error }
        if let want = ex.error {
            guard let d = errors.first else { return XCTFail("\(rel):\(want.at): expected an error, the script succeeded") }
            let (l, c) = d.location
            if l != want.line || (want.column != nil && c != want.column) || !(want.message.isEmpty || d.message.contains(want.message)) {
                XCTFail("\(rel):\(want.at): expected error \(want.line):\(want.column.map(String.init) ?? "*"): '\(want.message)', got \(l):\(c): '\(d.message)'")
            }
            let rendered = DiagnosticRenderer(color: false).render(result.diagnostics)
                .replacingOccurrences(of: RepoPaths.scripts.path + "/", with: "")
                .replacingOccurrences(of: RepoPaths.root.path + "/", with: "")
            let snap = url.deletingPathExtension().appendingPathExtension("snapshot")
            try RepoPaths.assertCurrent(rendered, at: snap, regenerate: "re-record with SGP_RECORD=1")
        } else if let d = errors.first {
            XCTFail("\(rel): unexpected error \(d.description)")
        }
    }
}
