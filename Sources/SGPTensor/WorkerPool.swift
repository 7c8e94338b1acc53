import Foundation
import Synchronization

/// Persistent worker threads for `Parallel.forEach`: they spin briefly after each job and then park.
///
/// Why not `DispatchQueue.concurrentPerform`: on this kind of VM it takes 150–350 µs before a second thread joins a
/// two-item job (measured: 2 × 1 ms of work took 1.2–1.3 ms, 2 × 50 µs ran serially), which costs a training step or
/// planner iteration a few percent per fork-join. Spinning workers pick a job up within microseconds; after
/// `spinSeconds` without work they sleep on a condition variable, so an idle process does not burn a core.
///
/// Items are claimed dynamically; callers make results independent of which thread ran which item.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(threads: max(0, ProcessInfo.processInfo.activeProcessorCount - 1))

    /// How long an idle worker spins before parking.
    static let spinSeconds = 0.0005

    private let threadCount: Int
    private var started = false
    private let startLock = NSLock()

    // Job state. `ticket` packs (generation << 32 | next item); a claim succeeds only for the generation a worker
    // saw, so a late worker can never run a finished job's body with the next job's items.
    private let ticket = Atomic<UInt64>(0)
    private let completed = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let count = Atomic<Int>(0)
    // (generation << 32 | helpers that joined it), against `helperLimit` (the caller's `workers` − 1).
    private let joined = Atomic<UInt64>(0)
    private let helperLimit = Atomic<Int>(0)
    private var body: ((Int) -> Void)?

    private let parkLock = NSCondition()
    private var parkedGeneration: UInt64 = 0

    init(threads: Int) { threadCount = threads }

    /// Worker threads available besides the caller.
    var helpers: Int { threadCount }

    /// Runs `body(i)` for i in 0..<count on the caller and up to `helpers` pool threads; returns when all have
    /// finished. Returns false (running nothing) when the pool is already running a job (a nested or concurrent
    /// call): the caller then runs the items itself.
    func run(count n: Int, helpers limit: Int, _ body: @escaping (Int) -> Void) -> Bool {
        guard n > 0, threadCount > 0, limit > 0, n <= Int(UInt32.max) else { return false }
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        startIfNeeded()
        count.store(n, ordering: .relaxed)
        helperLimit.store(limit, ordering: .relaxed)
        self.body = body
        completed.store(0, ordering: .relaxed)
        let generation = (ticket.load(ordering: .relaxed) >> 32) &+ 1
        joined.store(generation << 32, ordering: .relaxed)
        ticket.store(generation << 32, ordering: .releasing)
        parkLock.lock()
        parkedGeneration = generation
        parkLock.broadcast()
        parkLock.unlock()
        work(generation: generation)
        // Wait for items other threads claimed; spin (they are short or the caller has nothing else to do).
        var spins = 0
        while completed.load(ordering: .acquiring) < n {
            spins += 1
            if spins & 1023 == 0 { sched_yield() }
        }
        self.body = nil
        return true
    }

    /// Claims and runs items of `generation` until none are left.
    private func work(generation: UInt64) {
        while true {
            let v = ticket.load(ordering: .acquiring)
            guard v >> 32 == generation else { return }
            let item = Int(v & 0xFFFF_FFFF)
            guard item < count.load(ordering: .relaxed) else { return }
            guard ticket.compareExchange(expected: v, desired: v &+ 1, ordering: .acquiringAndReleasing).exchanged else { continue }
            body?(item)
            completed.add(1, ordering: .releasing)
        }
    }

    /// Takes one of the job's helper places (the caller's thread budget); false when they are gone or the job is.
    private func join(_ generation: UInt64) -> Bool {
        while true {
            let v = joined.load(ordering: .acquiring)
            guard v >> 32 == generation, Int(v & 0xFFFF_FFFF) < helperLimit.load(ordering: .relaxed) else { return false }
            if joined.compareExchange(expected: v, desired: v &+ 1, ordering: .acquiringAndReleasing).exchanged { return true }
        }
    }

    private func startIfNeeded() {
        startLock.lock()
        defer { startLock.unlock() }
        guard !started else { return }
        started = true
        for i in 0..<threadCount {
            let t = Thread { [unowned self] in self.loop() }
            t.name = "sgp-worker-\(i)"
            t.start()
        }
    }

    private func loop() {
        var seen: UInt64 = 0
        while true {
            // Spin for a new generation, then park until one is announced.
            let deadline = Self.now() + Self.spinSeconds
            var generation = ticket.load(ordering: .acquiring) >> 32
            var spins = 0
            while generation == seen {
                spins += 1
                if spins & 255 == 0 && Self.now() > deadline { break }
                generation = ticket.load(ordering: .acquiring) >> 32
            }
            if generation == seen {
                parkLock.lock()
                while parkedGeneration == seen { parkLock.wait() }
                parkLock.unlock()
                generation = ticket.load(ordering: .acquiring) >> 32
            }
            seen = generation
            if join(generation) { work(generation: generation) }
        }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
