import Foundation

/// A learning-rate schedule, stepped once per optimiser step (never restarted per epoch).
public enum LRSchedule: Sendable, Equatable, CustomStringConvertible {
    /// The base rate throughout.
    case constant
    /// Cosine decay from the base rate to `floor`·base, once over the whole run.
    case cosine(floor: Double)
    /// Linear warm-up over `steps` steps, then `then`.
    indirect case warmup(steps: Int, then: LRSchedule)

    /// Parses "constant", "cosine" and "warmup" (warm-up over 5% of the run, then cosine).
    public init?(name: String) {
        switch name {
        case "constant": self = .constant
        case "cosine": self = .cosine(floor: 0)
        case "warmup": self = .warmup(steps: -1, then: .cosine(floor: 0))
        default: return nil
        }
    }

    /// The rate at optimiser step `step` (0-based) of `total` steps, for base rate `base`.
    public func rate(step: Int, total: Int, base: Double) -> Double {
        switch self {
        case .constant: return base
        case let .cosine(floor):
            let t = total <= 1 ? 0 : min(1, Double(step) / Double(total - 1))
            return base * (floor + (1 - floor) * 0.5 * (1 + cos(Double.pi * t)))
        case let .warmup(steps, then):
            let w = steps < 0 ? max(1, total / 20) : steps
            if step < w { return base * Double(step + 1) / Double(w) }
            return then.rate(step: step - w, total: max(1, total - w), base: base)
        }
    }

    /// The schedule as written in scripts.
    public var description: String {
        switch self {
        case .constant: return "constant"
        case let .cosine(f): return f == 0 ? "cosine" : "cosine(floor \(f))"
        case let .warmup(s, t): return "warmup(\(s < 0 ? "5%" : String(s)))+\(t)"
        }
    }
}
