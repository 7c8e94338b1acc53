// The only file that imports CPlanKernels.
import CPlanKernels
import Foundation

/// Packed-weight small GEMMs with fused epilogues (bias + ReLU forward, ReLU-derivative mask backward), used by
/// `FusedMLP` when the CPU has AVX-512. For the planners' shapes (64–3200 rows, 256-wide layers) they beat
/// OpenBLAS, which re-packs the weights on every call (measured 115 vs 98 GFLOP/s at 64×256×256).
/// `SGP_PLAN_KERNELS=blas` turns them off (for comparisons).
enum PlanKernels {
    static let available: Bool = sgp_plan_available() != 0 && ProcessInfo.processInfo.environment["SGP_PLAN_KERNELS"] != "blas"

    /// Narrower outputs waste most of a 32-column panel: BLAS is faster there.
    static let minimumColumns = 32

    /// A K × N matrix packed into 32-column panels (64-byte aligned), owned.
    final class PackedMatrix: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Float>
        let k: Int, n: Int

        /// Packs `source` (K × N, row stride ld), or with `transpose` the transpose of a row-major N × K source.
        init(_ source: UnsafePointer<Float>, ld: Int, k: Int, n: Int, transpose: Bool) {
            self.k = k; self.n = n
            let count = sgp_plan_packed_count(Int32(k), Int32(n))
            pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
                .bindMemory(to: Float.self, capacity: max(count, 1))
            sgp_plan_pack(source, Int32(ld), Int32(k), Int32(n), transpose ? 1 : 0, pointer)
        }

        deinit { pointer.deallocate() }
    }

    /// c[rows × n] = epilogue(a[rows × k] · B).
    @inline(__always)
    static func gemm(rows: Int, a: UnsafePointer<Float>, lda: Int, b: PackedMatrix, c: UnsafeMutablePointer<Float>, ldc: Int,
                     bias: UnsafePointer<Float>?, relu: Bool, mask: UnsafePointer<Float>?, ldm: Int) {
        guard rows > 0 else { return }
        sgp_plan_gemm(Int32(rows), Int32(b.n), Int32(b.k), a, Int32(lda), b.pointer, c, Int32(ldc), bias, relu ? 1 : 0, mask, Int32(ldm))
    }
}
