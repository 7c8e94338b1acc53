import Foundation
import SGPTensor

/// A real (or simulated) system MPC acts on. The environments' types are adapted to this by the interpreter.
public protocol Plant: AnyObject {
    var stateDim: Int { get }
    var actionDim: Int { get }
    /// Starts an episode and returns the first measured state.
    func reset(seed: UInt64) throws -> [Double]
    /// Applies one action.
    func step(_ u: [Double]) throws -> (next: [Double], reward: Double, terminated: Bool, truncated: Bool)
}

/// Settings of the receding-horizon loop.
public struct MPCConfig: Sendable {
    /// Environment steps (each one plan + one applied action).
    public var steps: Int
    /// Warm-start each plan with the previous plan shifted one step (the last action repeated).
    public var warmStart: Bool = true
    /// Seed passed to `Plant.reset`.
    public var seed: UInt64 = 0
    public var progressTask: String = "mpc"
    public init(steps: Int) { self.steps = steps }
}

/// What an MPC run recorded.
public struct MPCResult: Sendable {
    /// Measured states x_0 … x_n.
    public var states: [[Double]] = []
    /// Applied actions.
    public var actions: [[Double]] = []
    public var rewards: [Double] = []
    /// Seconds spent planning at each step.
    public var latencies: [Double] = []
    /// ‖predicted x_{t+1} − measured x_{t+1}‖ per step (the model's one-step error along the run).
    public var predictionGap: [Double] = []
    public var terminated = false
    public var truncated = false
    public var interrupted = false

    public var totalReward: Double { rewards.reduce(0, +) }
    /// Median and 95th-percentile planning latency in seconds.
    public var latencyP50: Double { Self.percentile(latencies, 0.5) }
    public var latencyP95: Double { Self.percentile(latencies, 0.95) }

    static func percentile(_ v: [Double], _ p: Double) -> Double {
        guard !v.isEmpty else { return 0 }
        let s = v.sorted()
        return s[min(s.count - 1, Int((p * Double(s.count - 1)).rounded()))]
    }
}

/// Model-predictive control (SGP.md §4): at every step re-plan from the measured state with a fresh optimiser and
/// fresh schedules (each `Planner.plan` call starts afresh), apply the first action, and repeat. Deterministic: the
/// planner's iteration budget is fixed, so runs depend only on seeds.
public enum MPC {
    public static func run(plant: Plant, planner: Planner, config: MPCConfig) throws -> MPCResult {
        guard plant.stateDim == planner.stateDim, plant.actionDim == planner.actionDim else {
            throw PlanningError.shape(argument: "env", expected: [planner.stateDim, planner.actionDim], got: [plant.stateDim, plant.actionDim])
        }
        guard config.steps >= 0 else { throw PlanningError.invalid(argument: "steps", detail: "must be non-negative, got \(config.steps)") }
        let dx = plant.stateDim, du = plant.actionDim, T = planner.horizon
        var out = MPCResult()
        var x: [Double]
        do { x = try plant.reset(seed: config.seed) } catch { throw PlanningError.plant(step: 0, detail: "\(error)") }
        guard x.count == dx else { throw PlanningError.shape(argument: "env state", expected: [dx], got: [x.count]) }
        out.states.append(x)
        var warm: Tensor? = nil
        for step in 0..<config.steps {
            if Cancellation.isRequested { out.interrupted = true; break }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let plan = try planner.plan(x0: Tensor(x), initialActions: config.warmStart ? warm : nil)
            out.latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            if plan.interrupted { out.interrupted = true; break }
            let a = plan.actions.scalars   // [1, T, du]
            let u = Array(a[0..<du])
            let predicted = (0..<dx).map { plan.states.scalar(at: dx + $0) }
            let r: (next: [Double], reward: Double, terminated: Bool, truncated: Bool)
            do { r = try plant.step(u) } catch { throw PlanningError.plant(step: step, detail: "\(error)") }
            guard r.next.count == dx else { throw PlanningError.shape(argument: "env state", expected: [dx], got: [r.next.count]) }
            out.actions.append(u); out.rewards.append(r.reward); out.states.append(r.next)
            out.predictionGap.append(zip(predicted, r.next).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot())
            x = r.next
            // Shift the plan one step and repeat the last action.
            var shifted = Array(a[du...]); shifted += a[((T - 1) * du)..<(T * du)]
            warm = try Tensor(shape: [T, du], doubles: shifted)
            ProgressSink.report(ProgressEvent(task: config.progressTask, done: step + 1, total: config.steps,
                                              metrics: [("reward", out.totalReward), ("latency_ms", out.latencies.last.map { $0 * 1e3 } ?? 0)]))
            if r.terminated || r.truncated { out.terminated = r.terminated; out.truncated = r.truncated; break }
        }
        if config.steps > 0 { ProgressSink.done(config.progressTask) }
        return out
    }
}
