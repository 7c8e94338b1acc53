import Foundation
import SGPBench
import SGPNN
import SGPTensor

/// `sgp bench train`: workload (a) of ../shared/bench (DSM step of a 23→[256]×4→23 ReLU MLP, batch 1024, Adam)
/// from the reference's weights, with its first-step loss checked against numpy and the bare GEMM cost of the
/// step's 14 products as the in-run reference. PyTorch/JAX run beside it in scripts/bench/compare.py.
enum TrainBench {
    static func figures(_ c: BenchContext) throws -> [BenchFigure] {
        let weights = try BenchReference.trainWeights()
        let r = try TrainBenchmarks.scoreStep(threads: c.threads, weights: weights.path,
                                              minBlockSeconds: c.quick ? 0.05 : 0.6, blocks: c.quick ? 3 : 7)
        let floor = gemmFloor(threads: c.threads, repeats: c.quick ? 5 : 50)
        var out = [
            BenchFigure(name: "train.a.step", value: r.msPerStep, unit: "ms", reference: floor.wall, referenceName: "bare sgemm of the step's products"),
            BenchFigure(name: "train.a.step_min", value: r.minMsPerStep, unit: "ms"),
            BenchFigure(name: "train.a.step_cpu", value: r.cpuMsPerStep, unit: "ms", reference: floor.cpu, referenceName: "bare sgemm cpu"),
            BenchFigure(name: "train.a.rss_growth", value: r.rssGrowthMiB, unit: "MiB"),
        ]
        out.append(lossFigure(name: "train.a.first_loss", value: r.firstLoss, reference: r.referenceFirstLoss, referenceName: "numpy"))
        return out
    }

    /// A loss figure against its reference; a mismatch beyond 5 significant digits is flagged in the name and on
    /// standard error (the timing is then of a different computation).
    static func lossFigure(name: String, value: Double, reference: Double?, referenceName: String, digits: Double = 1e-5) -> BenchFigure {
        var n = name
        if let ref = reference, abs(value - ref) > digits * max(abs(ref), 1) {
            n += " (MISMATCH)"
            eprint("sgp bench: \(name) = \(value) differs from the \(referenceName) reference \(ref)\n")
        }
        return BenchFigure(name: n, value: value, unit: "loss", reference: reference, referenceName: reference == nil ? nil : referenceName)
    }

    /// Milliseconds (wall, process CPU) of the 14 products of one step alone (forward, dW, dX except the first
    /// layer's): the GEMM floor of workload (a).
    static func gemmFloor(threads: Int, repeats: Int) -> (wall: Double, cpu: Double) {
        let dims = [23, 256, 256, 256, 256, 23], n = 1024
        let big = UnsafeMutablePointer<Float>.allocate(capacity: n * 256 * 4), w = UnsafeMutablePointer<Float>.allocate(capacity: 256 * 256)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: n * 256)
        defer { big.deallocate(); w.deallocate(); c.deallocate() }
        big.initialize(repeating: 0.01, count: n * 256 * 4); w.initialize(repeating: 0.01, count: 256 * 256); c.initialize(repeating: 0, count: n * 256)
        BLAS.threads = threads
        func once() {
            for i in 0..<5 { BLAS.sgemm(m: n, n: dims[i + 1], k: dims[i], a: big, lda: dims[i], b: w, ldb: dims[i + 1], c: c, ldc: dims[i + 1]) }
            for i in 0..<5 {
                BLAS.sgemm(transA: true, m: dims[i], n: dims[i + 1], k: n, a: big, lda: dims[i], b: big + n * 256, ldb: dims[i + 1], beta: 1, c: w, ldc: dims[i + 1])
                if i > 0 { BLAS.sgemm(transB: true, m: n, n: dims[i], k: dims[i + 1], a: big + n * 256, lda: dims[i + 1], b: w, ldb: dims[i + 1], c: c, ldc: dims[i]) }
            }
        }
        for _ in 0..<5 { once() }
        let c0 = ProcessClock.cpuSeconds(), t0 = BenchTiming.now()
        for _ in 0..<repeats { once() }
        return ((BenchTiming.now() - t0) * 1e3 / Double(repeats), (ProcessClock.cpuSeconds() - c0) * 1e3 / Double(repeats))
    }
}

/// Process CPU time (all threads).
enum ProcessClock {
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
