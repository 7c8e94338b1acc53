import Foundation
import XCTest

/// `sgp data FILE`: the card, `--json`, and exit codes for missing and corrupt files. The dataset is written by
/// our own writer through a script (`collect` + `save_dataset`).
final class DataCommandTests: XCTestCase {
    /// A folder holding `d.h5` (400 random transitions of the 3-D integrator, 8 episodes) written by `sgp run`.
    func writeDataset() throws -> URL {
        let dir = try SGPBinary.tempDir()
        let script = """
        d = collect(integrator(dim=3), policy="random", episodes=8, horizon=50, seed=4)
        save_dataset(d, "d.h5")
        print(d.sha256)
        """
        try script.write(to: dir.appendingPathComponent("w.sgp"), atomically: true, encoding: .utf8)
        let r = try SGPBinary.run(["run", "w.sgp", "--out", "run", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        try r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            .write(to: dir.appendingPathComponent("sha.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    func testCardAndJSON() throws {
        let dir = try writeDataset()
        let sha = try String(contentsOf: dir.appendingPathComponent("sha.txt"), encoding: .utf8)
        XCTAssertEqual(sha.count, 64)

        let card = try SGPBinary.run(["data", "d.h5"], cwd: dir)
        XCTAssertEqual(card.status, 0, card.stderr)
        XCTAssertTrue(card.stdout.contains("400"), card.stdout)
        XCTAssertTrue(card.stdout.contains(sha), card.stdout)
        XCTAssertTrue(card.stdout.contains("format: d4rl"), card.stdout)
        XCTAssertTrue(card.stdout.contains("observations"), card.stdout)

        let js = try SGPBinary.run(["data", "d.h5", "--json"], cwd: dir)
        XCTAssertEqual(js.status, 0, js.stderr)
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(js.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(obj["transitions"] as? Int, 400)
        XCTAssertEqual(obj["state_dim"] as? Int, 3)
        XCTAssertEqual(obj["action_dim"] as? Int, 3)
        XCTAssertEqual(obj["episodes"] as? Int, 8)
        XCTAssertEqual(obj["timeouts"] as? Int, 8)
        XCTAssertEqual(obj["sha256"] as? String, sha)
        XCTAssertEqual(obj["format"] as? String, "d4rl")
        let keys = try XCTUnwrap(obj["keys"] as? [String])
        for k in ["observations", "actions", "rewards", "terminals", "timeouts"] { XCTAssertTrue(keys.contains(k), "\(keys)") }
    }

    func testRunManifestListsDatasetsRead() throws {
        let dir = try writeDataset()
        try "d = load_dataset(\"d.h5\")\nprint(d.n)\n".write(to: dir.appendingPathComponent("r.sgp"), atomically: true, encoding: .utf8)
        let r = try SGPBinary.run(["run", "r.sgp", "--out", "run2", "--quiet"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "400\n")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run2/manifest.json"))) as? [String: Any]
        let inputs = try XCTUnwrap(m?["inputs"] as? [String: String])
        let entry = try XCTUnwrap(inputs.first { $0.key.hasSuffix("/d.h5") }, "\(inputs)")
        XCTAssertEqual(entry.value.count, 64, "SHA-256 of the file")
    }

    func testBadFilesExitCodes() throws {
        let dir = try writeDataset()
        let missing = try SGPBinary.run(["data", "nope.h5"], cwd: dir)
        XCTAssertEqual(missing.status, 66)
        XCTAssertTrue(missing.stderr.contains("no such file"), missing.stderr)

        // The first 4 KiB of a real HDF5 file: the signature is there, the rest is cut off.
        let full = try Data(contentsOf: dir.appendingPathComponent("d.h5"))
        XCTAssertGreaterThan(full.count, 4096)
        try full.prefix(4096).write(to: dir.appendingPathComponent("cut.h5"))
        let cut = try SGPBinary.run(["data", "cut.h5"], cwd: dir)
        XCTAssertEqual(cut.status, 65, cut.stdout + cut.stderr)
        XCTAssertTrue(cut.stderr.contains("cut.h5"), cut.stderr)

        try "obs_0,act_0\n1,oops\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let csv = try SGPBinary.run(["data", "bad.csv", "--json"], cwd: dir)
        XCTAssertEqual(csv.status, 65, csv.stdout + csv.stderr)
        XCTAssertTrue(csv.stderr.contains("bad.csv"), csv.stderr)
        XCTAssertEqual(csv.stdout, "")
    }

    func testUnknownSuiteListsData() throws {
        let dir = try SGPBinary.tempDir()
        let r = try SGPBinary.run(["bench", "nosuch"], cwd: dir)
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("data"), r.stderr)
    }
}
