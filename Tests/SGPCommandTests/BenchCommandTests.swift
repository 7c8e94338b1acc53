import Foundation
import XCTest

/// `sgp bench`: the `--json` contract (one object per line with name/value/unit/threads) on a cheap suite, and
/// usage errors. Timings themselves are not asserted.
final class BenchCommandTests: XCTestCase {
    func testJSONIsOneObjectPerLine() throws {
        let dir = try SGPBinary.tempDir()
        let r = try SGPBinary.run(["bench", "plot", "--json", "--quick", "--threads", "1", "--threads", "2"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        // Three plot figures per thread count.
        XCTAssertEqual(lines.count, 6, r.stdout)
        var threads: [Int] = []
        for line in lines {
            let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
            let name = try XCTUnwrap(obj["name"] as? String, String(line))
            XCTAssertTrue(name.hasPrefix("plot."), name)
            let value = try XCTUnwrap(obj["value"] as? Double, String(line))
            XCTAssertTrue(value.isFinite && value >= 0, String(line))
            XCTAssertEqual(obj["unit"] as? String, "ms", String(line))
            threads.append(try XCTUnwrap(obj["threads"] as? Int, String(line)))
        }
        XCTAssertEqual(threads, [1, 1, 1, 2, 2, 2])
    }

    func testTableAndUsageErrors() throws {
        let dir = try SGPBinary.tempDir()
        let table = try SGPBinary.run(["bench", "plot", "--quick"], cwd: dir)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("== plot ("), table.stdout)
        // --quick times 2000 points and the names say so.
        XCTAssertTrue(table.stdout.contains("plot.scatter_2000.svg"), table.stdout)
        let unknown = try SGPBinary.run(["bench", "nope"], cwd: dir)
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("unknown suite 'nope'"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("startup"), "the message lists the suites: \(unknown.stderr)")
        let badThreads = try SGPBinary.run(["bench", "plot", "--threads", "0"], cwd: dir)
        XCTAssertEqual(badThreads.status, 64, badThreads.stderr)
    }

    /// `sgp bench peak`: a positive FMA rate and rooflines that are the workloads' flop counts at that rate over the
    /// thread count (the figures compare.py prints beside the targets).
    func testPeakRooflinesFollowFromTheMeasuredRate() throws {
        let dir = try SGPBinary.tempDir()
        let r = try SGPBinary.run(["bench", "peak", "--json", "--quick", "--threads", "1", "--threads", "2"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        var byThreads: [Int: [String: Double]] = [:]
        for line in r.stdout.split(separator: "\n") {
            let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
            let t = try XCTUnwrap(obj["threads"] as? Int), name = try XCTUnwrap(obj["name"] as? String)
            byThreads[t, default: [:]][name] = try XCTUnwrap(obj["value"] as? Double)
        }
        let flops = ["a": 1.268_252_672e9, "b": 0.969_932_8e9, "c": 2.303_590_4e9]
        for t in [1, 2] {
            let figures = try XCTUnwrap(byThreads[t], r.stdout)
            let peak = try XCTUnwrap(figures["peak.fma_f32"])
            XCTAssertGreaterThan(peak, 1, "GFLOP/s")
            for (w, f) in flops {
                let roof = try XCTUnwrap(figures["roofline.\(w)"])
                XCTAssertEqual(roof, f / (peak * 1e9 * Double(t)) * 1e3, accuracy: 1e-3 * roof, "roofline \(w) at \(t) threads")
            }
        }
    }
}
