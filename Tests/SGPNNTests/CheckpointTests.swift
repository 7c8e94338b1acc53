import XCTest
import SGPTensor
@testable import SGPNN

final class CheckpointTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "sgpnn-ckpt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func smallScore() throws -> ScoreModel {
        var rng = RandomStream(seed: 1, stream: "data")
        let data = Tensor.randn([100, 3], std: 2, rng: &rng)
        var cfg = TrainConfig(); cfg.hidden = [8, 8]; cfg.epochs = 2; cfg.batch = 32; cfg.activation = .elu; cfg.seed = 42
        return try ScoreModel.train(data: data, sigmas: try NoiseLevels.cosine(max: 0.3, min: 0.05, count: 4), config: cfg,
                                    on: "xu", dataSHA256: String(repeating: "ab", count: 32))
    }

    func testScoreModelRoundTripsWithSelfDescribingMetadata() throws {
        let model = try smallScore()
        let path = dir + "/s.safetensors"
        try ModelIO.save(model, to: path)
        let (_, meta) = try Checkpoint.load(path)
        XCTAssertEqual(meta["kind"], "score"); XCTAssertEqual(meta["seed"], "42"); XCTAssertEqual(meta["on"], "xu")
        XCTAssertEqual(meta["data_sha256"], String(repeating: "ab", count: 32))
        XCTAssertNotNil(meta["sgp_version"])
        guard case let .score(back) = try loadModel(path) else { return XCTFail("wrong kind") }
        XCTAssertEqual(back.sigmas, model.sigmas)
        XCTAssertEqual(back.normalizer, model.normalizer)
        XCTAssertEqual(back.network.spec, model.network.spec)
        XCTAssertEqual(back.network.parameters.floats, model.network.parameters.floats)
        var rng = RandomStream(seed: 2, stream: "probe")
        let z = Tensor.randn([4, 3], rng: &rng)
        XCTAssertEqual(try back.score(z: z, level: 2).floats, try model.score(z: z, level: 2).floats)
    }

    func testDynamicsEnsembleAndRewardRoundTrip() throws {
        var rng = RandomStream(seed: 1, stream: "data")
        let x = Tensor.randn([60, 2], rng: &rng), u = Tensor.randn([60, 1], rng: &rng), y = Tensor.randn([60, 2], rng: &rng)
        var cfg = TrainConfig(); cfg.hidden = [4]; cfg.epochs = 1; cfg.batch = 16; cfg.activation = .leakyRelu
        let d = try DynamicsModel.train(x: x, u: u, xNext: y, config: cfg, ensemble: 3)
        try ModelIO.save(d, to: dir + "/d.safetensors")
        guard case let .dynamics(db) = try loadModel(dir + "/d.safetensors") else { return XCTFail("wrong kind") }
        XCTAssertEqual(db.members.count, 3)
        XCTAssertEqual(try db.predict(x: x, u: u).floats, try d.predict(x: x, u: u).floats)
        let r = try RewardModel.train(inputs: x, rewards: Tensor.randn([60], rng: &rng), config: cfg)
        try ModelIO.save(r, to: dir + "/r.safetensors")
        guard case let .reward(rb) = try loadModel(dir + "/r.safetensors") else { return XCTFail("wrong kind") }
        XCTAssertEqual(try rb.predict(x).floats, try r.predict(x).floats)
    }

    func testTruncatedAndCorruptFilesFailClearly() throws {
        let path = dir + "/m.safetensors"
        try ModelIO.save(try smallScore(), to: path)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        // Truncated data section.
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: dir + "/t.safetensors"))
        XCTAssertThrowsError(try Checkpoint.load(dir + "/t.safetensors")) { e in
            XCTAssertTrue("\(e)".contains("corrupt"), "\(e)")
        }
        // Truncated inside the header.
        try bytes.prefix(20).write(to: URL(fileURLWithPath: dir + "/h.safetensors"))
        XCTAssertThrowsError(try Checkpoint.load(dir + "/h.safetensors")) { XCTAssertTrue("\($0)".contains("header length"), "\($0)") }
        // Four bytes only.
        try bytes.prefix(4).write(to: URL(fileURLWithPath: dir + "/s.safetensors"))
        XCTAssertThrowsError(try Checkpoint.load(dir + "/s.safetensors"))
        // Corrupted JSON header.
        var broken = bytes
        broken[8] = UInt8(ascii: "#")
        try broken.write(to: URL(fileURLWithPath: dir + "/c.safetensors"))
        XCTAssertThrowsError(try Checkpoint.load(dir + "/c.safetensors")) { XCTAssertTrue("\($0)".contains("JSON"), "\($0)") }
        // Overlapping offsets and a wrong byte count.
        let t = Tensor([1, 2, 3, 4])
        try Checkpoint.save(tensors: [("a", t), ("b", t)], metadata: [:], to: dir + "/ok.safetensors")
        var raw = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/ok.safetensors"))
        let text = String(decoding: raw, as: UTF8.self)
        XCTAssertTrue(text.contains("[16,32]"))
        let patched = text.replacingOccurrences(of: "[16,32]", with: "[ 8,24]")
        raw = Data(patched.utf8)
        try raw.write(to: URL(fileURLWithPath: dir + "/ov.safetensors"))
        XCTAssertThrowsError(try Checkpoint.load(dir + "/ov.safetensors")) { XCTAssertTrue("\($0)".contains("overlap"), "\($0)") }
        XCTAssertThrowsError(try loadModel(dir + "/ok.safetensors")) { XCTAssertTrue("\($0)".contains("not an sgp model"), "\($0)") }
        XCTAssertThrowsError(try Checkpoint.load(dir + "/missing.safetensors")) { XCTAssertTrue("\($0)".contains("cannot read"), "\($0)") }
    }

    func testWriteIsAtomicAndLeavesNoTemporaryFile() throws {
        let path = dir + "/a.safetensors"
        try Checkpoint.save(tensors: [("w", Tensor([1, 2]))], metadata: ["k": "v"], to: path)
        try Checkpoint.save(tensors: [("w", Tensor([3, 4, 5]))], metadata: ["k": "v2"], to: path)
        let (t, m) = try Checkpoint.load(path)
        XCTAssertEqual(t.first?.1.floats, [3, 4, 5]); XCTAssertEqual(m["k"], "v2")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["a.safetensors"])
        XCTAssertThrowsError(try Checkpoint.save(tensors: [("w", Tensor([1]))], metadata: [:], to: dir + "/no/such/dir/x.safetensors"))
    }

    /// The Python `safetensors` package reads our files with identical values, and we read its files.
    func testInteroperatesWithPythonSafetensors() throws {
        guard let py = ProcessInfo.processInfo.environment["SGP_TEST_PYTHON"], FileManager.default.isExecutableFile(atPath: py) else {
            throw XCTSkip("SGP_TEST_PYTHON is not set to a Python with numpy and safetensors; skipping the interoperability check")
        }
        let ours = dir + "/ours.safetensors", theirs = dir + "/theirs.safetensors"
        let model = try smallScore()
        try ModelIO.save(model, to: ours)
        let script = """
        import json, sys, numpy as np
        from safetensors import safe_open
        from safetensors.numpy import save_file
        out = {}
        with safe_open(sys.argv[1], framework="np") as f:
            meta = f.metadata()
            for k in f.keys():
                out[k] = f.get_tensor(k).astype(np.float64).ravel().tolist()
        save_file({"w": np.arange(6, dtype=np.float32).reshape(2, 3) / 7, "d": np.array([1.5, -2.25], dtype=np.float64)},
                  sys.argv[2], metadata={"who": "python"})
        print(json.dumps({"tensors": out, "kind": meta["kind"]}))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: py)
        p.arguments = ["-c", script, ours, theirs]
        let pipe = Pipe(); p.standardOutput = pipe
        try p.run(); p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("python safetensors is unavailable (exit \(p.terminationStatus))") }
        let json = try JSONSerialization.jsonObject(with: pipe.fileHandleForReading.readDataToEndOfFile()) as? [String: Any]
        XCTAssertEqual(json?["kind"] as? String, "score")
        let tensors = try XCTUnwrap(json?["tensors"] as? [String: [Double]])
        for (name, t) in model.network.namedTensors() {
            XCTAssertEqual(tensors[name]?.map(Float.init), t.floats, name)
        }
        let (theirTensors, meta) = try Checkpoint.load(theirs)
        XCTAssertEqual(meta["who"], "python")
        let byName = Dictionary(uniqueKeysWithValues: theirTensors.map { ($0.0, $0.1) })
        XCTAssertEqual(byName["w"]?.shape, [2, 3])
        XCTAssertEqual(byName["w"]?.floats, (0..<6).map { Float($0) / 7 })
        XCTAssertEqual(byName["d"]?.dtype, .float64)
        XCTAssertEqual(byName["d"]?.scalars, [1.5, -2.25])
    }
}
