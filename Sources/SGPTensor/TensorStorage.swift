import Synchronization

/// A contiguous, row-major buffer of `count` elements of one dtype.
///
/// Storage is immutable by convention once a tensor owns it: ops allocate fresh storage. The only in-place writers
/// are optimisers and fused kernels writing through `f32`/`f64` into buffers they own and have not shared.
/// Buffers of `BufferPool.minBytes` or more come from and return to `BufferPool`, so the repeated shapes of a
/// training or planning loop reuse warm memory instead of page-faulting fresh memory on every op.
public final class TensorStorage: @unchecked Sendable {
    /// Number of elements.
    public let count: Int
    /// Element type.
    public let dtype: DType
    /// The buffer (64-byte aligned from 1 KiB up).
    public let raw: UnsafeMutableRawPointer
    private let byteCount: Int

    /// Uninitialised storage; the caller must write every element.
    public init(uninitializedCount count: Int, dtype: DType) {
        self.count = count
        self.dtype = dtype
        // 64-byte alignment for large buffers (AVX-512 loads and BLAS like it); small ones take malloc's 16 bytes,
        // which skips the slower aligned-allocation path. max(1, …) so a zero-sized tensor has a valid pointer.
        let bytes = max(1, count) * dtype.size
        self.byteCount = bytes
        self.raw = BufferPool.take(bytes)
            ?? UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: bytes >= 1024 ? 64 : 16)
    }

    /// Zero-filled storage.
    public convenience init(zerosCount count: Int, dtype: DType) {
        self.init(uninitializedCount: count, dtype: dtype)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, count) * dtype.size)
    }

    deinit { if !BufferPool.give(raw, byteCount) { raw.deallocate() } }

    @inline(__always) public var f32: UnsafeMutablePointer<Float> { raw.assumingMemoryBound(to: Float.self) }
    @inline(__always) public var f64: UnsafeMutablePointer<Double> { raw.assumingMemoryBound(to: Double.self) }

    /// A deep copy.
    public func copy() -> TensorStorage {
        let s = TensorStorage(uninitializedCount: count, dtype: dtype)
        s.raw.copyMemory(from: raw, byteCount: count * dtype.size)
        return s
    }
}

/// Recycles large tensor buffers by exact byte size.
///
/// A fresh MiB costs ~0.5 ms of page faults on the target machines (shared/bench/README.md), more than the
/// arithmetic of most ops on it; loops allocate the same shapes over and over, so exact-size reuse hits almost
/// always. Small buffers skip the pool: malloc serves them from warm memory already.
public enum BufferPool {
    /// Buffers below this size bypass the pool.
    public static let minBytes = 16 << 10
    /// At most this many idle bytes are kept, so a burst of large temporaries cannot pin memory forever.
    public static let maxIdleBytes = 512 << 20
    /// At most this many idle buffers per size.
    public static let maxPerSize = 16

    private struct State {
        // Addresses as integers: Sendable, so the state can live in a Mutex.
        var free: [Int: [UInt]] = [:]
        var idleBytes = 0
        var enabled = true
    }
    // Storage may be released on any thread; the lock is uncontended in practice (~20 ns) and taken only for
    // buffers of at least `minBytes`, whose ops cost microseconds.
    private static let state = Mutex(State())

    static func take(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard bytes >= minBytes else { return nil }
        return state.withLock { s in
            guard s.enabled, let a = s.free[bytes]?.popLast() else { return nil }
            s.idleBytes -= bytes
            return UnsafeMutableRawPointer(bitPattern: a)
        }
    }

    /// Keeps `p` for reuse; false when the caller should free it.
    static func give(_ p: UnsafeMutableRawPointer, _ bytes: Int) -> Bool {
        guard bytes >= minBytes else { return false }
        let a = UInt(bitPattern: p)
        return state.withLock { s in
            guard s.enabled, s.idleBytes + bytes <= maxIdleBytes, (s.free[bytes]?.count ?? 0) < maxPerSize else { return false }
            s.free[bytes, default: []].append(a)
            s.idleBytes += bytes
            return true
        }
    }

    /// Idle bytes currently held.
    public static var idleBytes: Int { state.withLock { $0.idleBytes } }

    /// Turns recycling on or off (off frees every idle buffer); benchmarks use it to measure what the pool saves.
    public static func setEnabled(_ on: Bool) {
        state.withLock { s in
            s.enabled = on
            if !on {
                for (_, ps) in s.free { for a in ps { UnsafeMutableRawPointer(bitPattern: a)?.deallocate() } }
                s.free = [:]
                s.idleBytes = 0
            }
        }
    }
}
