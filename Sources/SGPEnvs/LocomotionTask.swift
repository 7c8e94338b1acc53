/// Gymnasium v4 settings of a MuJoCo locomotion task (see gymnasium/envs/mujoco/*_v4.py).
public struct LocomotionTask: Sendable {
    /// How an episode ends early.
    public enum Health: Sendable {
        /// Never (HalfCheetah).
        case none
        /// Hopper: every entry of (qpos, qvel)[2:] in `state`, z = qpos[1] in `z`, angle = qpos[2] in `angle`
        /// (open intervals).
        case hopper(state: ClosedRange<Double>, z: ClosedRange<Double>, angle: ClosedRange<Double>)
        /// Walker2d: z = qpos[1] in `z` and angle = qpos[2] in `angle` (open intervals).
        case walker(z: ClosedRange<Double>, angle: ClosedRange<Double>)
    }

    /// Name (`"halfcheetah"`).
    public var name: String
    /// Model file inside Gymnasium's assets folder.
    public var xmlFile: String
    /// mj_step calls per environment step.
    public var frameSkip: Int
    /// Weight of the forward velocity (Δqpos[0] / dt) in the reward.
    public var forwardRewardWeight: Double
    /// Weight of Σ u² subtracted from the reward.
    public var controlCostWeight: Double
    /// Reward per step for staying healthy (paid on every step when `terminateWhenUnhealthy`).
    public var healthyReward: Double
    /// Whether leaving the healthy set terminates the episode.
    public var terminateWhenUnhealthy: Bool
    /// The healthy set.
    public var health: Health
    /// Reset noise scale s: qpos += U(−s, s); qvel += s·N(0, 1) when `normalVelocityNoise`, else U(−s, s).
    public var resetNoiseScale: Double
    /// See `resetNoiseScale`.
    public var normalVelocityNoise: Bool
    /// Observed velocities are clipped to ±this (Hopper, Walker2d: 10); nil for none.
    public var observedVelocityClip: Double?
    /// Steps after which an episode is truncated (Gymnasium's TimeLimit).
    public var maxEpisodeSteps: Int
    /// The Gymnasium environment these settings reproduce (`"HalfCheetah-v4"`), for reports; empty for plain models.
    public var gymnasiumID: String = ""

    /// HalfCheetah-v4: frame skip 5, reward = Δx/dt − 0.1 Σu², never terminates, noise 0.1 (normal velocities).
    public static let halfCheetah = LocomotionTask(
        name: "halfcheetah", xmlFile: "half_cheetah.xml", frameSkip: 5, forwardRewardWeight: 1, controlCostWeight: 0.1,
        healthyReward: 0, terminateWhenUnhealthy: false, health: .none, resetNoiseScale: 0.1, normalVelocityNoise: true,
        observedVelocityClip: nil, maxEpisodeSteps: 1000, gymnasiumID: "HalfCheetah-v4")

    /// Hopper-v4: frame skip 4, reward = Δx/dt + 1 − 10⁻³ Σu², terminates when unhealthy, noise 5·10⁻³.
    public static let hopper = LocomotionTask(
        name: "hopper", xmlFile: "hopper.xml", frameSkip: 4, forwardRewardWeight: 1, controlCostWeight: 1e-3,
        healthyReward: 1, terminateWhenUnhealthy: true,
        health: .hopper(state: -100...100, z: 0.7...Double.infinity, angle: -0.2...0.2), resetNoiseScale: 5e-3,
        normalVelocityNoise: false, observedVelocityClip: 10, maxEpisodeSteps: 1000, gymnasiumID: "Hopper-v4")

    /// Walker2d-v4: frame skip 4, reward = Δx/dt + 1 − 10⁻³ Σu², terminates when unhealthy, noise 5·10⁻³.
    public static let walker2d = LocomotionTask(
        name: "walker2d", xmlFile: "walker2d.xml", frameSkip: 4, forwardRewardWeight: 1, controlCostWeight: 1e-3,
        healthyReward: 1, terminateWhenUnhealthy: true, health: .walker(z: 0.8...2.0, angle: -1...1),
        resetNoiseScale: 5e-3, normalVelocityNoise: false, observedVelocityClip: 10, maxEpisodeSteps: 1000,
        gymnasiumID: "Walker2d-v4")

    /// A plain model: observation qpos[1:] ++ qvel, zero reward, no termination, no reset noise.
    public static func plain(name: String, frameSkip: Int) -> LocomotionTask {
        LocomotionTask(name: name, xmlFile: "", frameSkip: frameSkip, forwardRewardWeight: 0, controlCostWeight: 0,
                       healthyReward: 0, terminateWhenUnhealthy: false, health: .none, resetNoiseScale: 0,
                       normalVelocityNoise: false, observedVelocityClip: nil, maxEpisodeSteps: 1000)
    }

    /// The task called `name` (halfcheetah, hopper, walker2d; dashes, underscores, case and a `-v4` suffix ignored).
    public static func named(_ name: String) -> LocomotionTask? {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        if key.hasPrefix("halfcheetah") { return .halfCheetah }
        if key.hasPrefix("hopper") { return .hopper }
        if key.hasPrefix("walker2d") || key.hasPrefix("walker") { return .walker2d }
        return nil
    }
}
