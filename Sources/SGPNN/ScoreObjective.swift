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
/// Data-parallel through `ChunkedBatch` (512-row chunks on all BLAS threads, bit-identical at any thread count).
final class ScoreObjective: TrainingObjective {
    let network: Network
    let data: Tensor
    let sigmas: [Double]
    let mode: LevelMode
    let batch: ChunkedBatch
    private let clean: Tensor, eps: Tensor, noisy: Tensor, dOut: Tensor
    private let normals = NormalFill()

    init(network: Network, data: Tensor, sigmas: [Double], mode: LevelMode, batch: Int) throws {
        self.network = network
        self.data = data.to(.float32)
        self.sigmas = sigmas; self.mode = mode
        let rows = max(1, min(batch, data.shape[0]))
        let d = network.spec.inputDim
        self.batch = try ChunkedBatch(network: network, rows: rows)
        clean = Tensor.zeros([rows, d]); eps = Tensor.zeros([rows, d]); noisy = Tensor.zeros([rows, d])
        dOut = Tensor.zeros([rows, d])
    }

    var gradients: UnsafeMutablePointer<Float> { batch.gradients }

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
        let noisyP = noisy.storage.f32, dOutP = dOut.storage.f32, cleanP = clean.storage.f32
        let sq = try batch.run(rows: m) { ws, r, packed in
            let off = r.lowerBound * d, k = r.count * d
            if drawNoise { normals.transform(e + off, start: off, count: k) }
            sgp_nn_axpy3(cleanP + off, Float(sigma), e + off, noisyP + off, k)
            let s = try ws.forward(input: noisyP + off, rows: r.count, level: netLevel, packed: packed)
            // d(σ²·½·mean_b‖r‖²)/ds = σ² r / m (m: the whole batch).
            let sq = sgp_nn_dsm_residual(s, e + off, Float(1 / sigma), Float(w / Double(m)), dOutP + off, k)
            if backward { ws.backward(dOut: dOutP + off, needInputGrad: false, needParamGrads: true, accumulate: accumulate) }
            return sq
        }
        return w * 0.5 * sq / Double(m)
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
        try batch.sumGradients(rows: m)
        return loss
    }

    func lossAndGradient(rows: UnsafeBufferPointer<Int>, rng: inout RandomStream) throws -> Double {
        gather(rows)
        switch mode {
        case .all:
            var sum = 0.0
            for l in sigmas.indices { sum += try level(l, rows: rows.count, rng: &rng, backward: true, accumulate: l > 0) }
            try batch.sumGradients(rows: rows.count)
            return sum
        case .sample:
            let l = rng.int(below: sigmas.count)
            let loss = try level(l, rows: rows.count, rng: &rng, backward: true, accumulate: false)
            try batch.sumGradients(rows: rows.count)
            return loss
        }
    }

    /// Per level σ_l²·ℓ(σ_l) on the validation rows; the total is their sum (the `all` objective).
    func validationLoss(rows: [Int], rng: inout RandomStream) throws -> (loss: Double, perLevel: [Double]) {
        var per = Array(repeating: 0.0, count: sigmas.count)
        var start = 0
        try rows.withUnsafeBufferPointer { all in
            let block = batch.capacity
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
