import Foundation
import SGPTensor

// A dataset's card: what `print(d)` and `sgp data FILE` show.

/// Summary statistics of a dataset, computed in one pass over each array.
public struct DatasetStatistics: Sendable {
    /// Per-dimension (min, max, mean) of x.
    public let stateRanges: [(min: Double, max: Double, mean: Double)]
    /// Per-dimension (min, max, mean) of u.
    public let actionRanges: [(min: Double, max: Double, mean: Double)]
    /// Sum of rewards of each episode, in order of first appearance.
    public let episodeReturns: [Double]
    /// Number of rows flagged terminal.
    public let terminals: Int
    /// Number of rows flagged timeout.
    public let timeouts: Int
}

extension Dataset {
    /// Most dimensions listed one per line on a card; wider data shows the first ones and a count of the rest.
    public static let cardDimensionLimit = 12

    /// Ranges, per-episode returns and flag counts.
    public func statistics() -> DatasetStatistics {
        func ranges(_ t: Tensor, _ d: Int) -> [(min: Double, max: Double, mean: Double)] {
            guard d > 0 else { return [] }
            var lo = [Double](repeating: .infinity, count: d), hi = [Double](repeating: -.infinity, count: d)
            var sum = [Double](repeating: 0, count: d)
            let p = t.storage.f32
            for i in 0..<count {
                let row = p + i * d
                for j in 0..<d { let v = Double(row[j]); lo[j] = min(lo[j], v); hi[j] = max(hi[j], v); sum[j] += v }
            }
            let n = Double(Swift.max(1, count))
            return (0..<d).map { (count > 0 ? lo[$0] : .nan, count > 0 ? hi[$0] : .nan, sum[$0] / n) }
        }
        var returns: [Double] = []
        var slot: [Float: Int] = [:]
        let pe = episode.storage.f32, pr = reward.storage.f32, pt = terminal.storage.f32, po = timeout.storage.f32
        var nt = 0, no = 0
        for i in 0..<count {
            let e = pe[i]
            if let k = slot[e] { returns[k] += Double(pr[i]) } else { slot[e] = returns.count; returns.append(Double(pr[i])) }
            if pt[i] != 0 { nt += 1 }
            if po[i] != 0 { no += 1 }
        }
        return DatasetStatistics(stateRanges: ranges(x, stateDim), actionRanges: ranges(u, actionDim),
                                 episodeReturns: returns, terminals: nt, timeouts: no)
    }

    /// One line: `dataset N=…, dx=…, du=…, episodes=…, source, sha256 prefix`.
    public var summary: String {
        let episodes = Set(episodeIds).count
        return "dataset(N=\(count), dx=\(stateDim), du=\(actionDim), episodes=\(episodes), source=\(source), sha256=\(sha256.prefix(12)))"
    }

    /// A multi-line card: size, dims, episodes, returns, per-dimension ranges, source and SHA-256.
    public var card: String {
        let s = statistics()
        var lines = ["dataset \(source)"]
        lines.append("  transitions  \(count)")
        lines.append("  dims         x \(stateDim), u \(actionDim)")
        lines.append("  episodes     \(s.episodeReturns.count) (\(s.terminals) terminal rows, \(s.timeouts) timeout rows)")
        let r = s.episodeReturns
        if !r.isEmpty {
            let mean = r.reduce(0, +) / Double(r.count)
            let std = (r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count)).squareRoot()
            lines.append("  returns      mean \(fmt(mean))  std \(fmt(std))  min \(fmt(r.min() ?? .nan))  max \(fmt(r.max() ?? .nan))  (per episode)")
        }
        let rw = statistics(of: reward)
        lines.append("  reward       min \(fmt(rw.min))  max \(fmt(rw.max))  mean \(fmt(rw.mean))  (per step)")
        lines.append(contentsOf: rangeLines("x", s.stateRanges))
        lines.append(contentsOf: rangeLines("u", s.actionRanges))
        lines.append("  sha256       \(sha256)")
        return lines.joined(separator: "\n")
    }

    private func statistics(of t: Tensor) -> (min: Double, max: Double, mean: Double) {
        guard t.count > 0 else { return (.nan, .nan, .nan) }
        var lo = Double.infinity, hi = -Double.infinity, sum = 0.0
        let p = t.storage.f32
        for i in 0..<t.count { let v = Double(p[i]); lo = min(lo, v); hi = max(hi, v); sum += v }
        return (lo, hi, sum / Double(t.count))
    }

    private func rangeLines(_ name: String, _ ranges: [(min: Double, max: Double, mean: Double)]) -> [String] {
        guard !ranges.isEmpty else { return [] }
        var out = ["  \(name) ranges     min .. max (mean)"]
        for (j, r) in ranges.prefix(Dataset.cardDimensionLimit).enumerated() {
            out.append("    \(name)[\(j)]\(String(repeating: " ", count: max(1, 6 - "\(j)".count)))\(fmt(r.min)) .. \(fmt(r.max))  (\(fmt(r.mean)))")
        }
        if ranges.count > Dataset.cardDimensionLimit { out.append("    … \(ranges.count - Dataset.cardDimensionLimit) more dimensions") }
        return out
    }
}

/// Four significant digits, no exponent for ordinary magnitudes.
func fmt(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v == 0 { return "0" }
    let a = abs(v)
    if a >= 1e6 || a < 1e-3 { return String(format: "%.3e", v) }
    return String(format: "%.4g", v)
}
