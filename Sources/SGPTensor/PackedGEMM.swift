// The only file that imports CGemm.
import CGemm
import Foundation

/// Packed-panel SGEMM with fused epilogues (bias + ReLU forward, ReLU-derivative mask backward) and an AᵀB
/// variant for weight gradients, used by the MLP training workspaces and the planners' rollouts when the CPU has
/// AVX-512. At the MLP shapes (64–3200 rows, 256-wide layers) they run at ~98% of the core's FMA peak against
/// OpenBLAS's ~90% (`sgp bench tensor`, docs/PERFORMANCE.md). Each output element is one in-order sum over k, so
/// splitting rows across threads leaves results bit-identical. `SGP_GEMM=blas` turns them off (for comparisons).
public enum PackedGEMM {
    /// Whether the kernels run on this CPU (and are not turned off by `SGP_GEMM=blas`).
    public static let available: Bool = sgp_gemm_available() != 0 && ProcessInfo.processInfo.environment["SGP_GEMM"] != "blas"

    /// Narrower outputs waste most of a 32-column panel: BLAS is faster there.
    public static let minimumColumns = 32

    /// A K × N matrix packed into 32-column panels (64-byte aligned), owned. `pack` refills it in place, also with
    /// other dimensions that fit the capacity it was created with (per-batch operands such as an output gradient).
    public final class PackedMatrix: @unchecked Sendable {
        /// The panels.
        public let pointer: UnsafeMutablePointer<Float>
        /// Rows (the product's inner dimension) and columns of the packed contents.
        public private(set) var k: Int, n: Int
        /// Floats allocated.
        public let capacity: Int

        /// Uninitialised panels for matrices up to K × N.
        public init(k: Int, n: Int) {
            self.k = k; self.n = n
            capacity = max(sgp_gemm_packed_count(Int32(k), Int32(n)), 1)
            pointer = UnsafeMutableRawPointer.allocate(byteCount: capacity * 4, alignment: 64).bindMemory(to: Float.self, capacity: capacity)
        }

        /// Packs `source` (K × N, row stride ld), or with `transpose` the transpose of a row-major N × K source.
        public convenience init(_ source: UnsafePointer<Float>, ld: Int, k: Int, n: Int, transpose: Bool) {
            self.init(k: k, n: n)
            pack(source, ld: ld, transpose: transpose)
        }

        /// Refills the panels from `source` with the current dimensions.
        public func pack(_ source: UnsafePointer<Float>, ld: Int, transpose: Bool) {
            sgp_gemm_pack(source, Int32(ld), Int32(k), Int32(n), transpose ? 1 : 0, pointer)
        }

        /// Refills the panels with a k × n matrix; the caller guarantees it fits the capacity (an internal
        /// invariant: workspaces size these from their largest batch).
        public func pack(_ source: UnsafePointer<Float>, ld: Int, k: Int, n: Int, transpose: Bool) {
            precondition(sgp_gemm_packed_count(Int32(k), Int32(n)) <= capacity, "packed matrix \(k)×\(n) exceeds its capacity")
            self.k = k; self.n = n
            pack(source, ld: ld, transpose: transpose)
        }

        deinit { pointer.deallocate() }
    }

    /// c[rows × n] = epilogue(a[rows × k] · B): `bias` added per column, then ReLU when `relu`, then zeroed where
    /// `mask[i·ldm + j] ≤ 0` when a mask is given.
    @inline(__always)
    public static func nn(rows: Int, a: UnsafePointer<Float>, lda: Int, b: PackedMatrix, c: UnsafeMutablePointer<Float>, ldc: Int,
                          bias: UnsafePointer<Float>? = nil, relu: Bool = false, mask: UnsafePointer<Float>? = nil, ldm: Int = 0) {
        guard rows > 0 else { return }
        sgp_gemm_nn(Int32(rows), Int32(b.n), Int32(b.k), a, Int32(lda), b.pointer, c, Int32(ldc), bias, relu ? 1 : 0, mask, Int32(ldm))
    }

    /// c[m × n] (+)= aᵀ · B where `a` is stored k × m (row stride lda): the weight gradient Xᵀ·G of a dense layer
    /// from the layer input X ([k rows, m features]) and the packed output gradient G.
    @inline(__always)
    public static func tn(m: Int, a: UnsafePointer<Float>, lda: Int, b: PackedMatrix, c: UnsafeMutablePointer<Float>, ldc: Int,
                          accumulate: Bool) {
        guard m > 0 else { return }
        sgp_gemm_tn(Int32(m), Int32(b.n), Int32(b.k), a, Int32(lda), b.pointer, c, Int32(ldc), accumulate ? 1 : 0)
    }
}
