import Foundation
import SGPTensor

/// A MuJoCo model as an `Environment`, with Gymnasium v4 semantics for the locomotion tasks.
///
/// Observation = qpos[1:] ++ qvel (velocities clipped to ±10 for Hopper and Walker2d). One step writes the action
/// to ctrl and runs `frameSkip` mj_step calls (MuJoCo clamps controls to the model's ranges; the control cost uses
/// the action as given, as Gymnasium does). Reward = w_f·(qpos[0]' − qpos[0])/dt + healthy reward − w_c·Σu², with
/// dt = timestep × frameSkip. `reset(seed:)` restores the model's default state and adds the task's noise,
/// drawn from `RandomStream(seed:, stream: "env-reset")` (so seeds do not reproduce Gymnasium's NumPy draws; set
/// the state with `setState` to compare). Episodes truncate after 1000 steps. Gymnasium's
/// `mj_rnePostConstraint` after each step only fills force outputs unused by observations and is skipped.
public final class MuJoCoEnv: Environment {
    /// The simulation.
    public let simulation: MuJoCoSimulation
    /// The task's settings.
    public let task: LocomotionTask
    /// Short name.
    public var name: String { task.name }
    /// State dimension.
    public let stateDim: Int
    /// Action dimension.
    public let actionDim: Int
    /// Lower action bounds.
    public let actionLow: [Double]
    /// Upper action bounds.
    public let actionHigh: [Double]
    /// Unbounded: MuJoCo states are not box-sampled.
    public let stateLow: [Double]
    /// Unbounded: MuJoCo states are not box-sampled.
    public let stateHigh: [Double]
    /// Seconds of simulated time per step.
    public var dt: Double { simulation.timestep * Double(task.frameSkip) }
    /// Steps after which an episode is truncated.
    public var maxEpisodeSteps: Int { task.maxEpisodeSteps }
    /// The current state.
    public private(set) var state: [Double] = []
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0
    private var ended = false
    private let initQpos: [Double]

    /// Any MJCF model: observation qpos[1:] ++ qvel, zero reward, no termination or noise.
    public convenience init(xml path: String, frameSkip: Int = 1) throws {
        guard frameSkip >= 1 else { throw EnvError.invalidArgument(env: "mujoco", detail: "frame skip must be at least 1, got \(frameSkip)") }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        try self.init(task: .plain(name: name, frameSkip: frameSkip), xml: path)
    }

    /// A locomotion task; `xml` overrides the model file found by `MuJoCoAssets`.
    public init(task: LocomotionTask, xml: String? = nil) throws {
        let path = try xml ?? MuJoCoAssets.path(task.xmlFile)
        guard FileManager.default.fileExists(atPath: path) else { throw EnvError.mujoco(detail: "no model file '\(path)'") }
        simulation = try MuJoCoSimulation(xml: path)
        self.task = task
        guard simulation.nq >= 1 else { throw EnvError.mujoco(detail: "'\(path)' has no degrees of freedom") }
        // The healthy tests read qpos[1] (height) and qpos[2] (angle).
        if case .none = task.health {} else if simulation.nq < 3 {
            throw EnvError.mujoco(detail: "'\(path)' has \(simulation.nq) position coordinates; task \(task.name) needs at least 3")
        }
        stateDim = simulation.nq - 1 + simulation.nv
        actionDim = simulation.nu
        (actionLow, actionHigh) = simulation.controlRange
        stateLow = Array(repeating: -.infinity, count: stateDim)
        stateHigh = Array(repeating: .infinity, count: stateDim)
        initQpos = simulation.defaultQpos
        reset(seed: 0)
    }

    /// HalfCheetah-v4.
    public static func halfCheetah(xml: String? = nil) throws -> MuJoCoEnv { try MuJoCoEnv(task: .halfCheetah, xml: xml) }
    /// Hopper-v4.
    public static func hopper(xml: String? = nil) throws -> MuJoCoEnv { try MuJoCoEnv(task: .hopper, xml: xml) }
    /// Walker2d-v4.
    public static func walker2d(xml: String? = nil) throws -> MuJoCoEnv { try MuJoCoEnv(task: .walker2d, xml: xml) }

    /// Default state plus the task's reset noise drawn with `seed`; returns the observation.
    @discardableResult
    public func reset(seed: UInt64) -> [Double] {
        var rng = RandomStream(seed: seed, stream: "env-reset")
        let s = task.resetNoiseScale
        simulation.resetData()
        let qpos = initQpos.map { $0 + rng.uniform(-s, s) }
        let qvel = (0..<simulation.nv).map { _ in task.normalVelocityNoise ? s * rng.normal() : rng.uniform(-s, s) }
        // Sizes match the model by construction, so this cannot throw.
        try? setState(qpos: qpos, qvel: qvel)
        return state
    }

    /// Sets the full simulation state (qpos, qvel) and starts a new episode from it.
    public func setState(qpos: [Double], qvel: [Double]) throws {
        try simulation.setState(qpos: qpos, qvel: qvel)
        state = observation()
        elapsedSteps = 0
        ended = false
    }

    /// Applies action `u` for one step (see `Environment.step`).
    public func step(_ u: [Double]) throws -> StepResult {
        guard u.count == actionDim else { throw EnvError.wrongDimension(env: name, what: "action", expected: actionDim, got: u.count) }
        guard !ended else { throw EnvError.needsReset(env: name) }
        let before = simulation.qpos(0)
        u.withUnsafeBufferPointer { if let p = $0.baseAddress { simulation.step(ctrl: p, frames: task.frameSkip) } }
        let velocity = (simulation.qpos(0) - before) / dt
        var cost = 0.0
        for a in u { cost += a * a }
        let healthy = isHealthy()
        let reward = task.forwardRewardWeight * velocity + (healthy || task.terminateWhenUnhealthy ? task.healthyReward : 0)
            - task.controlCostWeight * cost
        state = observation()
        elapsedSteps += 1
        let terminated = task.terminateWhenUnhealthy && !healthy
        let truncated = !terminated && elapsedSteps >= task.maxEpisodeSteps
        ended = terminated || truncated
        return StepResult(next: state, reward: reward, terminated: terminated, truncated: truncated)
    }

    /// The model x' = f(x, u) on batches x [N, dx], u [N, du] (see `Environment.trueDynamics`).
    public func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor { throw EnvError.notDifferentiable(env: name) }

    /// qpos[1:] ++ qvel (velocities clipped when the task says so).
    private func observation() -> [Double] {
        let nq = simulation.nq, nv = simulation.nv
        var obs = [Double](repeating: 0, count: nq - 1 + nv)
        for i in 1..<nq { obs[i - 1] = simulation.qpos(i) }
        let clip = task.observedVelocityClip
        for i in 0..<nv {
            let v = simulation.qvel(i)
            obs[nq - 1 + i] = clip.map { min($0, max(-$0, v)) } ?? v
        }
        return obs
    }

    /// The task's healthy test on the current simulation state.
    public func isHealthy() -> Bool {
        func inside(_ v: Double, _ r: ClosedRange<Double>) -> Bool { r.lowerBound < v && v < r.upperBound }
        switch task.health {
        case .none: return true
        case let .walker(z, angle):
            return inside(simulation.qpos(1), z) && inside(simulation.qpos(2), angle)
        case let .hopper(range, z, angle):
            for i in 2..<simulation.nq where !inside(simulation.qpos(i), range) { return false }
            for i in 0..<simulation.nv where !inside(simulation.qvel(i), range) { return false }
            return inside(simulation.qpos(1), z) && inside(simulation.qpos(2), angle)
        }
    }
}
