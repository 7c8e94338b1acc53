import SGPTensor

/// A score field s_σ(z) = ∇_z log p_σ(z) at several noise levels, evaluated on batches of raw (unnormalised) rows.
///
/// Planners treat the score as a constant (stop-gradient): only values are needed, never derivatives. Level 0 is
/// the coarsest (largest σ), level `levels − 1` the finest.
public protocol ScoreField {
    /// Row width (dim of z).
    var dim: Int { get }
    /// Number of noise levels.
    var levels: Int { get }
    /// Noise scale of each level, in the units the field was trained in, coarsest first.
    var sigmas: [Double] { get }
    /// Scores of the rows of `z` [N, dim] at `level`, shape [N, dim], raw units.
    func score(_ z: Tensor, level: Int) throws -> Tensor
}

/// A score field that can also evaluate straight from raw Float pointers (no tensor wrapping): what fused planners
/// call once per iteration on all B×T rows.
public protocol PointerScoreField: ScoreField {
    /// Writes the scores of `rows` rows of `z` (row stride `ldz`, first `dim` columns used) into `out` [rows, dim].
    func score(rows: Int, z: UnsafePointer<Float>, ldz: Int, level: Int, out: UnsafeMutablePointer<Float>) throws
}

/// A smoothed distance to data d_σ(z), used as a penalty by sampling planners (CEM, MPPI).
public protocol DistanceField {
    /// Row width (dim of z).
    var dim: Int { get }
    /// Number of noise levels.
    var levels: Int { get }
    /// d_σ of each row of `z` [N, dim] at `level`, shape [N].
    func distance(_ z: Tensor, level: Int) throws -> Tensor
}

extension ScoreField {
    /// Scores of rows given by pointer, through the tensor interface (one copy each way).
    func scoreRows(rows: Int, z: UnsafePointer<Float>, ldz: Int, level: Int, out: UnsafeMutablePointer<Float>) throws {
        if let p = self as? PointerScoreField {
            try p.score(rows: rows, z: z, ldz: ldz, level: level, out: out)
            return
        }
        let d = dim
        let zt = Tensor.uninitialized([rows, d])
        let q = zt.storage.f32
        for r in 0..<rows { (q + r * d).update(from: z + r * ldz, count: d) }
        let s = try score(zt, level: level)
        guard s.shape == [rows, d] else { throw PlanningError.shape(argument: "score", expected: [rows, d], got: s.shape) }
        let sf = s.dtype == .float32 ? s : s.detached().to(.float32)
        out.update(from: sf.storage.f32, count: rows * d)
    }

    /// Checks `level` against the field's level count.
    func checkLevel(_ level: Int) throws {
        guard level >= 0, level < levels else {
            throw PlanningError.invalid(argument: "level", detail: "level \(level) is outside 0..<\(levels)")
        }
    }
}
