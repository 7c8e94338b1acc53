import Foundation
import SGPData
import SGPTensor

/// Benchmarks of environments and data handling (wired into `sgp bench data`).
public enum EnvBenchmarks {
    private static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
    }

    /// Transitions per second collecting from the cart-pole: random episodes and box sampling.
    public static func collectCartPole(transitions: Int = 1_000_000) throws -> [DataBenchFigure] {
        let env = CartPole()
        let horizon = 1000, episodes = max(1, transitions / horizon)
        var n = 0
        let tr = try seconds { n = try collect(env, policy: .random, episodes: episodes, horizon: horizon, seed: 0).count }
        var m = 0
        let tb = try seconds { m = try collect(env, policy: .uniformStates, samples: transitions, seed: 0).count }
        return [
            DataBenchFigure(name: "collect cartpole random (\(n) transitions)", value: Double(n) / tr, unit: "transitions/s",
                        target: "≥ 1e6", met: Double(n) / tr >= 1e6),
            DataBenchFigure(name: "collect cartpole uniform_states (\(m) tuples)", value: Double(m) / tb, unit: "transitions/s",
                        target: "≥ 1e6", met: Double(m) / tb >= 1e6),
        ]
    }

    /// HalfCheetah `step` against bare `mj_step` × frame skip on the same trajectory: both replay the same 1000
    /// actions from the same reset state (the bare loop only writes ctrl and calls mj_step), in alternating
    /// blocks; the fastest of `repeats` blocks of each counts, so load from other processes matters less.
    public static func halfCheetahStep(repeats: Int = 7) throws -> [DataBenchFigure] {
        let env = try MuJoCoEnv.halfCheetah()
        let skip = env.task.frameSkip, steps = 1000
        var rng = RandomStream(seed: 0, stream: "bench")
        let actions = (0..<steps).map { _ in (0..<env.actionDim).map { _ in rng.uniform(-1, 1) } }
        var bestEnv = Double.infinity, bestBare = Double.infinity
        for _ in 0..<repeats {
            env.reset(seed: 0)
            bestEnv = min(bestEnv, try seconds { for a in actions { _ = try env.step(a) } })
            env.reset(seed: 0)
            bestBare = min(bestBare, seconds {
                for a in actions { a.withUnsafeBufferPointer { if let p = $0.baseAddress { env.simulation.step(ctrl: p, frames: skip) } } }
            })
        }
        let ratio = bestEnv / bestBare
        return [
            DataBenchFigure(name: "halfcheetah step", value: bestEnv / Double(steps) * 1e6, unit: "µs"),
            DataBenchFigure(name: "bare mj_step × \(skip)", value: bestBare / Double(steps) * 1e6, unit: "µs"),
            DataBenchFigure(name: "halfcheetah step / bare mj_step × \(skip)", value: ratio, unit: "×", target: "≤ 1.2×", met: ratio <= 1.2),
        ]
    }

    /// All data benchmarks; writes its 1M-row file under `directory` and removes it afterwards.
    public static func all(directory: String = NSTemporaryDirectory(), rows: Int = 1_000_000) throws -> [DataBenchFigure] {
        let path = (directory as NSString).appendingPathComponent("sgp-bench-d4rl-\(getpid()).hdf5")
        defer { unlink(path) }
        let bytes = try DatasetBenchmark.writeD4RLLike(path: path, rows: rows)
        var out = try DatasetBenchmark.load(path: path, arrayBytes: bytes)
        out += try collectCartPole()
        do { out += try halfCheetahStep() } catch {
            out.append(DataBenchFigure(name: "halfcheetah step: skipped (\(error))", value: .nan, unit: ""))
        }
        return out
    }
}
