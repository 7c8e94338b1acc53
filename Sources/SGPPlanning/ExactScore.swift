import Foundation
import SGPTensor

/// The exact score and smoothed distance of data blurred by Gaussian noise (the validation oracle of SGP.md §1).
///
/// For data z_i (i < N) and noise σ: w = softmax_i(−‖z − z_i‖²/2σ²), score s_σ(z) = Σ_i w_i (z_i − z)/σ², smoothed
/// distance d_σ(z) = −σ² log Σ_i exp(−‖z − z_i‖²/2σ²). Computed in Float64 by a streaming logsumexp over blocks of
/// data (squared distances from one GEMM per block), so memory stays bounded for N up to ~10⁵.
public struct ExactScore: PointerScoreField, DistanceField, @unchecked Sendable {
    /// Rows of data per block: 2048 × (≤ 256 query rows) doubles ≈ 4 MiB of scratch.
    static let dataBlock = 2048
    /// Query rows per block.
    static let queryBlock = 256

    public let dim: Int
    public let count: Int
    public let sigmas: [Double]
    /// When true the distance is −σ² log((1/N) Σ_i …), i.e. shifted by +σ² log N, so it is ≥ 0-ish and comparable
    /// across dataset sizes.
    public var averaged: Bool
    /// The data, Float64, row-major [N, dim], and the squared norms of its rows.
    let data: [Double]
    let norms: [Double]

    /// The oracle for data `z` [N, dim] at the noise levels `sigmas` (coarsest first, all > 0).
    public init(data z: Tensor, sigmas: [Double], averaged: Bool = false) throws {
        guard z.rank == 2, z.shape[0] > 0, z.shape[1] > 0 else {
            throw PlanningError.invalid(argument: "data", detail: "expected a non-empty [N, dim] tensor, got shape \(z.shape)")
        }
        guard !sigmas.isEmpty, sigmas.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw PlanningError.invalid(argument: "sigmas", detail: "need at least one finite σ > 0, got \(sigmas)")
        }
        let (nf, inf) = z.nonFiniteCount
        guard nf + inf == 0 else { throw PlanningError.invalid(argument: "data", detail: "contains \(nf) NaN and \(inf) infinite values") }
        count = z.shape[0]; dim = z.shape[1]
        self.sigmas = sigmas; self.averaged = averaged
        data = z.scalars
        var nrm = [Double](repeating: 0, count: count)
        for i in 0..<count { var s = 0.0; for j in 0..<dim { let v = data[i * dim + j]; s += v * v }; nrm[i] = s }
        norms = nrm
    }

    /// The oracle at a single noise level.
    public init(data z: Tensor, sigma: Double) throws { try self.init(data: z, sigmas: [sigma]) }

    public var levels: Int { sigmas.count }

    /// The cosine σ list of SGP.md §2: σ_k = σ_min + (σ_max − σ_min)·½(1 + cos(π k/(L−1))), coarsest first.
    public static func cosineSigmas(max: Double, min: Double, levels: Int) -> [Double] {
        guard levels > 1 else { return [max] }
        return (0..<levels).map { k in min + (max - min) * 0.5 * (1 + cos(Double.pi * Double(k) / Double(levels - 1))) }
    }

    public func score(_ z: Tensor, level: Int) throws -> Tensor {
        let q = try queryRows(z)
        let out = Tensor.uninitialized([q.count / max(dim, 1), dim])
        try q.withUnsafeBufferPointer { qp in
            try run(rows: out.shape[0], q: qp.baseAddress, level: level, score: out.storage.f32, distance: nil)
        }
        return out
    }

    public func score(rows: Int, z: UnsafePointer<Float>, ldz: Int, level: Int, out: UnsafeMutablePointer<Float>) throws {
        var q = [Double](repeating: 0, count: rows * dim)
        for r in 0..<rows { for j in 0..<dim { q[r * dim + j] = Double(z[r * ldz + j]) } }
        try q.withUnsafeBufferPointer { try run(rows: rows, q: $0.baseAddress, level: level, score: out, distance: nil) }
    }

    public func distance(_ z: Tensor, level: Int) throws -> Tensor {
        let q = try queryRows(z)
        let rows = q.count / max(dim, 1)
        var d = [Double](repeating: 0, count: rows)
        try q.withUnsafeBufferPointer { qp in
            try d.withUnsafeMutableBufferPointer { try run(rows: rows, q: qp.baseAddress, level: level, score: nil, distance: $0.baseAddress) }
        }
        return Tensor(d)
    }

    func queryRows(_ z: Tensor) throws -> [Double] {
        guard z.rank == 2, z.shape[1] == dim else {
            throw PlanningError.shape(argument: "z", expected: [z.rank == 2 ? z.shape[0] : -1, dim], got: z.shape)
        }
        return z.scalars
    }

    /// Streaming logsumexp over data blocks for each query block; writes scores and/or distances.
    func run(rows: Int, q: UnsafePointer<Double>?, level: Int, score: UnsafeMutablePointer<Float>?,
             distance: UnsafeMutablePointer<Double>?) throws {
        try checkLevel(level)
        guard rows > 0, let q else { return }
        let sigma = sigmas[level], inv2s2 = 1 / (2 * sigma * sigma)
        let qb = Swift.min(rows, Self.queryBlock), db = Swift.min(count, Self.dataBlock)
        var dots = [Double](repeating: 0, count: qb * db)
        var acc = [Double](repeating: 0, count: qb * dim)
        var m = [Double](repeating: 0, count: qb), s = [Double](repeating: 0, count: qb)
        var qn = [Double](repeating: 0, count: qb)
        data.withUnsafeBufferPointer { dp in
        norms.withUnsafeBufferPointer { np in
        dots.withUnsafeMutableBufferPointer { dotsB in
        acc.withUnsafeMutableBufferPointer { accB in
            guard let dbase = dp.baseAddress, let nb = np.baseAddress, let dt = dotsB.baseAddress, let ac = accB.baseAddress else { return }
            var r0 = 0
            while r0 < rows {
                let nr = Swift.min(qb, rows - r0)
                let qrows = q + r0 * dim
                for r in 0..<nr {
                    var v = 0.0; for j in 0..<dim { let x = qrows[r * dim + j]; v += x * x }
                    qn[r] = v; m[r] = -Double.infinity; s[r] = 0
                }
                if score != nil { ac.update(repeating: 0, count: nr * dim) }
                var i0 = 0
                while i0 < count {
                    let ni = Swift.min(db, count - i0)
                    // dots = q · z_iᵀ, then logits a = −(‖q‖² + ‖z_i‖² − 2 q·z_i)/2σ² in place.
                    BLAS.dgemm(transB: true, m: nr, n: ni, k: dim, a: qrows, lda: dim, b: dbase + i0 * dim, ldb: dim,
                               c: dt, ldc: ni)
                    for r in 0..<nr {
                        let row = dt + r * ni
                        var bm = -Double.infinity
                        for i in 0..<ni {
                            let d2 = Swift.max(0, qn[r] + nb[i0 + i] - 2 * row[i])
                            let a = -d2 * inv2s2
                            row[i] = a
                            bm = Swift.max(bm, a)
                        }
                        let mNew = Swift.max(m[r], bm)
                        let rescale = m[r] == -Double.infinity ? 0 : Foundation.exp(m[r] - mNew)
                        var bs = 0.0
                        for i in 0..<ni { let e = Foundation.exp(row[i] - mNew); row[i] = e; bs += e }
                        s[r] = s[r] * rescale + bs
                        m[r] = mNew
                        if score != nil, rescale != 1 { for j in 0..<dim { ac[r * dim + j] *= rescale } }
                    }
                    // acc += E · Z_block (the weighted sum of data rows).
                    if score != nil {
                        BLAS.dgemm(m: nr, n: dim, k: ni, a: dt, lda: ni, b: dbase + i0 * dim, ldb: dim, beta: 1, c: ac, ldc: dim)
                    }
                    i0 += ni
                }
                if let score {
                    let invS2 = 1 / (sigma * sigma)
                    for r in 0..<nr {
                        for j in 0..<dim {
                            let mean = ac[r * dim + j] / s[r]
                            score[(r0 + r) * dim + j] = Float((mean - qrows[r * dim + j]) * invS2)
                        }
                    }
                }
                if let distance {
                    let shift = averaged ? Foundation.log(Double(count)) : 0
                    for r in 0..<nr { distance[r0 + r] = -sigma * sigma * (m[r] + Foundation.log(s[r]) - shift) }
                }
                r0 += nr
            }
        }}}}
    }
}

/// The smoothed distance d_σ(z) to data as a stand-alone oracle (a named view of `ExactScore`).
public struct SmoothedDistance: DistanceField, Sendable {
    /// The underlying oracle.
    public let oracle: ExactScore
    /// The distance to data `z` [N, dim] at the noise levels `sigmas`.
    public init(data z: Tensor, sigmas: [Double], averaged: Bool = false) throws {
        oracle = try ExactScore(data: z, sigmas: sigmas, averaged: averaged)
    }
    public var dim: Int { oracle.dim }
    public var levels: Int { oracle.levels }
    public func distance(_ z: Tensor, level: Int) throws -> Tensor { try oracle.distance(z, level: level) }
}
