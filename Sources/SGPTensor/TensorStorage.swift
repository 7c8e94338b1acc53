/// A contiguous, row-major buffer of `count` elements of one dtype.
///
/// Storage is immutable by convention once a tensor owns it: ops allocate fresh storage. The only in-place writers
/// are optimisers and fused kernels working on buffers they own (`Tensor.withMutablePointer`).
public final class TensorStorage: @unchecked Sendable {
    public let count: Int
    public let dtype: DType
    public let raw: UnsafeMutableRawPointer

    /// Uninitialised storage; the caller must write every element.
    public init(uninitializedCount count: Int, dtype: DType) {
        self.count = count
        self.dtype = dtype
        // 64-byte alignment: AVX-512 loads and BLAS like it; +1 so a zero-sized tensor still has a valid pointer.
        self.raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * dtype.size, alignment: 64)
    }

    /// Zero-filled storage.
    public convenience init(zerosCount count: Int, dtype: DType) {
        self.init(uninitializedCount: count, dtype: dtype)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, count) * dtype.size)
    }

    deinit { raw.deallocate() }

    @inline(__always) public var f32: UnsafeMutablePointer<Float> { raw.assumingMemoryBound(to: Float.self) }
    @inline(__always) public var f64: UnsafeMutablePointer<Double> { raw.assumingMemoryBound(to: Double.self) }

    /// A deep copy.
    public func copy() -> TensorStorage {
        let s = TensorStorage(uninitializedCount: count, dtype: dtype)
        s.raw.copyMemory(from: raw, byteCount: count * dtype.size)
        return s
    }
}
