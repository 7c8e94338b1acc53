import Foundation

/// Model-predictive path integral control (SGP.md §5): sample perturbations with a fixed std (optionally correlated
/// in time), weight samples by exp(−(J − min J)/λ), and move the mean to the weighted average of the samples.
public final class MPPIPlanner: SamplingPlanner {
    /// An MPPI planner; `penalty` adds a data-distance or ensemble-variance term to each sample's cost.
    public override init(dynamics: RolloutDynamics, cost: TrajectoryCost, penalty: SamplingPenalty? = nil, config: SamplingPlannerConfig) throws {
        try super.init(dynamics: dynamics, cost: cost, penalty: penalty, config: config)
    }

    override func refit(samples: [[Float]], costs: ArraySlice<Double>, mean: inout [Float], std: inout [Float]) -> Double {
        let cmin = costs.min() ?? 0, lambda = config.temperature
        var w = costs.map { Foundation.exp(-($0 - cmin) / lambda) }
        let total = w.reduce(0, +)
        for i in w.indices { w[i] /= total }
        for j in mean.indices {
            var m = 0.0
            for i in w.indices { m += w[i] * Double(samples[i][j]) }
            mean[j] = Float(m)
        }
        return zip(w, costs).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
