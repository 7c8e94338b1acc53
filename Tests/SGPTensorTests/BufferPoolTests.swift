import XCTest
import SGPTensor

/// Recycled buffers: zeros stay zero after reuse, and idle memory stays within the pool's limits.
final class BufferPoolTests: XCTestCase {
    func testRecycledBuffersAreClearedForZerosAndBounded() {
        let n = 1 << 14 // 64 KiB of float32, above BufferPool.minBytes
        do { _ = Tensor.full([n], 7) } // returns its buffer to the pool
        let z = Tensor.zeros([n])
        XCTAssertEqual(z.scalars.max(), 0)
        XCTAssertEqual(z.scalars.min(), 0)
        var live: [Tensor] = []
        for i in 0..<40 { live.append(Tensor.full([n + i], 1)) }
        live.removeAll()
        XCTAssertLessThanOrEqual(BufferPool.idleBytes, BufferPool.maxIdleBytes)
        XCTAssertGreaterThan(BufferPool.idleBytes, 0)
    }
}
