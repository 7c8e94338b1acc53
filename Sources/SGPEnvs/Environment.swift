import SGPTensor

/// What one `step` returns (Gymnasium's convention).
public struct StepResult: Sendable {
    /// The state (observation) after the step.
    public let next: [Double]
    /// The reward of this step.
    public let reward: Double
    /// True when the system reached an absorbing state (e.g. a hopper fell).
    public let terminated: Bool
    /// True when the episode hit its time limit.
    public let truncated: Bool

    /// A step result.
    public init(next: [Double], reward: Double, terminated: Bool, truncated: Bool) {
        self.next = next; self.reward = reward; self.terminated = terminated; self.truncated = truncated
    }
}

/// What went wrong in an environment call.
public enum EnvError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An action or state with the wrong number of components.
    case wrongDimension(env: String, what: String, expected: Int, got: Int)
    /// A batched call with tensors of the wrong shapes.
    case wrongShape(env: String, what: String, expected: String, got: [Int])
    /// A constructor argument out of range.
    case invalidArgument(env: String, detail: String)
    /// `step` after the episode ended, or before `reset`.
    case needsReset(env: String)
    /// The environment has no differentiable model (MuJoCo).
    case notDifferentiable(env: String)
    /// MuJoCo failed to load a model or the model files are missing.
    case mujoco(detail: String)

    /// The value as one readable line.
    public var description: String {
        switch self {
        case let .wrongDimension(env, what, expected, got): return "\(env): \(what) must have \(expected) components, got \(got)"
        case let .wrongShape(env, what, expected, got): return "\(env): \(what) must have shape \(expected), got \(got)"
        case let .invalidArgument(env, detail): return "\(env): \(detail)"
        case let .needsReset(env): return "\(env): the episode has ended, call reset first"
        case let .notDifferentiable(env): return "\(env): no differentiable true dynamics (simulated by MuJoCo)"
        case let .mujoco(detail): return "mujoco: \(detail)"
        }
    }
}

/// A controlled system with Gymnasium-style episodes.
///
/// `stateLow`/`stateHigh` bound the box that box-sampled data (`collect(policy: .uniformStates)`) is drawn from;
/// they are not enforced by `step`. Actions are applied as given (planners keep them within
/// `actionLow`/`actionHigh`), except that MuJoCo clamps controls to the model's control range.
public protocol Environment: AnyObject {
    /// Short name (`"cartpole"`, `"halfcheetah"`).
    var name: String { get }
    /// State (observation) dimension.
    var stateDim: Int { get }
    /// Action dimension.
    var actionDim: Int { get }
    /// Lower action bounds.
    var actionLow: [Double] { get }
    /// Upper action bounds.
    var actionHigh: [Double] { get }
    /// Lower corner of the data box.
    var stateLow: [Double] { get }
    /// Upper corner of the data box.
    var stateHigh: [Double] { get }
    /// Seconds of simulated time per step.
    var dt: Double { get }
    /// Steps after which an episode is truncated.
    var maxEpisodeSteps: Int { get }
    /// The current state.
    var state: [Double] { get }
    /// Starts an episode from the environment's initial distribution drawn with `seed`; returns the state.
    @discardableResult func reset(seed: UInt64) -> [Double]
    /// Applies action `u`; throws on a wrong action dimension or an ended episode.
    func step(_ u: [Double]) throws -> StepResult
    /// The model x' = f(x, u) on batches x [N, dx], u [N, du], built from tensor ops so gradients flow through it.
    func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor
}

/// Environments whose dynamics are a pure function of (x, u): collect steps many states at once on raw buffers.
public protocol BatchSteppable: Environment {
    /// next[i] = f(x[i], u[i]) and reward[i] = r(x[i], u[i], next[i]) for `count` rows of row-major Doubles.
    func stepBatch(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                   reward: UnsafeMutablePointer<Double>, count: Int)
    /// Draws one candidate (x, u) for box sampling; false rejects it (e.g. x inside the integrator's hole).
    func sampleBoxTransition(_ rng: inout RandomStream, x: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>) -> Bool
    /// Whether a state belongs to the region box-sampled data may occupy (box, minus holes, corridor walls).
    func isInDataRegion(_ x: UnsafePointer<Double>) -> Bool
}

extension BatchSteppable {
    /// Default: x uniform in the state box (accepted when in the data region), u uniform in the action box.
    public func sampleBoxTransition(_ rng: inout RandomStream, x: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>) -> Bool {
        let lo = stateLow, hi = stateHigh, al = actionLow, ah = actionHigh
        for j in 0..<stateDim { x[j] = rng.uniform(lo[j], hi[j]) }
        for j in 0..<actionDim { u[j] = rng.uniform(al[j], ah[j]) }
        return isInDataRegion(UnsafePointer(x))
    }

    /// Default: inside the closed state box.
    public func isInDataRegion(_ x: UnsafePointer<Double>) -> Bool {
        let lo = stateLow, hi = stateHigh
        for j in 0..<stateDim where !(x[j] >= lo[j] && x[j] <= hi[j]) { return false }
        return true
    }
}
