import XCTest
import Synchronization
@testable import SGPTensor

/// `Parallel.forEach` on the spinning worker pool: every item exactly once across many back-to-back jobs (the
/// generation handshake), nested calls, error order, and the thread budget.
final class WorkerPoolTests: XCTestCase {
    func testEveryItemRunsExactlyOnceAcrossManyJobs() throws {
        let hits = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 64)
        defer { hits.deallocate() }
        for job in 0..<3000 {
            let n = 1 + job % 64
            for i in 0..<n { (hits + i).initialize(to: Atomic(0)) }
            let h = UncheckedSendable(hits)
            try Parallel.forEach(count: n, workers: 2) { i in
                h.value[i].add(1, ordering: .relaxed)
                if job % 7 == 0 { for _ in 0..<2000 { _ = h.value[i].load(ordering: .relaxed) } }  // uneven items
            }
            for i in 0..<n { XCTAssertEqual(hits[i].load(ordering: .relaxed), 1, "job \(job) item \(i)") }
        }
    }

    func testNestedCallsRunInlineAndErrorsComeInItemOrder() {
        struct Boom: Error, Equatable { let item: Int }
        let outer = Atomic<Int>(0), inner = Atomic<Int>(0)
        XCTAssertNoThrow(try Parallel.forEach(count: 4, workers: 2) { _ in
            outer.add(1, ordering: .relaxed)
            try Parallel.forEach(count: 3, workers: 2) { _ in inner.add(1, ordering: .relaxed) }
        })
        XCTAssertEqual(outer.load(ordering: .relaxed), 4)
        XCTAssertEqual(inner.load(ordering: .relaxed), 12)
        XCTAssertThrowsError(try Parallel.forEach(count: 10, workers: 2) { i in if i == 3 || i == 7 { throw Boom(item: i) } }) { e in
            XCTAssertEqual(e as? Boom, Boom(item: 3))
        }
    }

    func testOneWorkerStaysOnTheCallingThread() throws {
        let me = pthread_self()
        let others = Atomic<Int>(0)
        try Parallel.forEach(count: 50, workers: 1) { _ in if pthread_equal(pthread_self(), me) == 0 { others.add(1, ordering: .relaxed) } }
        XCTAssertEqual(others.load(ordering: .relaxed), 0)
    }

    /// BLAS is pinned to one thread inside the loop and restored afterwards.
    func testBLASThreadsArePinnedAndRestored() throws {
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        BLAS.threads = 2
        let seen = Atomic<Int>(0)
        try Parallel.forEach(count: 2, workers: 2) { _ in seen.store(BLAS.threads, ordering: .relaxed) }
        XCTAssertEqual(seen.load(ordering: .relaxed), 1)
        XCTAssertEqual(BLAS.threads, 2)
    }
}
