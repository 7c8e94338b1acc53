import Foundation
import SGPTensor
import XCTest
@testable import SGPData

/// NumPy archives written by numpy (stored and deflated), single arrays, CSV parsing and their bad-file errors.
final class NumPyCSVTests: XCTestCase {
    func reference() throws -> (dir: String, expect: [String: Any]) {
        if let m = HDF5Tests.made { return m }
        let dir = try PythonHelper.tempDir("np")
        let expect = try PythonHelper.json("make_files.py", [dir])
        HDF5Tests.made = (dir, expect)
        return (dir, expect)
    }

    func testNumpyArchivesStoredAndDeflated() throws {
        let (dir, expect) = try reference()
        let e = try XCTUnwrap(expect["npz"] as? [String: Any])
        let stored = try DatasetIO.load(dir + "/stored.npz"), deflated = try DatasetIO.load(dir + "/deflated.npz")
        XCTAssertEqual(stored.format, .npz)
        XCTAssertEqual(stored.dataset.count, e["n"] as? Int)
        XCTAssertEqual(stored.dataset.x.scalars.reduce(0, +), try XCTUnwrap(e["x_sum"] as? Double), accuracy: 1e-4)
        XCTAssertEqual(stored.dataset.xNext.scalars.reduce(0, +), try XCTUnwrap(e["xn_sum"] as? Double), accuracy: 1e-4)
        XCTAssertEqual(Set(stored.dataset.episodeIds).count, e["episodes"] as? Int)
        XCTAssertEqual(stored.dataset.sha256, deflated.dataset.sha256)
        XCTAssertEqual(stored.keys, ["actions", "next_observations", "observations", "rewards", "terminals", "timeouts"])
        let short = try DatasetIO.load(dir + "/short_keys.npz").dataset
        XCTAssertEqual(short.x.scalars, stored.dataset.x.scalars) // float64 converted to float32
        let states = try DatasetIO.load(dir + "/states.npy")
        XCTAssertEqual(states.format, .npy)
        XCTAssertEqual(states.dataset.actionDim, 0)
        XCTAssertEqual(states.dataset.x.scalars, stored.dataset.x.scalars)
        XCTAssertEqual(states.warnings.count, 1)
        XCTAssertThrowsError(try DatasetIO.load(dir + "/object.npz")) {
            XCTAssertEqual("\($0)", "'\(dir)/object.npz' key 'observations' has type numpy '|O', expected numbers or booleans")
        }
    }

    func testNpyHeaderRoundTripAndErrors() throws {
        let values: [Float] = [1, 2, 3, 4, 5, 6]
        let data = values.withUnsafeBufferPointer { NumPyFormat.encode($0.baseAddress!, shape: [2, 3]) }
        XCTAssertEqual((data.count - 6 * 4) % 64, 0)
        let t = try NumPyFormat.decode(data, file: "f", key: "k")
        XCTAssertEqual(t.shape, [2, 3]); XCTAssertEqual(t.floats, values)
        XCTAssertThrowsError(try NumPyFormat.decode(data.prefix(data.count - 4), file: "f", key: "k")) {
            XCTAssertEqual("\($0)", "'f' is truncated or corrupt: 'k' holds 20 data bytes, shape [2, 3] needs 24")
        }
        let dir = try PythonHelper.tempDir("npz")
        let d = try makeDataset(5)
        try d.save(to: dir + "/d.npz")
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/d.npz"))
        _ = FileManager.default.createFile(atPath: dir + "/cut.npz", contents: bytes.prefix(bytes.count / 3))
        XCTAssertThrowsError(try DatasetIO.load(dir + "/cut.npz")) { XCTAssertTrue("\($0)".contains("truncated or corrupt"), "\($0)") }
    }

    func testCSV() throws {
        let dir = try PythonHelper.tempDir("csv")
        let p = dir + "/t.csv"
        let text = """
        act_0,obs_1,obs_0,next_obs_0,next_obs_1,reward,terminal,note
        0.5,2,1,1.5,2.5,-1,false,7
        -0.5, 3 ,2,1.5,3.5,-2,TRUE,8

        1e-1,nan,3,3.1,4,-3,0,9
        """
        _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        let r = try DatasetIO.load(p)
        XCTAssertEqual(r.format, .csv)
        XCTAssertEqual(r.dataset.count, 2)
        XCTAssertEqual(r.dataset.x.scalars, [1, 2, 2, 3])
        XCTAssertEqual(r.dataset.u.scalars, [0.5, -0.5])
        XCTAssertEqual(r.dataset.terminals, [false, true])
        XCTAssertEqual(r.dataset.episodeIds, [0, 0])
        XCTAssertEqual(r.warnings, ["'\(p)': dropped 1 of 3 rows with NaN or infinite values"])

        func error(_ body: String) -> String {
            _ = FileManager.default.createFile(atPath: p, contents: Data(body.utf8))
            do { _ = try DatasetIO.load(p); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(error("obs_0,act_0\n1,2\n"), "'\(p)' has no key 'next_obs_0' (it holds 'obs_0', 'act_0')")
        XCTAssertEqual(error("obs_0,next_obs_0\n1,2\n3,x\n"), "\(p):3: column 'next_obs_0' is not a number")
        XCTAssertEqual(error("obs_0,next_obs_0\n1,2\n3\n"), "\(p):3: expected 2 fields, found 1")
        XCTAssertEqual(error("obs_0,obs_1,next_obs_0\n1,2,3\n"), "'\(p)' key 'next_obs_*' has 1 columns but 'obs_*' has 2")
    }
}
