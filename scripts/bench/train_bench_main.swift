// Runner for TrainBenchmarks.scoreStep (workload a), linked against the release objects of SGPTensor and SGPNN
// by scripts/bench/train_bench.sh until `sgp bench train` exposes it.
import Foundation
import SGPNN
import SGPTensor

let args = CommandLine.arguments
let weights = args.count > 1 ? args[1] : nil
let threadList = args.count > 2 ? args[2].split(separator: ",").compactMap { Int($0) } : [1, 2]
for t in threadList {
    do {
        // SGP_BENCH_BLOCK=seconds,count: shorter blocks make the minimum a usable figure on a loaded machine.
        let spec = (ProcessInfo.processInfo.environment["SGP_BENCH_BLOCK"] ?? "0.6,7").split(separator: ",")
        let blockS = spec.first.flatMap { Double($0) } ?? 0.6, blocks = spec.count > 1 ? Int(spec[1]) ?? 7 : 7
        let r = try TrainBenchmarks.scoreStep(threads: t, weights: weights, minBlockSeconds: blockS, blocks: blocks)
        let ref = r.referenceFirstLoss.map { String(format: "%.6f", $0) } ?? "n/a"
        print(String(format: "{\"impl\": \"sgp\", \"threads\": %d, \"step_ms_median\": %.3f, \"step_ms_min\": %.3f, \"cpu_ms_median\": %.3f, \"first_loss\": %.6f, \"reference_first_loss\": \"%@\", \"steps_per_block\": %d, \"rss_growth_mib\": %.1f}",
                     t, r.msPerStep, r.minMsPerStep, r.cpuMsPerStep, r.firstLoss, ref, r.stepsPerBlock, r.rssGrowthMiB))
    } catch {
        print("error: \(error)")
        exit(1)
    }
}

// The 14 products of one step alone (forward, dW, dX except the first layer's), for the GEMM floor.
if ProcessInfo.processInfo.environment["SGP_BENCH_GEMM"] != nil {
    let dims = [23, 256, 256, 256, 256, 23], n = 1024
    let big = UnsafeMutablePointer<Float>.allocate(capacity: n * 256 * 4); big.initialize(repeating: 0.01, count: n * 256 * 4)
    let w = UnsafeMutablePointer<Float>.allocate(capacity: 256 * 256); w.initialize(repeating: 0.01, count: 256 * 256)
    let c = UnsafeMutablePointer<Float>.allocate(capacity: n * 256); c.initialize(repeating: 0, count: n * 256)
    for t in threadList {
        BLAS.threads = t
        func once() {
            for i in 0..<5 { BLAS.sgemm(m: n, n: dims[i + 1], k: dims[i], a: big, lda: dims[i], b: w, ldb: dims[i + 1], c: c, ldc: dims[i + 1]) }
            for i in 0..<5 {
                BLAS.sgemm(transA: true, m: dims[i], n: dims[i + 1], k: n, a: big, lda: dims[i], b: big + n * 256, ldb: dims[i + 1], beta: 1, c: w, ldc: dims[i + 1])
                if i > 0 { BLAS.sgemm(transB: true, m: n, n: dims[i], k: dims[i + 1], a: big + n * 256, lda: dims[i + 1], b: w, ldb: dims[i + 1], c: c, ldc: dims[i]) }
            }
        }
        for _ in 0..<10 { once() }
        var ts = timespec(); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        let c0 = Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) * 1e-6, t0 = Date()
        for _ in 0..<50 { once() }
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        let c1 = Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) * 1e-6
        print(String(format: "{\"impl\": \"gemm-only\", \"threads\": %d, \"step_ms\": %.3f, \"cpu_ms\": %.3f}", t, Date().timeIntervalSince(t0) * 1e3 / 50, (c1 - c0) / 50))
    }
}
