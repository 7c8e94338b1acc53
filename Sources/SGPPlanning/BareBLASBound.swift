import Foundation
import SGPTensor

/// The cost of only the matrix products a planner iteration needs, measured with the same shapes and strides and no
/// elementwise work: the yardstick the fused planners are compared against ("within x× of bare BLAS").
enum BareBLASBound {
    /// Wall and process-CPU milliseconds per run (medians of `repeats`) for `products` run `count` times.
    static func milliseconds(repeats: Int = 7, count: Int, _ products: () -> Void) -> (wall: Double, cpu: Double) {
        products()
        var times: [Double] = [], cpu: [Double] = []
        for _ in 0..<max(1, repeats) {
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = cpuSeconds()
            for _ in 0..<max(1, count) { products() }
            cpu.append((cpuSeconds() - c0) * 1e3 / Double(max(1, count)))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6 / Double(max(1, count)))
        }
        times.sort(); cpu.sort()
        return (times[times.count / 2], cpu[cpu.count / 2])
    }

    /// CPU seconds used by the whole process so far.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Products of one rollout (and, with `backward`, its BPTT) of an MLP with widths `dims` over `horizon` steps of
    /// `rows` rows each, followed by a forward pass of an MLP with widths `scoreDims` over all rows × horizon.
    static func trajectoryProducts(dims: [Int], rows: Int, horizon: Int, backward: Bool, scoreDims: [Int]?) -> () -> Void {
        let widest = max(dims.max() ?? 1, scoreDims?.max() ?? 1)
        let n = rows * horizon * widest
        let a = UnsafeMutablePointer<Float>.allocate(capacity: n), b = UnsafeMutablePointer<Float>.allocate(capacity: n)
        a.update(repeating: 0.01, count: n); b.update(repeating: 0.01, count: n)
        let w = UnsafeMutablePointer<Float>.allocate(capacity: widest * widest)
        w.update(repeating: 0.01, count: widest * widest)
        return {
            for _ in 0..<horizon {
                for l in 0..<(dims.count - 1) {
                    BLAS.sgemm(m: rows, n: dims[l + 1], k: dims[l], a: a, lda: dims[l], b: w, ldb: dims[l + 1], c: b, ldc: dims[l + 1])
                }
            }
            if backward {
                for _ in 0..<horizon {
                    for l in stride(from: dims.count - 2, through: 0, by: -1) {
                        BLAS.sgemm(transB: true, m: rows, n: dims[l], k: dims[l + 1], a: a, lda: dims[l + 1], b: w, ldb: dims[l + 1], c: b, ldc: dims[l])
                    }
                }
            }
            if let sd = scoreDims {
                for l in 0..<(sd.count - 1) {
                    BLAS.sgemm(m: rows * horizon, n: sd[l + 1], k: sd[l], a: a, lda: sd[l], b: w, ldb: sd[l + 1], c: b, ldc: sd[l + 1])
                }
            }
        }
    }
}
