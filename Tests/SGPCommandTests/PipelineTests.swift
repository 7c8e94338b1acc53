import Foundation
import XCTest

/// The pipelines in `scripts/` run end to end in their reduced form (`--set quick=true`), and their recorded
/// headline numbers stay within loose bounds measured on the quick runs (debug build, 2-core machine).
final class PipelineTests: XCTestCase {
    /// The repository's `scripts/` folder, found from this file's path.
    static var scripts: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts")
    }

    /// Runs `sgp run scripts/<name>.sgp --set quick=true` and returns the manifest's `recorded` values.
    func runQuick(_ name: String) throws -> [String: Any] {
        let dir = try SGPBinary.tempDir()
        let script = Self.scripts.appendingPathComponent("\(name).sgp").path
        let r = try SGPBinary.run(["run", script, "--set", "quick=true", "--out", "run", "--quiet"], cwd: dir,
                                  env: ["OPENBLAS_NUM_THREADS": "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let data = try Data(contentsOf: dir.appendingPathComponent("run/manifest.json"))
        let m = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(m["status"] as? String, "ok")
        return try XCTUnwrap(m["recorded"] as? [String: Any])
    }

    func value(_ rec: [String: Any], _ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        // JSON numbers arrive as NSNumber (an integer-valued record such as a success rate of 1 too).
        let v = try XCTUnwrap((rec[key] as? NSNumber)?.doubleValue, "recorded value '\(key)' missing", file: file, line: line)
        XCTAssertTrue(v.isFinite, "\(key) = \(v)", file: file, line: line)
        return v
    }

    /// hole2d: β = 0 cuts through the hole (measured min ‖x‖ 0.203), β = 0.3 goes around it (0.588, goal error
    /// 0.032); the true-dynamics shooting plan replays exactly, dirtran leaves a small defect (0.030), and the
    /// learned-model plans show a non-zero plan-vs-true gap (0.16 and 0.09).
    func testHole2dQuick() throws {
        let rec = try runQuick("hole2d")
        XCTAssertLessThan(try value(rec, "shoot/exact b=0 min_dist"), 0.3)
        XCTAssertGreaterThan(try value(rec, "shoot/exact b=0.3 min_dist"), 0.38)
        XCTAssertLessThan(try value(rec, "shoot/exact b=0.3 goal_err"), 0.1)
        XCTAssertLessThan(try value(rec, "shoot/exact b=0 gap"), 1e-4)
        XCTAssertLessThan(try value(rec, "dirtran/exact b=0 gap"), 0.1)
        XCTAssertLessThan(try value(rec, "dirtran/exact b=0 goal_err"), 0.2)
        for key in ["shoot/learned b=0 gap", "shoot/learned b=0.3 gap", "dirtran/learned b=0 gap"] {
            let g = try value(rec, key)
            XCTAssertGreaterThan(g, 1e-4, key)
            XCTAssertLessThan(g, 1.0, key)
        }
    }

    /// dimension_scaling (quick: fixed iterations, n ∈ {2, 8, 32}, one seed): SGP succeeds at every n with cost
    /// ≈ 0.10 (measured 0.102–0.103); CEM's cost grows with n (0.13 at n = 2, 13.4 at n = 32).
    func testDimensionScalingQuick() throws {
        let rec = try runQuick("dimension_scaling")
        for n in [2, 8, 32] {
            XCTAssertEqual(try value(rec, "n=\(n) SGP success"), 1, "n = \(n)")
            XCTAssertLessThan(try value(rec, "n=\(n) SGP cost"), 0.2, "n = \(n)")
        }
        let cem2 = try value(rec, "n=2 CEM cost"), cem32 = try value(rec, "n=32 CEM cost")
        XCTAssertGreaterThan(cem32, 5 * cem2)
        XCTAssertGreaterThan(cem32, 5 * (try value(rec, "n=32 SGP cost")))
    }
}
