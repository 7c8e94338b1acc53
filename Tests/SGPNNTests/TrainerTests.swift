import XCTest
import SGPTensor
@testable import SGPNN

/// A scripted objective: loss values per call, optional cancellation after some batches.
private final class ScriptedObjective: TrainingObjective {
    let network: Network
    let grads: Tensor
    var losses: [Double]
    var calls = 0
    var cancelAfter: Int?
    var valLosses: [Double]
    var seenRows = Set<Int>()

    init(losses: [Double], valLosses: [Double] = [1]) throws {
        var rng = RandomStream(seed: 0, stream: "init")
        network = Network(spec: try NetworkSpec(dims: [1, 1], activation: .identity), rng: &rng)
        grads = Tensor.ones([network.parameterCount])
        self.losses = losses; self.valLosses = valLosses
    }
    var gradients: UnsafeMutablePointer<Float> { grads.storage.f32 }
    func lossAndGradient(rows: UnsafeBufferPointer<Int>, rng: inout RandomStream) throws -> Double {
        calls += 1
        rows.forEach { seenRows.insert($0) }
        if let c = cancelAfter, calls >= c { Cancellation.request() }
        return losses[min(calls - 1, losses.count - 1)]
    }
    var valCalls = 0
    func validationLoss(rows: [Int], rng: inout RandomStream) throws -> (loss: Double, perLevel: [Double]) {
        valCalls += 1
        return (valLosses[min(valCalls - 1, valLosses.count - 1)], [])
    }
}

final class TrainerTests: XCTestCase {
    override func tearDown() { Cancellation.reset() }

    func testNonFiniteLossStopsWithTheEpochAndLoss() throws {
        let obj = try ScriptedObjective(losses: [1, 1, 1, .nan])
        var cfg = TrainConfig(); cfg.epochs = 5; cfg.batch = 10; cfg.task = "train_score"
        var d = RandomStream(seed: 0, stream: "data"), n = RandomStream(seed: 0, stream: "noise")
        XCTAssertThrowsError(try Trainer.run(obj, train: Array(0..<30), val: [30, 31], config: cfg, dataRNG: &d, noiseRNG: &n)) { e in
            guard case let .nonFinite(task, epoch, loss)? = e as? TrainingError else { return XCTFail("\(e)") }
            XCTAssertEqual(task, "train_score"); XCTAssertEqual(epoch, 2); XCTAssertTrue(loss.isNaN)
            XCTAssertTrue("\(e)".contains("epoch 2"), "\(e)")
            XCTAssertTrue("\(e)".contains("nan"), "\(e)")
        }
    }

    func testCancellationKeepsBestWeightsAndMarksInterrupted() throws {
        let obj = try ScriptedObjective(losses: [1], valLosses: [0.5, 2, 3])
        obj.cancelAfter = 7 // 3 batches per epoch: stops during epoch 3
        var cfg = TrainConfig(); cfg.epochs = 10; cfg.batch = 10; cfg.lr = 0.1
        var d = RandomStream(seed: 0, stream: "data"), n = RandomStream(seed: 0, stream: "noise")
        let last = obj.network.copy()
        let h = try Trainer.run(obj, train: Array(0..<30), val: [30], config: cfg, dataRNG: &d, noiseRNG: &n, last: last)
        let snapshot = obj.network.parameters.floats
        XCTAssertTrue(h.interrupted)
        XCTAssertEqual(h.bestEpoch, 1)
        XCTAssertEqual(h.trainLoss.count, 2)
        XCTAssertEqual(h.steps, 7)
        // Best weights (after 3 steps) differ from the last ones (after 7 steps).
        XCTAssertNotEqual(snapshot, last.parameters.floats)
    }

    func testEarlyStoppingAndValidationSplitIsHeldOut() throws {
        let obj = try ScriptedObjective(losses: [1], valLosses: [1, 0.5, 0.6, 0.7, 0.8, 0.9])
        var cfg = TrainConfig(); cfg.epochs = 50; cfg.batch = 8; cfg.patience = 2
        var d = RandomStream(seed: 1, stream: "data"), n = RandomStream(seed: 1, stream: "noise")
        let (train, val) = Trainer.split(count: 100, valFraction: 0.1, rng: &d)
        XCTAssertEqual(val.count, 10)
        XCTAssertTrue(Set(train).isDisjoint(with: val))
        let h = try Trainer.run(obj, train: train, val: val, config: cfg, dataRNG: &d, noiseRNG: &n)
        XCTAssertTrue(h.stoppedEarly)
        XCTAssertEqual(h.valLoss.count, 4)
        XCTAssertEqual(h.bestEpoch, 2)
        XCTAssertTrue(obj.seenRows.isDisjoint(with: val), "validation rows must never be trained on")
        XCTAssertEqual(obj.seenRows, Set(train))
        XCTAssertTrue(h.csv.hasPrefix("epoch,loss,val_loss\n1,1.0,1.0\n"), h.csv)
    }

    func testProgressIsReportedPerEpoch() throws {
        final class Box: @unchecked Sendable { var events: [ProgressEvent] = [] }
        let box = Box()
        ProgressSink.handler = { box.events.append($0) }
        defer { ProgressSink.handler = nil }
        let obj = try ScriptedObjective(losses: [2])
        var cfg = TrainConfig(); cfg.epochs = 3; cfg.batch = 100; cfg.task = "t"
        var d = RandomStream(seed: 0, stream: "data"), n = RandomStream(seed: 0, stream: "noise")
        _ = try Trainer.run(obj, train: Array(0..<20), val: [20], config: cfg, dataRNG: &d, noiseRNG: &n)
        XCTAssertEqual(box.events.map(\.done), [1, 2, 3])
        XCTAssertEqual(box.events.first?.metrics.map(\.0), ["loss", "val_loss"])
    }

    func testConfigValidationNamesTheSetting() {
        var cfg = TrainConfig(); cfg.epochs = 0
        XCTAssertThrowsError(try cfg.validate()) { XCTAssertTrue("\($0)".contains("epochs")) }
        cfg = TrainConfig(); cfg.valFraction = 1
        XCTAssertThrowsError(try cfg.validate()) { XCTAssertTrue("\($0)".contains("val_fraction")) }
    }
}
