/// Settings of the sampling planners `CEMPlanner` and `MPPIPlanner`.
public struct SamplingPlannerConfig: Sendable {
    /// Planning horizon T.
    public var horizon: Int
    /// Sampling rounds.
    public var iterations: Int
    /// Samples per initial state and round.
    public var population: Int = 256
    /// CEM: samples kept to refit the distribution.
    public var elites: Int = 32
    /// Initial sampling std of every action (CEM's starting std, MPPI's fixed noise σ).
    public var initialStd: Double = 0.5
    /// CEM: weight of the previous mean and std when refitting (0 = replace by the elites' statistics).
    public var momentum: Double = 0.1
    /// CEM: floor on the std, so the search never collapses completely.
    public var minStd: Double = 1e-3
    /// MPPI: temperature λ of the weights exp(−(J − min J)/λ).
    public var temperature: Double = 1
    /// MPPI: AR(1) time correlation ρ ∈ [0, 1) of the noise, ε_t = ρ ε_{t−1} + √(1−ρ²) n_t (keeps the marginal std).
    public var smoothing: Double = 0
    /// Samples are clamped into the box (the tanh mode is treated as clamping here).
    public var bounds: ActionBounds? = nil
    /// Seed of the "planner" random stream.
    public var seed: UInt64 = 0
    /// Name reported to `ProgressSink`.
    public var progressTask: String = "plan"

    public init(horizon: Int, iterations: Int) { self.horizon = horizon; self.iterations = iterations }

    func validate(elitesNeeded: Bool) throws {
        guard horizon > 0 else { throw PlanningError.invalid(argument: "horizon", detail: "must be positive, got \(horizon)") }
        guard iterations >= 0 else { throw PlanningError.invalid(argument: "iters", detail: "must be non-negative, got \(iterations)") }
        guard population >= 2 else { throw PlanningError.invalid(argument: "population", detail: "must be at least 2, got \(population)") }
        if elitesNeeded, !(1...population).contains(elites) {
            throw PlanningError.invalid(argument: "elites", detail: "must be in 1...\(population), got \(elites)")
        }
        guard initialStd > 0, initialStd.isFinite else { throw PlanningError.invalid(argument: "std", detail: "must be finite and positive, got \(initialStd)") }
        guard momentum >= 0, momentum < 1 else { throw PlanningError.invalid(argument: "momentum", detail: "must be in [0, 1), got \(momentum)") }
        guard temperature > 0 else { throw PlanningError.invalid(argument: "temperature", detail: "must be positive, got \(temperature)") }
        guard smoothing >= 0, smoothing < 1 else { throw PlanningError.invalid(argument: "smoothing", detail: "must be in [0, 1), got \(smoothing)") }
    }
}
