import Foundation
import SGPTensor

/// Noise-level (σ) lists for denoising score matching, decreasing from σ_max to σ_min, in normalised units.
public enum NoiseLevels {
    /// Cosine ramp: σ_k = σ_min + (σ_max − σ_min)·½(1 + cos(πk/(L−1))), k = 0…L−1.
    public static func cosine(max hi: Double, min lo: Double, count: Int) throws -> [Double] {
        try check(hi, lo, count, "cosine_sigmas")
        if count == 1 { return [hi] }
        return (0..<count).map { k in lo + (hi - lo) * 0.5 * (1 + cos(Double.pi * Double(k) / Double(count - 1))) }
    }

    /// Geometric: σ_k = σ_max·(σ_min/σ_max)^(k/(L−1)).
    public static func geometric(max hi: Double, min lo: Double, count: Int) throws -> [Double] {
        try check(hi, lo, count, "geom_sigmas")
        if count == 1 { return [hi] }
        return (0..<count).map { k in hi * pow(lo / hi, Double(k) / Double(count - 1)) }
    }

    private static func check(_ hi: Double, _ lo: Double, _ count: Int, _ op: String) throws {
        guard hi.isFinite, lo.isFinite, lo > 0, hi >= lo else {
            throw TensorError.invalid(op: op, detail: "need 0 < min ≤ max, got max \(hi) and min \(lo)")
        }
        guard count >= 1, count <= 10_000 else { throw TensorError.invalid(op: op, detail: "count must be in 1...10000, got \(count)") }
    }
}
