/// The cross-entropy method (SGP.md §5): sample around a mean with a per-action std, keep the elites, move mean and
/// std towards the elites' statistics with momentum, and return the elite mean (more robust under model error than
/// the best sample, which is kept as `bestActions`).
public final class CEMPlanner: SamplingPlanner {
    override var needsElites: Bool { true }

    /// A CEM planner; `penalty` adds a data-distance or ensemble-variance term to each sample's cost.
    public override init(dynamics: RolloutDynamics, cost: TrajectoryCost, penalty: SamplingPenalty? = nil, config: SamplingPlannerConfig) throws {
        try super.init(dynamics: dynamics, cost: cost, penalty: penalty, config: config)
    }

    override func refit(samples: [[Float]], costs: ArraySlice<Double>, mean: inout [Float], std: inout [Float]) -> Double {
        let order = costs.indices.sorted { costs[$0] < costs[$1] }.prefix(config.elites).map { $0 - costs.startIndex }
        let e = Float(order.count), a = Float(config.momentum), floor = Float(config.minStd)
        var recorded = 0.0
        for i in order { recorded += costs[costs.startIndex + i] }
        for j in mean.indices {
            var m: Float = 0
            for i in order { m += samples[i][j] }
            m /= e
            var v: Float = 0
            for i in order { let d = samples[i][j] - m; v += d * d }
            let s = (v / e).squareRoot()
            mean[j] = a * mean[j] + (1 - a) * m
            std[j] = max(a * std[j] + (1 - a) * s, floor)
        }
        return recorded / Double(order.count)
    }
}
