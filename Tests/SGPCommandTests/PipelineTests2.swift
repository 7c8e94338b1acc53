import Foundation
import XCTest

/// The cart-pole and MuJoCo pipelines (scripts/cartpole_swingup.sgp, scripts/halfcheetah.sgp) run end to end in
/// their reduced form (`--set quick=true`) and record sane headline numbers. Bounds are loose, measured on the
/// quick forms (see the comments); the full forms' numbers are in docs/results/.
final class PipelineTests2: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `sgp run scripts/<name>.sgp --set quick=true` and returns the manifest's `recorded` values.
    func runQuick(_ name: String, env: [String: String] = [:]) throws -> [String: Any] {
        let dir = try SGPBinary.tempDir()
        let script = Self.repo.appendingPathComponent("scripts/\(name).sgp").path
        let r = try SGPBinary.run(["run", script, "--set", "quick=true", "--seed", "0", "--out", "run", "--quiet"], cwd: dir,
                                  env: ["OPENBLAS_NUM_THREADS": "1"].merging(env) { $1 })
        XCTAssertEqual(r.status, 0, r.stderr)
        let d = try Data(contentsOf: dir.appendingPathComponent("run/manifest.json"))
        let m = try XCTUnwrap(try JSONSerialization.jsonObject(with: d) as? [String: Any])
        XCTAssertEqual(m["status"] as? String, "ok")
        return try XCTUnwrap(m["recorded"] as? [String: Any])
    }

    func number(_ rec: [String: Any], _ key: String) throws -> Double {
        try XCTUnwrap(rec[key] as? Double, "recorded '\(key)' missing in \(rec.keys.sorted())")
    }

    func testCartpoleSwingupQuick() throws {
        let rec = try runQuick("cartpole_swingup")
        // Quick form (1 seed, β ∈ {0, 1}, 3000 samples, 40 iterations): true terminal errors measured 2.6–24
        // (no swing-up with so little training); the bound only rules out blow-ups and NaN.
        for tag in ["beta_0", "beta_1", "ensemble", "cem"] {
            let e = try number(rec, "true_err_" + tag)
            XCTAssertTrue(e >= 0 && e < 100, "true_err_\(tag) = \(e)")
            let far = try number(rec, "far_" + tag)
            XCTAssertTrue(far >= 0 && far <= 1, "far_\(tag) = \(far)")
            let gap = try number(rec, "gap_" + tag)
            XCTAssertTrue(gap >= 0 && gap < 100, "gap_\(tag) = \(gap)")
        }
    }

    func testLocomotionMPCQuick() throws {
        // Without Gymnasium's MuJoCo models the script falls back to the compiled pendulum (and says so).
        var env: [String: String] = [:]
        if let py = ProcessInfo.processInfo.environment["SGP_TEST_PYTHON"] { env["SGP_TEST_PYTHON"] = py }
        let rec = try runQuick("halfcheetah", env: env)
        let mujoco = try XCTUnwrap(rec["mujoco"] as? Bool)
        for tag in ["sgp", "beta0", "ensemble", "cem"] {
            // 10 steps of halfcheetah: returns measured −7 … 0; pendulum: about −10 per step at worst.
            let r = try number(rec, "return_" + tag)
            XCTAssertTrue(r.isFinite && abs(r) < 200, "return_\(tag) = \(r)")
            if mujoco {
                // D4RL score of a 10-step return: ≈ 2.2 (the random reference is for 1000 steps).
                let s = try number(rec, "score_" + tag)
                XCTAssertTrue(s > 0 && s < 5, "score_\(tag) = \(s)")
            }
        }
    }
}
