import Foundation
import SGPTensor

/// Benchmarks of training kernels against the reference workloads in `shared/bench` (not tests: timings only).
public enum TrainBenchmarks {
    /// Result of `scoreStep`.
    public struct ScoreStepResult: Sendable {
        /// Median milliseconds per training step (steady state).
        public var msPerStep: Double
        /// Loss of the first step.
        public var firstLoss: Double
        /// The reference's first-step loss on the same batch (numpy), when the weights file carries it.
        public var referenceFirstLoss: Double?
        /// Fastest timed block (ms per step): on a shared machine, the figure least disturbed by other work.
        public var minMsPerStep: Double
        /// Median process CPU milliseconds per step (all threads); on a loaded machine the 1-thread CPU time is
        /// a steadier figure than wall time.
        public var cpuMsPerStep: Double
        /// Resident memory growth (MiB) from after warm-up to after all timed steps: ~0 when buffers are reused.
        public var rssGrowthMiB: Double
        /// Steps per timed block and number of blocks.
        public var stepsPerBlock: Int
        /// Number of timed blocks.
        public var blocks: Int
    }

    /// Workload (a): DSM training step of a ReLU MLP 23→[256]×4→23, batch 1024 gathered from 100k×23 data,
    /// σ = 0.1, loss ½·mean‖σ·s(x+σz)+z‖² (= σ²·½·mean‖s + z/σ‖², our DSM objective), Adam lr 1e-3.
    ///
    /// With `weights` (written by `scripts/bench/export_weights.py`) the network starts from the reference's
    /// `mlp_init(dims, seed=0)`, trains on the reference data set, and the first step uses the file's batch so its
    /// loss is comparable to `referenceFirstLoss`. Without it, weights and data come from seeded Swift streams.
    /// Gathering and noise are inside the timed step, as in the reference scripts.
    public static func scoreStep(threads: Int, weights path: String? = nil, minBlockSeconds: Double = 0.6,
                                 blocks: Int = 7) throws -> ScoreStepResult {
        let previous = BLAS.threads
        BLAS.threads = threads
        defer { BLAS.threads = previous }
        let d = 23, h = 256, batch = 1024, sigma = 0.1
        let spec = try NetworkSpec(dims: [d, h, h, h, h, d], activation: .relu)
        var rng = RandomStream(seed: 0, stream: "init")
        let net = Network(spec: spec, rng: &rng)
        var data: Tensor
        var firstBatch: (Tensor, Tensor)?
        var reference: Double?
        if let path {
            let (list, meta) = try Checkpoint.load(path)
            let byName = Dictionary(list.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
            let loaded = try Network(spec: spec, tensors: byName)
            net.load(from: loaded)
            guard let dt = byName["data"], dt.rank == 2, dt.shape[1] == d, let bx = byName["batch_x"], let bz = byName["batch_z"] else {
                throw CheckpointError.unsupported(path: path, detail: "bench file lacks data, batch_x or batch_z of width \(d)")
            }
            data = dt.to(.float32); firstBatch = (bx, bz)
            reference = meta["first_loss"].flatMap(Double.init)
        } else {
            var dr = RandomStream(seed: 1, stream: "data")
            data = Tensor.randn([100_000, d], rng: &dr)
        }
        let obj = try ScoreObjective(network: net, data: data, sigmas: [sigma], mode: .sample, batch: batch)
        let opt = Adam(count: net.parameterCount)
        var dataRNG = RandomStream(seed: 0, stream: "data"), noise = RandomStream(seed: 0, stream: "noise")
        var rows = [Int](repeating: 0, count: batch)
        let n = data.shape[0]
        func step() throws -> Double {
            for i in 0..<batch { rows[i] = dataRNG.int(below: n) }
            let loss = try rows.withUnsafeBufferPointer { try obj.lossAndGradient(rows: $0, rng: &noise) }
            opt.update(params: net.parameters.storage.f32, grads: obj.gradients, lr: 1e-3)
            return loss
        }
        let first: Double
        if let (bx, bz) = firstBatch {
            first = try obj.lossAndGradient(clean: bx, noise: bz, level: 0)
            opt.update(params: net.parameters.storage.f32, grads: obj.gradients, lr: 1e-3)
        } else {
            first = try step()
        }
        for _ in 0..<10 { _ = try step() }
        var k = 1
        while true {
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<k { _ = try step() }
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
            if dt >= minBlockSeconds / 2 || k >= 4096 {
                k = max(1, Int(Double(k) * minBlockSeconds / max(dt, 1e-9)))
                break
            }
            k *= 2
        }
        let rss0 = residentMiB()
        var times: [Double] = [], cpu: [Double] = []
        for _ in 0..<max(1, blocks) {
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = cpuNanoseconds()
            for _ in 0..<k { _ = try step() }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-6 / Double(k))
            cpu.append(Double(cpuNanoseconds() - c0) * 1e-6 / Double(k))
        }
        times.sort(); cpu.sort()
        return ScoreStepResult(msPerStep: times[times.count / 2], firstLoss: first, referenceFirstLoss: reference,
                               minMsPerStep: times[0], cpuMsPerStep: cpu[cpu.count / 2], rssGrowthMiB: residentMiB() - rss0, stepsPerBlock: k, blocks: times.count)
    }

    /// Resident set size in MiB (Linux /proc; 0 elsewhere).
    static func residentMiB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let f = s.split(separator: " ")
        return f.count > 1 ? (Double(f[1]) ?? 0) * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576 : 0
    }

    /// CPU time of the whole process.
    static func cpuNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
