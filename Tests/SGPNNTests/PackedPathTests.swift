import XCTest
import SGPTensor
@testable import SGPNN

/// The packed-kernel path of `MLPWorkspace` (batches ≥ 128 rows on AVX-512) against its BLAS path, which the
/// finite-difference tests in MLPGradientTests cover; and data-parallel DSM gradients against the thread count.
final class PackedPathTests: XCTestCase {
    private func compare(spec: NetworkSpec, rows: Int, level: Int = 0, seed: UInt64) throws {
        try XCTSkipUnless(PackedGEMM.available, "packed kernels need AVX-512")
        // A lone workspace takes the packed path only when BLAS runs one thread.
        let saved = BLAS.threads
        BLAS.threads = 1
        defer { BLAS.threads = saved }
        var rng = RandomStream(seed: seed, stream: "init")
        let net = Network(spec: spec, rng: &rng)
        let x = Tensor.randn([rows, spec.inputDim], rng: &rng), r = Tensor.randn([rows, spec.outputDim], rng: &rng)
        let r2 = Tensor.randn([rows, spec.inputDim], rng: &rng), r3 = Tensor.randn([rows, spec.outputDim], rng: &rng)
        func run(packed: Bool) throws -> (out: [Float], params: [Float], input: [Float]) {
            let ws = try MLPWorkspace(network: net, maxRows: rows)
            ws.packedKernels = packed
            // A first pass with other data: the second must not see its gradients (buffers are reused, not zeroed whole).
            try ws.forward(input: r2.storage.f32, rows: rows, level: level)
            ws.backward(dOut: r3.storage.f32, needParamGrads: true)
            let y = try ws.forward(input: x.storage.f32, rows: rows, level: level)
            XCTAssertEqual(ws.lastPassPacked, packed, "\(spec): expected the \(packed ? "packed" : "BLAS") path")
            let out = Array(UnsafeBufferPointer(start: y, count: rows * spec.outputDim))
            let gx = try XCTUnwrap(ws.backward(dOut: r.storage.f32, needInputGrad: true, needParamGrads: true))
            return (out, Array(UnsafeBufferPointer(start: ws.gradients.storage.f32, count: net.parameterCount)),
                    Array(UnsafeBufferPointer(start: gx, count: rows * spec.inputDim)))
        }
        let a = try run(packed: true), b = try run(packed: false)
        for (name, p, q) in [("output", a.out, b.out), ("parameter gradient", a.params, b.params), ("input gradient", a.input, b.input)] {
            let scale = q.map { abs($0) }.max() ?? 1
            let worst = zip(p, q).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 2e-5 * max(scale, 1e-3), "\(spec) \(name): packed vs BLAS differ by \(worst) (scale \(scale))")
        }
    }

    func testPackedForwardAndBackwardMatchBLASForReLU() throws {
        // Odd sizes: rows not a multiple of 8, widths not multiples of 32, an output narrower than a panel.
        try compare(spec: NetworkSpec(dims: [23, 256, 40, 256, 23], activation: .relu), rows: 131, seed: 1)
        try compare(spec: NetworkSpec(dims: [7, 48, 17], activation: .relu), rows: 200, seed: 2)
    }

    func testPackedPathMatchesBLASForOtherActivationsAndLayerNorm() throws {
        try compare(spec: NetworkSpec(dims: [5, 64, 64, 3], activation: .tanh), rows: 128, seed: 3)
        try compare(spec: NetworkSpec(dims: [6, 64, 64, 64, 6], activation: .elu, levels: 3), rows: 150, level: 2, seed: 4)
        try compare(spec: NetworkSpec(dims: [4, 33, 33, 4], activation: .leakyRelu, layerNorm: true), rows: 129, seed: 5)
    }

    /// Chunks of a batch run on several threads and are summed in chunk order: the same bits at 1 and 2 threads.
    func testDataParallelScoreGradientsAreIdenticalAcrossThreadCounts() throws {
        let spec = try NetworkSpec(dims: [5, 64, 64, 5], activation: .relu)
        var rng = RandomStream(seed: 9, stream: "data")
        let data = Tensor.randn([3000, 5], rng: &rng)
        XCTAssertEqual(ChunkedBatch.chunkCount(batch: 1024), 2)
        XCTAssertEqual(ChunkedBatch.chunkCount(batch: 1023), 1)
        var results: [(Double, [Float])] = []
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        for threads in [1, 2, 1] {
            BLAS.threads = threads
            var init0 = RandomStream(seed: 0, stream: "init")
            let net = Network(spec: spec, rng: &init0)
            let obj = try ScoreObjective(network: net, data: data, sigmas: [0.1, 0.5], mode: .all, batch: 1024)
            var noise = RandomStream(seed: 3, stream: "noise")
            let rows = Array(0..<1024)
            let loss = try rows.withUnsafeBufferPointer { try obj.lossAndGradient(rows: $0, rng: &noise) }
            results.append((loss, Array(UnsafeBufferPointer(start: obj.gradients, count: net.parameterCount))))
        }
        XCTAssertEqual(results[0].0, results[1].0)
        XCTAssertEqual(results[0].1, results[1].1, "gradients differ between 1 and 2 threads")
        XCTAssertEqual(results[0].1, results[2].1)
        XCTAssertGreaterThan(results[0].1.map { abs($0) }.max() ?? 0, 0)
    }

    /// The chunked objective's gradient equals one unchunked pass (same noise) to float rounding.
    func testChunkedGradientMatchesOneWorkspace() throws {
        let spec = try NetworkSpec(dims: [5, 64, 64, 5], activation: .relu)
        var rng = RandomStream(seed: 11, stream: "data")
        let clean = Tensor.randn([1024, 5], rng: &rng), z = Tensor.randn([1024, 5], rng: &rng)
        var init0 = RandomStream(seed: 0, stream: "init")
        let net = Network(spec: spec, rng: &init0)
        let obj = try ScoreObjective(network: net, data: clean, sigmas: [0.2], mode: .sample, batch: 1024)
        let loss = try obj.lossAndGradient(clean: clean, noise: z, level: 0)
        let chunked = Array(UnsafeBufferPointer(start: obj.gradients, count: net.parameterCount))
        // Reference: one workspace over all rows, residual computed here.
        let ws = try MLPWorkspace(network: net, maxRows: 1024)
        let noisy = Tensor.zeros([1024, 5]), dOut = Tensor.zeros([1024, 5])
        for i in 0..<(1024 * 5) { noisy.storage.f32[i] = clean.storage.f32[i] + 0.2 * z.storage.f32[i] }
        let s = try ws.forward(input: noisy.storage.f32, rows: 1024)
        var sq = 0.0
        for i in 0..<(1024 * 5) {
            let res = s[i] + z.storage.f32[i] / 0.2
            sq += Double(res * res)
            dOut.storage.f32[i] = Float(0.04 / 1024) * res
        }
        ws.backward(dOut: dOut.storage.f32)
        XCTAssertEqual(loss, 0.04 * 0.5 * sq / 1024, accuracy: 1e-4 * abs(loss))
        let ref = Array(UnsafeBufferPointer(start: ws.gradients.storage.f32, count: net.parameterCount))
        let scale = ref.map { abs($0) }.max() ?? 1
        XCTAssertLessThan(zip(chunked, ref).map { abs($0 - $1) }.max() ?? 0, 1e-4 * scale)
    }

    /// MSE regression on the same machinery: chunked gradients are the same bits at 1 and 2 threads and match one
    /// workspace over the whole batch to float rounding.
    func testChunkedRegressionGradientsAcrossThreadCountsAndAgainstOneWorkspace() throws {
        let spec = try NetworkSpec(dims: [6, 64, 64, 4], activation: .relu)
        var rng = RandomStream(seed: 12, stream: "data")
        let x = Tensor.randn([1500, 6], rng: &rng), y = Tensor.randn([1500, 4], rng: &rng)
        let rows = Array(200..<1224)
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        var runs: [(Double, [Float])] = []
        var init0 = RandomStream(seed: 0, stream: "init")
        let net = Network(spec: spec, rng: &init0)
        for threads in [1, 2] {
            BLAS.threads = threads
            let obj = try RegressionObjective(network: net, inputs: x, targets: y, batch: 1024)
            XCTAssertEqual(obj.batch.workspaces.count, 2)
            var unused = RandomStream(seed: 0)
            let loss = try rows.withUnsafeBufferPointer { try obj.lossAndGradient(rows: $0, rng: &unused) }
            runs.append((loss, Array(UnsafeBufferPointer(start: obj.gradients, count: net.parameterCount))))
        }
        XCTAssertEqual(runs[0].0, runs[1].0)
        XCTAssertEqual(runs[0].1, runs[1].1, "gradients differ between 1 and 2 threads")
        // Reference: one workspace, dOut = 2 (y − t) / (rows · outputs).
        BLAS.threads = 1
        let ws = try MLPWorkspace(network: net, maxRows: 1024)
        let xb = Tensor.zeros([1024, 6]), dOut = Tensor.zeros([1024, 4])
        for (r, i) in rows.enumerated() { for c in 0..<6 { xb.storage.f32[r * 6 + c] = x.storage.f32[i * 6 + c] } }
        let out = try ws.forward(input: xb.storage.f32, rows: 1024)
        var sse = 0.0
        for (r, i) in rows.enumerated() { for c in 0..<4 {
            let e = out[r * 4 + c] - y.storage.f32[i * 4 + c]
            sse += Double(e * e)
            dOut.storage.f32[r * 4 + c] = 2 * e / Float(1024 * 4)
        } }
        ws.backward(dOut: dOut.storage.f32)
        XCTAssertEqual(runs[0].0, sse / Double(1024 * 4), accuracy: 1e-5 * sse / Double(1024 * 4))
        let ref = Array(UnsafeBufferPointer(start: ws.gradients.storage.f32, count: net.parameterCount))
        let scale = ref.map { abs($0) }.max() ?? 1
        XCTAssertLessThan(zip(runs[0].1, ref).map { abs($0 - $1) }.max() ?? 0, 1e-4 * scale)
    }
}
