import Foundation

/// Which noise level of the score each optimiser iteration uses.
public enum SigmaSchedule: Sendable, Equatable {
    /// The paper's rule idx(k) = round(L·k/(K+1) − 0.5) clamped to [0, L−1]: coarse first, finest last.
    case anneal
    /// Always the same level.
    case fixed(Int)
    /// An explicit level per iteration; the last entry repeats when the list is shorter than the iterations.
    case levels([Int])

    /// Level for iteration `k` of `iterations`, given `levels` noise levels.
    public func level(iteration k: Int, of iterations: Int, levels: Int) -> Int {
        switch self {
        case .anneal:
            let raw = (Double(levels) * Double(k) / Double(iterations + 1) - 0.5).rounded(.toNearestOrEven)
            return min(max(Int(raw), 0), levels - 1)
        case let .fixed(l): return min(max(l, 0), max(levels - 1, 0))
        case let .levels(list):
            guard let last = list.last else { return 0 }
            let l = k < list.count ? list[k] : last
            return min(max(l, 0), max(levels - 1, 0))
        }
    }

    func validate(levels: Int) throws {
        switch self {
        case .anneal: return
        case let .fixed(l):
            guard l >= 0, l < levels else { throw PlanningError.invalid(argument: "anneal", detail: "level \(l) is outside 0..<\(levels)") }
        case let .levels(list):
            guard !list.isEmpty else { throw PlanningError.invalid(argument: "anneal", detail: "the level list is empty") }
            if let bad = list.first(where: { $0 < 0 || $0 >= levels }) {
                throw PlanningError.invalid(argument: "anneal", detail: "level \(bad) is outside 0..<\(levels)")
            }
        }
    }
}

/// The penalty weight β at iteration k: cosine from `beta` (k = 0) to `betaMin` (k = K−1); constant when equal.
public func cosineBeta(iteration k: Int, of iterations: Int, beta: Double, betaMin: Double) -> Double {
    guard iterations > 1, beta != betaMin else { return beta }
    let frac = Double(k) / Double(iterations - 1)
    return betaMin + (beta - betaMin) * 0.5 * (1 + cos(Double.pi * frac))
}
