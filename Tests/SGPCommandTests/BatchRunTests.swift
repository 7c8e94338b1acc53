import Foundation
import XCTest

/// `sgp run`: exit codes, --set, manifests, standard input, atomic outputs.
final class BatchRunTests: XCTestCase {
    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return name
    }

    func manifest(_ dir: URL) throws -> [String: Any] {
        let d = try Data(contentsOf: dir.appendingPathComponent("manifest.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: d) as? [String: Any])
    }

    func testExitCodes() throws {
        let dir = try SGPBinary.tempDir()
        _ = try write("x = 1 + 2\nprint(x)\n", "ok.sgp", in: dir)
        _ = try write("x = (1 + \n", "syntax.sgp", in: dir)
        _ = try write("x = [1, 2] @ [[1, 2, 3]]\n", "runtime.sgp", in: dir)
        let ok = try SGPBinary.run(["run", "ok.sgp", "--out", "r-ok", "--quiet"], cwd: dir)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout, "3\n")
        let syn = try SGPBinary.run(["run", "syntax.sgp", "--out", "r-syn", "--quiet"], cwd: dir)
        XCTAssertEqual(syn.status, 65)
        XCTAssertTrue(syn.stderr.contains("syntax.sgp:1:"), syn.stderr)
        let rt = try SGPBinary.run(["run", "runtime.sgp", "--out", "r-rt", "--quiet"], cwd: dir)
        XCTAssertEqual(rt.status, 70)
        XCTAssertTrue(rt.stderr.contains("runtime.sgp:1:5: error: matmul"), rt.stderr)
        XCTAssertTrue(rt.stderr.contains("^"), "caret under the span")
        let missing = try SGPBinary.run(["run", "nope.sgp"], cwd: dir)
        XCTAssertEqual(missing.status, 64)
        let badFlag = try SGPBinary.run(["run", "ok.sgp", "--sed", "3"], cwd: dir)
        XCTAssertEqual(badFlag.status, 64)
        XCTAssertEqual(try manifest(dir.appendingPathComponent("r-syn"))["status"] as? String, "syntax-error")
        XCTAssertEqual(try manifest(dir.appendingPathComponent("r-rt"))["status"] as? String, "error")
    }

    func testSetOverridesAndManifest() throws {
        let dir = try SGPBinary.tempDir()
        let script = "n = 3\nname = \"a\"\nlr = 0.1\nrecord(\"total\", n * lr)\nprint(n, name)\n"
        _ = try write(script, "s.sgp", in: dir)
        let r = try SGPBinary.run(["run", "s.sgp", "--set", "n=5", "--set", "name=bee", "--seed", "7", "--out", "r1", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "5 bee\n")
        let m = try manifest(dir.appendingPathComponent("r1"))
        XCTAssertEqual(m["status"] as? String, "ok")
        XCTAssertEqual(m["seed"] as? Int, 7)
        XCTAssertEqual((m["overrides"] as? [String: String])?["n"], "5")
        XCTAssertEqual((m["recorded"] as? [String: Any])?["total"] as? Double ?? 0, 0.5, accuracy: 1e-12)
        let sha = try XCTUnwrap(m["script_sha256"] as? String)
        XCTAssertEqual(sha.count, 64)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("r1/script.sgp"), encoding: .utf8), script)
        XCTAssertNotNil((m["machine"] as? [String: Any])?["blas_threads"])
        // Leftover temp files would mean a non-atomic write.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("r1").path)
        XCTAssertFalse(files.contains { $0.contains(".tmp-") }, "\(files)")

        let unknown = try SGPBinary.run(["run", "s.sgp", "--set", "nn=5", "--out", "r2", "--quiet"], cwd: dir)
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("'nn'"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'n'"), unknown.stderr)
        let typed = try SGPBinary.run(["run", "s.sgp", "--set", "n=\"x\"", "--out", "r3", "--quiet"], cwd: dir)
        XCTAssertNotEqual(typed.status, 0, "a string cannot override a number")
    }

    func testStandardInput() throws {
        let dir = try SGPBinary.tempDir()
        let r = try SGPBinary.run(["run", "-", "--out", "rs", "--quiet"], cwd: dir, stdin: "print(6 * 7)\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "42\n")
    }

    func testSameSeedSameNumbers() throws {
        let dir = try SGPBinary.tempDir()
        _ = try write("x = randn([3])\nprint(x)\n", "r.sgp", in: dir)
        let a = try SGPBinary.run(["run", "r.sgp", "--seed", "3", "--out", "a", "--quiet"], cwd: dir)
        let b = try SGPBinary.run(["run", "r.sgp", "--seed", "3", "--out", "b", "--quiet"], cwd: dir)
        let c = try SGPBinary.run(["run", "r.sgp", "--seed", "4", "--out", "c", "--quiet"], cwd: dir)
        XCTAssertEqual(a.stdout, b.stdout)
        XCTAssertNotEqual(a.stdout, c.stdout)
    }

    func testSandboxBlocksEscape() throws {
        let dir = try SGPBinary.tempDir()
        _ = try write("use \"/etc/passwd\"\n", "esc.sgp", in: dir)
        let r = try SGPBinary.run(["run", "esc.sgp", "--sandbox", "--out", "rx", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 70)
        XCTAssertTrue(r.stderr.contains("sandbox"), r.stderr)
    }

    func testCellsRunOneByOneWithTimingsAndLateOverrides() throws {
        let dir = try SGPBinary.tempDir()
        _ = try write("# %% first\nx = 1\n# %% second\nn = 3\nprint(n * x)\n", "cells.sgp", in: dir)
        let r = try SGPBinary.run(["run", "cells.sgp", "--set", "n=7", "--out", "rc", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "7\n", "an override of a name assigned in a later cell applies")
        let cells = try XCTUnwrap(try manifest(dir.appendingPathComponent("rc"))["cells"] as? [[String: Any]])
        XCTAssertEqual(cells.map { $0["title"] as? String }, ["first", "second"])
        let nb = try SGPBinary.run(["notebook", "cells.sgp", "-o", "c.md", "--set", "n=8", "--out", "rn", "--quiet"], cwd: dir)
        XCTAssertEqual(nb.status, 0, nb.stderr)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("c.md"), encoding: .utf8).contains("```\n8\n```"))
        // A syntax error in a late cell is reported before anything runs in batch mode.
        _ = try write("# %% a\nprint(1)\n# %% b\nx = (\n", "late.sgp", in: dir)
        let late = try SGPBinary.run(["run", "late.sgp", "--out", "rl", "--quiet"], cwd: dir)
        XCTAssertEqual(late.status, 65)
        XCTAssertEqual(late.stdout, "")
    }
}
