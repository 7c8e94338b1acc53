import SGPTensor
import CKernels

/// How denoising score matching visits the noise levels.
public enum LevelMode: String, Sendable {
    /// Σ_l σ_l² ℓ(σ_l) over all levels for every batch.
    case all
    /// One level drawn uniformly per batch, weighted by σ_l².
    case sample
}

/// Denoising score matching on normalised data: at level σ, ℓ = ½‖s(z̄ + σε, l) + ε/σ‖² summed over dimensions,
/// averaged over the batch, weighted by σ².
///
/// Data-parallel: a batch is split into `chunkCount(batch)` equal row chunks, each with its own workspace and
/// gradient buffer, run on up to `BLAS.threads` threads and summed in chunk order. The chunking depends on the batch
/// size only, so results are bit-identical whatever the thread count.
final class ScoreObjective: TrainingObjective {
    let network: Network
    let data: Tensor
    let sigmas: [Double]
    let mode: LevelMode
    /// One workspace per chunk (all chunks but the last hold `chunkRows` rows).
    private let workspaces: [MLPWorkspace]
    private let chunkRows: Int
    private let clean: Tensor, eps: Tensor, noisy: Tensor, dOut: Tensor
    private let total: Tensor
    private let packed: PackedWeights?
    private let normals = NormalFill()

    /// Chunks for a batch: a power of two with at least 512 rows each, at most 8. (Measured on workload (a): 2 × 512
    /// rows beat 4 × 256 at both 1 and 2 threads; smaller chunks pay more per-chunk packing and summing.)
    static func chunkCount(batch: Int) -> Int {
        var c = 1
        while c < 8 && batch / (2 * c) >= 512 { c *= 2 }
        return c
    }

    init(network: Network, data: Tensor, sigmas: [Double], mode: LevelMode, batch: Int) throws {
        self.network = network
        self.data = data.to(.float32)
        self.sigmas = sigmas; self.mode = mode
        let rows = max(1, min(batch, data.shape[0]))
        let d = network.spec.inputDim
        let chunks = ScoreObjective.chunkCount(batch: rows)
        // Even, so every chunk's first noise element starts a Box–Muller pair (see NormalFill.transform).
        let per = (rows + chunks - 1) / chunks
        let size = chunks == 1 ? per : per + (per & 1)
        chunkRows = size
        workspaces = try (0..<chunks).map { _ in try MLPWorkspace(network: network, maxRows: size) }
        clean = Tensor.zeros([rows, d]); eps = Tensor.zeros([rows, d]); noisy = Tensor.zeros([rows, d])
        dOut = Tensor.zeros([rows, d])
        total = Tensor.zeros([chunks > 1 ? network.parameterCount : 0])
        packed = PackedGEMM.available && chunks > 1 ? PackedWeights(spec: network.spec) : nil
    }

    var gradients: UnsafeMutablePointer<Float> { workspaces.count > 1 ? total.storage.f32 : workspaces[0].gradients.storage.f32 }

    /// Row ranges of the chunks of an m-row batch (the last chunks may be shorter or empty).
    private func chunk(_ c: Int, of m: Int) -> Range<Int> {
        let lo = min(m, c * chunkRows)
        return lo..<min(m, lo + chunkRows)
    }

    private func gather(_ rows: UnsafeBufferPointer<Int>) {
        let d = network.spec.inputDim, src = data.storage.f32, x = clean.storage.f32
        for (r, i) in rows.enumerated() { (x + r * d).update(from: src + i * d, count: d) }
    }

    /// One level on the gathered rows: returns σ²·ℓ; with `backward`, accumulates gradients (per chunk).
    private func level(_ l: Int, rows m: Int, rng: inout RandomStream, backward: Bool, accumulate: Bool,
                       drawNoise: Bool = true) throws -> Double {
        let d = network.spec.inputDim, n = m * d
        let sigma = sigmas[l], e = eps.storage.f32
        // Noise for the whole batch from one stream, in row order: the words are drawn here, and each chunk turns its
        // own range into normals (the same values however the rows are chunked or scheduled).
        if drawNoise { normals.draw(count: n, rng: &rng) }
        let w = sigma * sigma, netLevel = network.spec.levels > 0 ? l : 0
        let chunks = workspaces.count
        packed?.refresh(from: network)  // weights change between calls (optimiser steps)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: chunks)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: chunks)
        let noisyP = UncheckedSendable(noisy.storage.f32), dOutP = UncheckedSendable(dOut.storage.f32), sumsP = UncheckedSendable(sums)
        let cleanP = UncheckedSendable(clean.storage.f32)
        try Parallel.forEach(count: chunks, workers: BLAS.threads) { c in
            let r = chunk(c, of: m)
            guard !r.isEmpty else { return }
            let off0 = r.lowerBound * d
            if drawNoise { normals.transform(e + off0, start: off0, count: r.count * d) }
            sgp_nn_axpy3(cleanP.value + off0, Float(sigma), e + off0, noisyP.value + off0, r.count * d)
            let ws = workspaces[c], off = r.lowerBound * d, k = r.count * d
            let s = try ws.forward(input: noisyP.value + off, rows: r.count, level: netLevel,
                                   packed: r.count >= MLPWorkspace.packedMinRows ? packed : nil)
            // d(σ²·½·mean_b‖r‖²)/ds = σ² r / m (m: the whole batch).
            sumsP.value[c] = sgp_nn_dsm_residual(s, e + off, Float(1 / sigma), Float(w / Double(m)), dOutP.value + off, k)
            if backward { ws.backward(dOut: dOutP.value + off, needInputGrad: false, needParamGrads: true, accumulate: accumulate) }
        }
        var sq = 0.0
        for c in 0..<chunks { sq += sums[c] }
        return w * 0.5 * sq / Double(m)
    }

    /// total = Σ_c gradients of chunk c, in chunk order (parameter ranges split across threads). Chunks that saw
    /// no rows in a short batch hold stale gradients and are skipped.
    private func sumChunkGradients(rows m: Int) throws {
        let chunks = workspaces.count
        guard chunks > 1 else { return }
        let used = (0..<chunks).filter { !chunk($0, of: m).isEmpty }
        let count = network.parameterCount, out = UncheckedSendable(total.storage.f32)
        let parts = UncheckedSendable(used.map { workspaces[$0].gradients.storage.f32 })
        let pieces = max(1, min(BLAS.threads, 8)), step = (count + pieces - 1) / pieces
        try Parallel.forEach(count: pieces, workers: pieces) { p in
            let lo = p * step, hi = min(count, lo + step)
            guard lo < hi else { return }
            (out.value + lo).update(from: parts.value[0] + lo, count: hi - lo)
            for g in parts.value.dropFirst() { sgp_nn_add_inplace(out.value + lo, g + lo, hi - lo) }
        }
    }

    /// Loss and gradients at level `l` on a given clean batch and noise (both [m, d]); used to check losses
    /// against a reference implementation on the same batch.
    func lossAndGradient(clean x: Tensor, noise z: Tensor, level l: Int) throws -> Double {
        let m = x.shape[0], d = network.spec.inputDim
        guard x.shape == [m, d], z.shape == [m, d], m <= clean.shape[0] else {
            throw TensorError.shape(op: "dsm", detail: "batch \(x.shape) and noise \(z.shape) must both be [m ≤ \(clean.shape[0]), \(d)]")
        }
        clean.storage.f32.update(from: x.to(.float32).storage.f32, count: m * d)
        eps.storage.f32.update(from: z.to(.float32).storage.f32, count: m * d)
        var unused = RandomStream(seed: 0)
        let loss = try level(l, rows: m, rng: &unused, backward: true, accumulate: false, drawNoise: false)
        try sumChunkGradients(rows: m)
        return loss
    }

    func lossAndGradient(rows: UnsafeBufferPointer<Int>, rng: inout RandomStream) throws -> Double {
        gather(rows)
        switch mode {
        case .all:
            var sum = 0.0
            for l in sigmas.indices { sum += try level(l, rows: rows.count, rng: &rng, backward: true, accumulate: l > 0) }
            try sumChunkGradients(rows: rows.count)
            return sum
        case .sample:
            let l = rng.int(below: sigmas.count)
            let loss = try level(l, rows: rows.count, rng: &rng, backward: true, accumulate: false)
            try sumChunkGradients(rows: rows.count)
            return loss
        }
    }

    /// Per level σ_l²·ℓ(σ_l) on the validation rows; the total is their sum (the `all` objective).
    func validationLoss(rows: [Int], rng: inout RandomStream) throws -> (loss: Double, perLevel: [Double]) {
        var per = Array(repeating: 0.0, count: sigmas.count)
        var start = 0
        try rows.withUnsafeBufferPointer { all in
            let block = workspaces.count * chunkRows
            while start < all.count {
                let end = min(all.count, start + block)
                gather(UnsafeBufferPointer(rebasing: all[start..<end]))
                for l in sigmas.indices {
                    per[l] += try level(l, rows: end - start, rng: &rng, backward: false, accumulate: false) * Double(end - start)
                }
                start = end
            }
        }
        per = per.map { $0 / Double(max(1, rows.count)) }
        return (per.reduce(0, +), per)
    }
}
