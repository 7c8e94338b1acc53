/// Seeded, splittable random numbers. One run seed derives independent named streams ("data", "init",
/// "planner", "env", …) so adding draws in one place never shifts the numbers in another.
///
/// Generator: xoshiro256** seeded through SplitMix64 from a hash of (seed, stream name). Normals use the
/// Box–Muller transform in Double, so Float32 and Float64 tensors see the same underlying draws.
public struct RandomStream: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Double?

    /// The stream `name` derived from `seed`.
    public init(seed: UInt64, stream name: String = "default") {
        var h: UInt64 = 0xcbf29ce484222325 // FNV-1a over the name, mixed with the seed
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        var sm = seed ^ (h &* 0x9E3779B97F4A7C15)
        func next() -> UInt64 {
            sm &+= 0x9E3779B97F4A7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        s0 = next(); s1 = next(); s2 = next(); s3 = next()
    }

    /// A child stream, independent of this one and of other children with other names.
    public func derive(_ name: String) -> RandomStream {
        var copy = self
        return RandomStream(seed: copy.nextUInt64(), stream: name)
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// 64 random bits.
    @inline(__always) public mutating func nextUInt64() -> UInt64 {
        let result = RandomStream.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
        s3 = RandomStream.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always) public mutating func uniform() -> Double { Double(nextUInt64() >> 11) * 0x1.0p-53 }

    /// Uniform in [lo, hi).
    @inline(__always) public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// Standard normal.
    public mutating func normal() -> Double {
        if let s = spareNormal { spareNormal = nil; return s }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let r = (-2 * _log(u1)).squareRoot()
        let th = 2 * Double.pi * u2
        spareNormal = r * _sin(th)
        return r * _cos(th)
    }

    /// Uniform integer in 0..<n (n > 0), without modulo bias.
    public mutating func int(below n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        let threshold = (0 &- bound) % bound
        while true {
            let r = nextUInt64()
            if r >= threshold { return Int(r % bound) }
        }
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 { for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, int(below: i + 1)) } }
        return p
    }
}

extension Tensor {
    /// Standard-normal samples scaled by `std` and shifted by `mean`.
    public static func randn(_ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32,
                             rng: inout RandomStream) -> Tensor {
        let t = uninitialized(shape, dtype: dtype)
        for i in 0..<t.count { t.setScalar(i, mean + std * rng.normal()) }
        return t
    }

    /// Uniform samples in [lo, hi).
    public static func rand(_ shape: [Int], lo: Double = 0, hi: Double = 1, dtype: DType = .float32,
                            rng: inout RandomStream) -> Tensor {
        let t = uninitialized(shape, dtype: dtype)
        for i in 0..<t.count { t.setScalar(i, rng.uniform(lo, hi)) }
        return t
    }

    /// Uniform integers in [lo, hi), stored as floats.
    public static func randint(_ shape: [Int], lo: Int, hi: Int, dtype: DType = .float32, rng: inout RandomStream) throws -> Tensor {
        guard hi > lo else { throw TensorError.invalid(op: "randint", detail: "empty range [\(lo), \(hi))") }
        let t = uninitialized(shape, dtype: dtype)
        for i in 0..<t.count { t.setScalar(i, Double(lo + rng.int(below: hi - lo))) }
        return t
    }
}
