import SGPTensor

/// Per-dimension affine normalisation z̄ = (z − shift) / scale, stored with every model.
///
/// `minMax` is the reference's: scale = max − min, shift = (max + min)/2, so data land in [−½, ½].
/// `zScore`: shift = mean, scale = standard deviation. Constant dimensions get scale 1.
public struct Normalizer: Sendable, Equatable {
    /// How the statistics were chosen.
    public enum Kind: String, Sendable { case minMax = "minmax", zScore = "zscore", identity }
    /// The statistics used.
    public var kind: Kind
    /// Per-dimension shift b and scale k.
    public var shift: [Float]
    /// Per-dimension scale k (> 0).
    public var scale: [Float]

    /// Explicit statistics.
    public init(kind: Kind, shift: [Float], scale: [Float]) throws {
        guard shift.count == scale.count else {
            throw TensorError.shape(op: "normalizer", detail: "shift has \(shift.count) entries but scale has \(scale.count)")
        }
        guard scale.allSatisfy({ $0.isFinite && $0 > 0 }), shift.allSatisfy(\.isFinite) else {
            throw TensorError.invalid(op: "normalizer", detail: "scales must be finite and positive and shifts finite")
        }
        self.kind = kind; self.shift = shift; self.scale = scale
    }

    /// The identity on `dim` dimensions.
    public static func identity(_ dim: Int) -> Normalizer {
        Normalizer(unchecked: .identity, shift: Array(repeating: 0, count: dim), scale: Array(repeating: 1, count: dim))
    }

    private init(unchecked kind: Kind, shift: [Float], scale: [Float]) {
        self.kind = kind; self.shift = shift; self.scale = scale
    }

    /// Statistics of the rows of `data` ([n, d], n ≥ 1).
    public init(fitting data: Tensor, kind: Kind = .minMax) throws {
        guard data.rank == 2, data.shape[0] > 0 else {
            throw TensorError.shape(op: "normalizer", detail: "data should be [n, d] with n ≥ 1, got \(data.shape)")
        }
        let n = data.shape[0], d = data.shape[1]
        var lo = Array(repeating: Double.infinity, count: d), hi = Array(repeating: -Double.infinity, count: d)
        var sum = Array(repeating: 0.0, count: d), sq = Array(repeating: 0.0, count: d)
        for r in 0..<n {
            for c in 0..<d {
                let v = data.scalar(at: r * d + c)
                guard v.isFinite else {
                    throw TensorError.invalid(op: "normalizer", detail: "data row \(r) column \(c) is \(v)")
                }
                lo[c] = min(lo[c], v); hi[c] = max(hi[c], v); sum[c] += v; sq[c] += v * v
            }
        }
        var shift = [Float](), scale = [Float]()
        for c in 0..<d {
            switch kind {
            case .minMax:
                let k = hi[c] - lo[c]
                shift.append(Float((hi[c] + lo[c]) / 2))
                scale.append(k > 1e-12 * max(1, abs(hi[c])) ? Float(k) : 1)
            case .zScore:
                let mean = sum[c] / Double(n)
                let sd = max(0, sq[c] / Double(n) - mean * mean).squareRoot()
                shift.append(Float(mean))
                scale.append(sd > 1e-12 * max(1, abs(mean)) ? Float(sd) : 1)
            case .identity:
                shift.append(0); scale.append(1)
            }
        }
        self.init(unchecked: kind, shift: shift, scale: scale)
    }

    /// Number of dimensions.
    public var dim: Int { shift.count }

    /// Writes (src − shift)/scale for `rows` rows of width `dim` (strided rows allowed).
    @inline(__always)
    func normalize(_ src: UnsafePointer<Float>, srcStride: Int, into dst: UnsafeMutablePointer<Float>,
                   dstStride: Int, rows: Int) {
        let d = dim
        shift.withUnsafeBufferPointer { sh in
            scale.withUnsafeBufferPointer { sc in
                guard let b = sh.baseAddress, let k = sc.baseAddress else { return }
                for r in 0..<rows {
                    let s = src + r * srcStride, o = dst + r * dstStride
                    for c in 0..<d { o[c] = (s[c] - b[c]) / k[c] }
                }
            }
        }
    }

    /// Normalises a [n, dim] tensor.
    public func apply(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == dim else {
            throw TensorError.shape(op: "normalize", detail: "expected [n, \(dim)], got \(x.shape)")
        }
        let xf = x.to(.float32), out = Tensor.uninitialized(x.shape)
        normalize(xf.storage.f32, srcStride: dim, into: out.storage.f32, dstStride: dim, rows: x.shape[0])
        return out
    }

    /// Maps normalised values back: z = z̄·scale + shift.
    public func invert(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == dim else {
            throw TensorError.shape(op: "denormalize", detail: "expected [n, \(dim)], got \(x.shape)")
        }
        let xf = x.to(.float32), out = Tensor.uninitialized(x.shape)
        let n = x.shape[0], d = dim, s = xf.storage.f32, o = out.storage.f32
        for r in 0..<n { for c in 0..<d { o[r * d + c] = s[r * d + c] * scale[c] + shift[c] } }
        return out
    }

    /// Concatenation of two normalisers (for [x, u] inputs).
    public func concatenated(_ other: Normalizer) -> Normalizer {
        Normalizer(unchecked: kind == other.kind ? kind : .minMax, shift: shift + other.shift, scale: scale + other.scale)
    }

    /// The leading `count` dimensions.
    public func prefix(_ count: Int) -> Normalizer {
        Normalizer(unchecked: kind, shift: Array(shift.prefix(count)), scale: Array(scale.prefix(count)))
    }
}
