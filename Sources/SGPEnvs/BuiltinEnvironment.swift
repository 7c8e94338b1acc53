import SGPTensor

/// Shared episode bookkeeping for the compiled environments: state, step counter, time limit, action checks.
/// Subclasses supply `initialState`, `stepBatch` and `trueDynamics`. A fresh environment starts reset with seed 0.
public class BuiltinEnvironment: BatchSteppable {
    /// Short name.
    public let name: String
    /// State dimension.
    public let stateDim: Int
    /// Action dimension.
    public let actionDim: Int
    /// Lower action bounds.
    public let actionLow: [Double]
    /// Upper action bounds.
    public let actionHigh: [Double]
    /// Lower corner of the data box.
    public let stateLow: [Double]
    /// Upper corner of the data box.
    public let stateHigh: [Double]
    /// Seconds of simulated time per step.
    public let dt: Double
    /// Steps after which an episode is truncated.
    public let maxEpisodeSteps: Int
    /// The current state.
    public private(set) var state: [Double]
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0
    private var ended = false

    init(name: String, stateDim: Int, actionDim: Int, actionLow: [Double], actionHigh: [Double], stateLow: [Double],
         stateHigh: [Double], dt: Double, maxEpisodeSteps: Int) {
        self.name = name; self.stateDim = stateDim; self.actionDim = actionDim
        self.actionLow = actionLow; self.actionHigh = actionHigh; self.stateLow = stateLow; self.stateHigh = stateHigh
        self.dt = dt; self.maxEpisodeSteps = maxEpisodeSteps
        self.state = [Double](repeating: 0, count: stateDim)
    }

    /// A state from the initial distribution (subclasses override).
    func initialState(_ rng: inout RandomStream) -> [Double] { [Double](repeating: 0, count: stateDim) }

    /// Starts an episode from the initial distribution drawn with `seed`; returns the state.
    @discardableResult
    public func reset(seed: UInt64) -> [Double] {
        var rng = RandomStream(seed: seed, stream: "env-reset")
        state = initialState(&rng)
        elapsedSteps = 0
        ended = false
        return state
    }

    /// Starts an episode from a given state.
    public func reset(to x: [Double]) throws {
        guard x.count == stateDim else { throw EnvError.wrongDimension(env: name, what: "state", expected: stateDim, got: x.count) }
        state = x; elapsedSteps = 0; ended = false
    }

    /// Applies action `u` for one step (see `Environment.step`).
    public func step(_ u: [Double]) throws -> StepResult {
        guard u.count == actionDim else { throw EnvError.wrongDimension(env: name, what: "action", expected: actionDim, got: u.count) }
        guard !ended else { throw EnvError.needsReset(env: name) }
        var next = [Double](repeating: 0, count: stateDim)
        var reward = 0.0
        state.withUnsafeBufferPointer { xs in
            u.withUnsafeBufferPointer { us in
                next.withUnsafeMutableBufferPointer { ns in
                    if let x = xs.baseAddress, let a = us.baseAddress, let n = ns.baseAddress {
                        stepBatch(x: x, u: a, next: n, reward: &reward, count: 1)
                    }
                }
            }
        }
        state = next
        elapsedSteps += 1
        let truncated = elapsedSteps >= maxEpisodeSteps
        ended = truncated
        return StepResult(next: next, reward: reward, terminated: false, truncated: truncated)
    }

    /// Dynamics and reward of `count` rows on raw buffers (see `BatchSteppable.stepBatch`).
    public func stepBatch(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                          reward: UnsafeMutablePointer<Double>, count: Int) {
        next.update(from: x, count: count * stateDim)
        reward.update(repeating: 0, count: count)
    }

    /// The model x' = f(x, u) on batches x [N, dx], u [N, du] (see `Environment.trueDynamics`).
    public func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor { x }

    // Declared here (not only in the protocol extension) so subclasses' overrides are what protocol calls reach.
    /// One box-sampling candidate (x, u); false rejects it.
    public func sampleBoxTransition(_ rng: inout RandomStream, x: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>) -> Bool {
        for j in 0..<stateDim { x[j] = rng.uniform(stateLow[j], stateHigh[j]) }
        for j in 0..<actionDim { u[j] = rng.uniform(actionLow[j], actionHigh[j]) }
        return isInDataRegion(UnsafePointer(x))
    }

    /// Whether `x` lies in the region box-sampled data may occupy.
    public func isInDataRegion(_ x: UnsafePointer<Double>) -> Bool {
        for j in 0..<stateDim where !(x[j] >= stateLow[j] && x[j] <= stateHigh[j]) { return false }
        return true
    }

    /// Checks batched inputs: x [N, dx], u [N, du].
    func checkBatch(_ x: Tensor, _ u: Tensor) throws {
        guard x.rank == 2, x.shape[1] == stateDim else { throw EnvError.wrongShape(env: name, what: "x", expected: "[N, \(stateDim)]", got: x.shape) }
        guard u.rank == 2, u.shape[1] == actionDim, u.shape[0] == x.shape[0] else {
            throw EnvError.wrongShape(env: name, what: "u", expected: "[\(x.shape[0]), \(actionDim)]", got: u.shape)
        }
    }
}
