import Foundation
import SGPTensor
import XCTest
@testable import SGPData

/// D4RL and Minari HDF5 against files written by h5py (skipped without SGP_TEST_PYTHON), round trips, bad files.
final class HDF5Tests: XCTestCase {
    /// Reference files and the D4RL rule results, made once per process.
    nonisolated(unsafe) static var made: (dir: String, expect: [String: Any])?

    func reference() throws -> (dir: String, expect: [String: Any]) {
        if let m = HDF5Tests.made { return m }
        let dir = try PythonHelper.tempDir("h5")
        let expect = try PythonHelper.json("make_files.py", [dir])
        HDF5Tests.made = (dir, expect)
        return (dir, expect)
    }

    func sum(_ t: Tensor) -> Double { t.scalars.reduce(0, +) }

    func checkD4RL(_ file: String, _ key: String) throws {
        let (dir, expect) = try reference()
        let e = try XCTUnwrap(expect[key] as? [String: Any])
        let loaded = try DatasetIO.load((dir as NSString).appendingPathComponent(file))
        let d = loaded.dataset
        XCTAssertEqual(loaded.format, .d4rl)
        XCTAssertEqual(d.count, e["n"] as? Int)
        XCTAssertEqual(d.stateDim, 5); XCTAssertEqual(d.actionDim, 2)
        XCTAssertEqual(sum(d.x), try XCTUnwrap(e["x_sum"] as? Double), accuracy: 1e-4)
        XCTAssertEqual(sum(d.xNext), try XCTUnwrap(e["xn_sum"] as? Double), accuracy: 1e-4)
        XCTAssertEqual(sum(d.u), try XCTUnwrap(e["u_sum"] as? Double), accuracy: 1e-4)
        XCTAssertEqual(sum(d.reward), try XCTUnwrap(e["r_sum"] as? Double), accuracy: 1e-4)
        XCTAssertEqual(d.terminals.filter { $0 }.count, e["terminals"] as? Int)
        XCTAssertEqual(d.timeouts.filter { $0 }.count, 0) // timeout rows are skipped
        let last = d.count - 1
        // Foundation's JSON parser on Linux can be off in the last digit of a Double: compare at float32 precision.
        let xl = try XCTUnwrap(e["x_last"] as? [Double]), nl = try XCTUnwrap(e["xn_last"] as? [Double])
        for j in 0..<5 {
            XCTAssertEqual(Double(d.x.storage.f32[last * 5 + j]), xl[j], accuracy: 1e-7)
            XCTAssertEqual(Double(d.xNext.storage.f32[last * 5 + j]), nl[j], accuracy: 1e-7)
        }
        XCTAssertEqual(Array(Set(d.episodeIds)).sorted(), try XCTUnwrap(e["episodes"] as? [Int]))
        XCTAssertTrue(loaded.keys.contains("infos"))
    }

    func testD4RLWithoutNextObservationsFollowsQLearningDataset() throws { try checkD4RL("d4rl_plain.hdf5", "plain") }

    func testD4RLWithNextObservationsUsesThem() throws { try checkD4RL("d4rl_next.hdf5", "next") }

    func testGzipCompressedFileReadsTheSame() throws {
        try checkD4RL("d4rl_gzip.hdf5", "next")
        let (dir, _) = try reference()
        XCTAssertEqual(try Dataset.load(dir + "/d4rl_gzip.hdf5").sha256, try Dataset.load(dir + "/d4rl_next.hdf5").sha256)
    }

    func testMinariEpisodes() throws {
        let (dir, _) = try reference()
        let loaded = try DatasetIO.load((dir as NSString).appendingPathComponent("main_data.hdf5"))
        XCTAssertEqual(loaded.format, .minari)
        let d = loaded.dataset
        XCTAssertEqual(d.count, 7) // 4 + 3 steps, episode 0 first
        XCTAssertEqual(d.episodeIds, [0, 0, 0, 0, 2, 2, 2])
        XCTAssertEqual(Array(d.x.scalars.prefix(6)), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(Array(d.xNext.scalars.prefix(3)), [3, 4, 5])
        XCTAssertEqual(Array(d.x.scalars[12..<15]), [200, 201, 202])
        XCTAssertEqual(d.terminals, [false, false, false, false, false, false, true])
        XCTAssertEqual(d.timeouts, [false, false, false, true, false, false, false])
        XCTAssertEqual(d.u.scalars.suffix(2), [2, 2])
        // A Minari dataset directory resolves to data/main_data.hdf5.
        let root = try PythonHelper.tempDir("minari")
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir + "/main_data.hdf5", toPath: root + "/data/main_data.hdf5")
        XCTAssertEqual(try DatasetIO.load(root).dataset.sha256, d.sha256)
    }

    func testOurFileReadsBackInH5py() throws {
        let d = try makeDataset(9)
        let dir = try PythonHelper.tempDir("ours")
        let path = dir + "/ours.hdf5"
        try d.save(to: path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"))
        let back = try DatasetIO.load(path)
        XCTAssertEqual(back.dataset.sha256, d.sha256) // every row kept, episode ids preserved
        let j = try PythonHelper.json("read_ours.py", [path])
        XCTAssertEqual((j["observations"] as? [[Double]])?.flatMap { $0 }, d.x.scalars)
        XCTAssertEqual((j["next_observations"] as? [[Double]])?.flatMap { $0 }, d.xNext.scalars)
        XCTAssertEqual((j["actions"] as? [[Double]])?.flatMap { $0 }, d.u.scalars)
        XCTAssertEqual(j["rewards"] as? [Double], d.reward.scalars)
        XCTAssertEqual(j["terminals"] as? [Bool], d.terminals)
        XCTAssertEqual(j["episode_ids"] as? [Int], d.episodeIds)
        XCTAssertEqual((j["_dtypes"] as? [String: String])?["terminals"], "bool")
        XCTAssertEqual((j["_dtypes"] as? [String: String])?["observations"], "float32")
    }

    func testRoundTripWithoutPython() throws {
        let d = try makeDataset(13)
        let dir = try PythonHelper.tempDir("rt")
        for name in ["a.hdf5", "a.npz", "a.csv"] {
            let p = dir + "/" + name
            try d.save(to: p)
            let back = try DatasetIO.load(p)
            XCTAssertEqual(back.dataset.sha256, d.sha256, name)
            XCTAssertEqual(back.warnings, [], name)
        }
        let j = try DatasetIO.load(dir + "/a.hdf5").json
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(j.utf8)) as? [String: Any])
        XCTAssertEqual(obj["transitions"] as? Int, 13)
        XCTAssertEqual(obj["episodes"] as? Int, 4)
        XCTAssertEqual(obj["format"] as? String, "d4rl")
        XCTAssertEqual(obj["sha256"] as? String, d.sha256)
        XCTAssertEqual((obj["keys"] as? [String])?.contains("next_observations"), true)
    }

    func testSaveIsAtomicAndReplaces() throws {
        let dir = try PythonHelper.tempDir("atomic")
        let p = dir + "/d.hdf5"
        try makeDataset(4).save(to: p)
        try makeDataset(6).save(to: p)
        XCTAssertEqual(try Dataset.load(p).count, 6)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["d.hdf5"]) // no temporary left
        for name in ["x.hdf5", "x.npz", "x.csv"] {
            let bad = dir + "/missing/" + name
            XCTAssertThrowsError(try makeDataset(3).save(to: bad)) {
                XCTAssertEqual("\($0)", "cannot write '\(bad)': cannot create a temporary file beside it")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: bad))
        }
        XCTAssertThrowsError(try DatasetIO.save(makeDataset(3), to: dir + "/d.npy", format: .npy))
    }

    func testBadHDF5Files() throws {
        let (dir, _) = try reference()
        func message(_ file: String) -> String {
            do { _ = try DatasetIO.load(dir + "/" + file); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message("bad_dtype.hdf5"), "'\(dir)/bad_dtype.hdf5' key 'observations' has type string, expected numbers or booleans")
        XCTAssertEqual(message("bad_rank.hdf5"), "'\(dir)/bad_rank.hdf5' key 'observations' has shape [3, 2, 2], expected [N, d]")
        XCTAssertEqual(message("bad_minari.hdf5"), "'\(dir)/bad_minari.hdf5' group 'episode_0' has 3 observations for 3 actions (Minari stores one more observation than actions)")
        XCTAssertTrue(message("not_dataset.hdf5").contains("is not a dataset: no 'observations' dataset"), message("not_dataset.hdf5"))
    }

    func testMissingKeyMismatchedLengthTruncatedAndCorrupt() throws {
        let dir = try PythonHelper.tempDir("bad")
        // Files built with our own HDF5 writer, so these run without Python.
        func write(_ name: String, _ body: (HDF5File) throws -> Void) throws -> String {
            let p = dir + "/" + name
            let f = try HDF5File.create(p)
            try body(f)
            f.close()
            return p
        }
        let obs = [Float](repeating: 1, count: 12)
        let missing = try write("missing.hdf5") { f in
            try f.writeFloats("observations", shape: [4, 3], data: obs)
            try f.writeFloats("actions", shape: [4, 1], data: obs)
            try f.writeFloats("rewards", shape: [4], data: obs)
        }
        XCTAssertThrowsError(try DatasetIO.load(missing)) {
            XCTAssertEqual("\($0)", "'\(missing)' has no key 'terminals' (it holds 'actions', 'observations', 'rewards')")
        }
        let short = try write("short.hdf5") { f in
            try f.writeFloats("observations", shape: [4, 3], data: obs)
            try f.writeFloats("actions", shape: [3, 1], data: obs)
            try f.writeFloats("rewards", shape: [4], data: obs)
            try f.writeBools("terminals", [false, false, false, true])
        }
        XCTAssertThrowsError(try DatasetIO.load(short)) {
            XCTAssertEqual("\($0)", "'\(short)' key 'actions' has 3 rows but 'observations' has 4")
        }
        // Truncate a valid file.
        let good = dir + "/good.hdf5"
        try makeDataset(200).save(to: good)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: good))
        let cut = dir + "/cut.hdf5"
        _ = FileManager.default.createFile(atPath: cut, contents: bytes.prefix(bytes.count / 2))
        XCTAssertThrowsError(try DatasetIO.load(cut)) { XCTAssertTrue("\($0)".contains("is truncated or corrupt"), "\($0)") }
        let garbage = dir + "/garbage.hdf5"
        _ = FileManager.default.createFile(atPath: garbage, contents: Data([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] + [UInt8](repeating: 7, count: 100)))
        XCTAssertThrowsError(try DatasetIO.load(garbage)) {
            XCTAssertEqual("\($0)", "'\(garbage)' is truncated or corrupt: the HDF5 library cannot open it")
        }
        XCTAssertThrowsError(try DatasetIO.load(dir + "/nothing.hdf5")) { XCTAssertEqual("\($0)", "no such file '\(dir)/nothing.hdf5'") }
    }

    func testNaNRowsDroppedWithWarning() throws {
        let dir = try PythonHelper.tempDir("nan")
        var x = [Float](repeating: 0, count: 10)
        x[4] = .nan
        let p = dir + "/nan.hdf5"
        let f = try HDF5File.create(p)
        try f.writeFloats("observations", shape: [5, 2], data: x)
        try f.writeFloats("actions", shape: [5, 1], data: x)
        try f.writeFloats("rewards", shape: [5], data: x)
        try f.writeBools("terminals", [false, false, false, false, false])
        try f.writeBools("timeouts", [false, false, false, false, false])
        f.close()
        let r = try DatasetIO.load(p)
        // Rows 0..3 are candidates; row 2 has NaN in x, row 1 has it in x' (= observations[2]).
        XCTAssertEqual(r.dataset.count, 2)
        XCTAssertEqual(r.warnings, ["'\(p)': dropped 2 of 4 rows with NaN or infinite values"])
    }
}
