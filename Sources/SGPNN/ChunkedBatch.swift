import SGPTensor
import CKernels

/// Data-parallel training batches: a batch is split into `chunkCount(batch:)` row chunks, each with its own
/// `MLPWorkspace` and gradient buffer, run on up to `BLAS.threads` threads (`Parallel.forEach`) with the weights
/// packed once and shared, and the chunk gradients summed in chunk order. The chunking depends on the batch size
/// only, so training is bit-identical whatever the thread count. Used by the DSM and regression objectives.
final class ChunkedBatch {
    let network: Network
    /// One workspace per chunk (all chunks but the last hold `chunkRows` rows).
    let workspaces: [MLPWorkspace]
    let chunkRows: Int
    private let total: Tensor
    private let packed: PackedWeights?

    /// Chunks for a batch: a power of two with at least 512 rows each, at most 8. (Measured on workload (a): 2 × 512
    /// rows beat 4 × 256 at both 1 and 2 threads; smaller chunks pay more per-chunk packing and summing.)
    static func chunkCount(batch: Int) -> Int {
        var c = 1
        while c < 8 && batch / (2 * c) >= 512 { c *= 2 }
        return c
    }

    /// Workspaces for batches of up to `rows` rows. Chunk sizes are even when there are several chunks (the DSM
    /// noise is transformed per chunk in Box–Muller pairs).
    init(network: Network, rows: Int) throws {
        self.network = network
        let chunks = ChunkedBatch.chunkCount(batch: rows)
        let per = (rows + chunks - 1) / chunks
        let size = chunks == 1 ? per : per + (per & 1)
        chunkRows = size
        workspaces = try (0..<chunks).map { _ in try MLPWorkspace(network: network, maxRows: size) }
        total = Tensor.zeros([chunks > 1 ? network.parameterCount : 0])
        packed = PackedGEMM.available && chunks > 1 ? PackedWeights(spec: network.spec) : nil
    }

    /// Rows one `run` can take.
    var capacity: Int { workspaces.count * chunkRows }

    /// The summed gradient after `sumGradients` (the only workspace's buffer when there is one chunk).
    var gradients: UnsafeMutablePointer<Float> { workspaces.count > 1 ? total.storage.f32 : workspaces[0].gradients.storage.f32 }

    /// Row range of chunk `c` in an m-row batch (the last chunks may be shorter or empty).
    func chunk(_ c: Int, of m: Int) -> Range<Int> {
        let lo = min(m, c * chunkRows)
        return lo..<min(m, lo + chunkRows)
    }

    /// Runs `body(workspace, rows, packed)` for every non-empty chunk of an m-row batch, concurrently, after packing
    /// the current weights; returns the bodies' results summed in chunk order. Pass `packed` on to `forward`.
    func run(rows m: Int, _ body: (MLPWorkspace, Range<Int>, PackedWeights?) throws -> Double) throws -> Double {
        let chunks = workspaces.count
        packed?.refresh(from: network)  // weights change between calls (optimiser steps)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: chunks)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: chunks)
        try Parallel.forEach(count: chunks, workers: BLAS.threads) { c in
            let r = chunk(c, of: m)
            guard !r.isEmpty else { return }
            sums[c] = try body(workspaces[c], r, r.count >= MLPWorkspace.packedMinRows ? packed : nil)
        }
        var s = 0.0
        for c in 0..<chunks { s += sums[c] }
        return s
    }

    /// gradients = Σ_c gradients of chunk c, in chunk order (parameter ranges split across threads). Chunks that
    /// saw no rows in a short batch hold stale gradients and are skipped.
    func sumGradients(rows m: Int) throws {
        let chunks = workspaces.count
        guard chunks > 1 else { return }
        let used = (0..<chunks).filter { !chunk($0, of: m).isEmpty }
        let count = network.parameterCount, out = total.storage.f32
        let parts = used.map { workspaces[$0].gradients.storage.f32 }
        let pieces = max(1, min(BLAS.threads, 8)), step = (count + pieces - 1) / pieces
        try Parallel.forEach(count: pieces, workers: pieces) { p in
            let lo = p * step, hi = min(count, lo + step)
            guard lo < hi else { return }
            (out + lo).update(from: parts[0] + lo, count: hi - lo)
            for g in parts.dropFirst() { sgp_nn_add_inplace(out + lo, g + lo, hi - lo) }
        }
    }
}
