// The only file that imports OpenBLAS. Everything else calls these Swift wrappers.
@preconcurrency import COpenBLAS

/// Thin, typed wrappers over CBLAS GEMM and thread control.
public enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, row-major, leading dimensions given explicitly.
    @inline(__always)
    public static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        if k == 0 { if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }; return }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Double-precision GEMM, same conventions as `sgemm`.
    @inline(__always)
    public static func dgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
                             a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                             beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        if k == 0 { if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }; return }
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// OpenBLAS worker threads (process-global). `OPENBLAS_NUM_THREADS` sets the start value.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// OpenBLAS build description (core type, threading), for run manifests.
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "OpenBLAS" }
        return String(cString: c)
    }
}
