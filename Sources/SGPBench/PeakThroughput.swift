import CKernels
import Foundation

/// The core's peak FP32 multiply-add rate, measured with register-resident FMA chains (no memory traffic): the
/// roofline against which the anchor workloads are read. A workload of F flops cannot take less than F / peak on
/// one thread, whatever its kernels do.
public enum PeakThroughput {
    /// Floating-point operations (multiply and add counted apart) of each anchor workload per step/iteration:
    /// (a) DSM step of 23→[256]×4→23 at batch 1024: forward, all weight gradients, input gradients of layers 2–5;
    /// (b) rollout of 23→256→256→17 over 64×50 rows forward and its input-gradient backward (frozen weights);
    /// (c) (b) plus the score MLP's forward on the 3 200 (x_t, u_t) rows (stop-gradient: no backward).
    public static let workloadFlops: [String: Double] = {
        let scoreMACs = 23.0 * 256 + 3 * 256 * 256 + 256 * 23, scoreBackMACs = 3 * 256 * 256 + 256 * 23.0
        let dynMACs = 23.0 * 256 + 256 * 256 + 256 * 17
        let a = 2 * 1024 * (2 * scoreMACs + scoreBackMACs)
        let b = 2 * 3200 * (2 * dynMACs)
        return ["a": a, "b": b, "c": b + 2 * 3200 * scoreMACs]
    }()

    /// GFLOP/s of one thread, the fastest of `blocks` blocks of about `blockSeconds` each (the fastest: the peak is
    /// what the core can do; interference only lowers it).
    public static func gflops(blocks: Int = 7, blockSeconds: Double = 0.1) -> (gflops: Double, lanes: Int) {
        var lanes: Int32 = 0
        var sink = sgp_peak_fma_f32(1000, 1, &lanes)
        var iters = 1 << 16
        while true {
            let t0 = BenchTiming.now()
            sink += sgp_peak_fma_f32(iters, 1, &lanes)
            if BenchTiming.now() - t0 >= blockSeconds / 4 || iters >= 1 << 30 { break }
            iters *= 2
        }
        var best = Double.infinity
        for _ in 0..<max(1, blocks) {
            let t0 = BenchTiming.now()
            sink += sgp_peak_fma_f32(iters, 1, &lanes)
            best = min(best, BenchTiming.now() - t0)
        }
        // Keep the result observable so the loop cannot be dropped.
        if sink.isNaN { FileHandle.standardError.write(Data("peak: NaN\n".utf8)) }
        let flops = Double(iters) * 16 * Double(lanes) * 2
        return (flops / best / 1e9, Int(lanes))
    }
}
