/// A D4RL normalised score: 100·(R − R_random)/(R_expert − R_random).
public struct D4RLScore: Sendable, CustomStringConvertible {
    /// The task the reference constants belong to.
    public let task: String
    /// The undiscounted episode return R.
    public let rawReturn: Double
    /// (R − min)/(max − min).
    public let normalized: Double
    /// 100 × normalized.
    public var score: Double { 100 * normalized }

    /// The value as one readable line.
    public var description: String { "\(task): return \(rawReturn), D4RL score \(score)" }
}

/// D4RL reference returns (random, expert) for the MuJoCo locomotion tasks, the same for v0–v2
/// (d4rl/infos.py REF_MIN_SCORE / REF_MAX_SCORE).
public let d4rlReferenceReturns: [String: (min: Double, max: Double)] = [
    "halfcheetah": (-280.178953, 12135.0),
    "hopper": (-20.272305, 3234.3),
    "walker2d": (1.629008, 4592.3),
]

/// The D4RL score of `return` on `task` ("hopper", "hopper-medium-v2", "halfcheetah-expert-v2", …).
public func d4rlScore(task: String, return r: Double) throws -> D4RLScore {
    let key = task.lowercased().split(separator: "-").first.map(String.init)?.replacingOccurrences(of: "_", with: "") ?? ""
    guard let ref = d4rlReferenceReturns[key] else {
        throw EnvError.invalidArgument(env: task, detail: "no D4RL reference returns (known: halfcheetah, hopper, walker2d)")
    }
    return D4RLScore(task: task, rawReturn: r, normalized: (r - ref.min) / (ref.max - ref.min))
}
