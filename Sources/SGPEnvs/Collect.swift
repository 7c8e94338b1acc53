import SGPData
import SGPTensor

/// How `collect` chooses actions.
public enum CollectPolicy {
    /// Actions uniform in the action bounds, episodes from `reset`.
    case random
    /// The paper's box sampling: (x, u) uniform in the state and action boxes, one step, kept when x and x' lie
    /// in the data region (box minus holes / outside corridor walls). Each tuple is its own one-step episode.
    case uniformStates
    /// A function of the state (a language function, an MPC planner, …), episodes from `reset`.
    case function((_ state: [Double]) throws -> [Double])
    /// A function of a batch of states [E, dx] (float32) returning actions [E, du]: all episodes advance together
    /// (batched dynamics) or one at a time with E = 1 (MuJoCo).
    case batchFunction((_ states: Tensor) throws -> Tensor)

    var label: String {
        switch self {
        case .random: return "random"
        case .uniformStates: return "uniform_states"
        case .function: return "function"
        case .batchFunction: return "batch_function"
        }
    }
}

/// Rows generated per batch when box sampling, and most episodes stepped side by side on the batched path.
let collectBatchRows = 4096

/// Collects a dataset from `env`.
///
/// - `episodes` × `horizon` transitions for `.random` and `.function` (horizon defaults to the environment's
///   time limit; episodes end early when the environment terminates). The last row of an episode cut by the
///   horizon or the time limit is flagged timeout. `samples`, when given, caps the total (and sets the episode
///   count when `episodes` is nil).
/// - `samples` tuples (default `episodes` × `horizon`) for `.uniformStates`, which needs a `BatchSteppable`
///   environment.
///
/// Randomness comes from `RandomStream(seed: seed, stream: "collect")`: the same seed gives the same data.
/// Collecting resets `env`.
public func collect(_ env: Environment, policy: CollectPolicy, episodes: Int? = nil, horizon: Int? = nil,
                    samples: Int? = nil, seed: UInt64 = 0) throws -> Dataset {
    let h = horizon ?? env.maxEpisodeSteps
    guard h >= 1 else { throw EnvError.invalidArgument(env: env.name, detail: "horizon must be at least 1, got \(h)") }
    if let s = samples, s < 0 { throw EnvError.invalidArgument(env: env.name, detail: "samples must be non-negative, got \(s)") }
    if let e = episodes, e < 0 { throw EnvError.invalidArgument(env: env.name, detail: "episodes must be non-negative, got \(e)") }
    let e = episodes ?? samples.map { ($0 + h - 1) / h } ?? 1
    var rng = RandomStream(seed: seed, stream: "collect")
    let source = "collect(\(env.name), \(policy.label), seed \(seed))"
    switch policy {
    case .uniformStates:
        guard let b = env as? BatchSteppable else {
            throw EnvError.invalidArgument(env: env.name, detail: "uniform_states needs a system with batched dynamics (not MuJoCo)")
        }
        return try collectBox(b, samples: samples ?? e * h, rng: &rng, source: source)
    case .random:
        if let b = env as? BatchSteppable {
            let lo = b.actionLow, hi = b.actionHigh, du = b.actionDim
            var actionRng = rng.derive("actions")
            let d = try collectBatched(b, episodes: e, horizon: h, rng: &rng, source: source) { _, us, m in
                for k in 0..<m { for j in 0..<du { us[k * du + j] = lo[j] + (hi[j] - lo[j]) * actionRng.uniform() } }
            }
            return try cap(d, samples)
        }
        let lo = env.actionLow, hi = env.actionHigh
        var policyRng = rng.derive("actions")
        return try collectStepping(env, episodes: e, horizon: h, samples: samples, rng: &rng, source: source) { _ in
            (0..<lo.count).map { policyRng.uniform(lo[$0], hi[$0]) }
        }
    case .function(let f):
        return try collectStepping(env, episodes: e, horizon: h, samples: samples, rng: &rng, source: source, policy: f)
    case .batchFunction(let f):
        if let b = env as? BatchSteppable {
            let d = try collectBatched(b, episodes: e, horizon: h, rng: &rng, source: source) { xs, us, m in
                let x = Tensor.uninitialized([m, b.stateDim])
                for i in 0..<(m * b.stateDim) { x.storage.f32[i] = Float(xs[i]) }
                let a = try f(x)
                guard a.shape == [m, b.actionDim] else {
                    throw EnvError.wrongShape(env: b.name, what: "policy actions", expected: "[\(m), \(b.actionDim)]", got: a.shape)
                }
                for i in 0..<(m * b.actionDim) { us[i] = a.scalar(at: i) }
            }
            return try cap(d, samples)
        }
        return try collectStepping(env, episodes: e, horizon: h, samples: samples, rng: &rng, source: source) { s in
            let a = try f(try Tensor(shape: [1, s.count], doubles: s))
            guard a.count == env.actionDim else {
                throw EnvError.wrongShape(env: env.name, what: "policy actions", expected: "[1, \(env.actionDim)]", got: a.shape)
            }
            return a.scalars
        }
    }
}

/// The first `samples` rows, the last one flagged timeout when it cut an episode.
private func cap(_ d: Dataset, _ samples: Int?) throws -> Dataset {
    guard let s = samples, s < d.count else { return d }
    let c = try d.rows(0..<s)
    let timeout = c.timeout.copy()
    if s > 0, c.terminal.storage.f32[s - 1] == 0 { timeout.storage.f32[s - 1] = 1 }
    return try Dataset(x: c.x, u: c.u, xNext: c.xNext, reward: c.reward, terminal: c.terminal, timeout: timeout,
                       episode: c.episode, source: c.source)
}

/// `collectBatchRows` episodes stepped together on raw buffers, actions from `act(states, actions, count)`;
/// rows are episode-major.
private func collectBatched(_ env: BatchSteppable, episodes: Int, horizon h: Int, rng: inout RandomStream, source: String,
                            act: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) throws -> Void) throws -> Dataset {
    let dx = env.stateDim, du = env.actionDim, n = episodes * h
    let X = Tensor.uninitialized([n, dx]), U = Tensor.uninitialized([n, du]), XN = Tensor.uninitialized([n, dx])
    let R = Tensor.uninitialized([n]), T = Tensor.zeros([n]), O = Tensor.zeros([n]), E = Tensor.uninitialized([n])
    let b = min(collectBatchRows, max(1, episodes))
    let xs = UnsafeMutablePointer<Double>.allocate(capacity: b * dx), ns = UnsafeMutablePointer<Double>.allocate(capacity: b * dx)
    let us = UnsafeMutablePointer<Double>.allocate(capacity: max(1, b * du)), rs = UnsafeMutablePointer<Double>.allocate(capacity: b)
    defer { xs.deallocate(); ns.deallocate(); us.deallocate(); rs.deallocate() }
    let px = X.storage.f32, pu = U.storage.f32, pn = XN.storage.f32, pr = R.storage.f32, po = O.storage.f32, pe = E.storage.f32
    var first = 0
    while first < episodes {
        try Cancellation.check()
        let m = min(b, episodes - first)
        for k in 0..<m {
            let x0 = env.reset(seed: rng.nextUInt64())
            for j in 0..<dx { xs[k * dx + j] = x0[j] }
        }
        for t in 0..<h {
            try act(xs, us, m)
            env.stepBatch(x: xs, u: us, next: ns, reward: rs, count: m)
            for k in 0..<m {
                let row = (first + k) * h + t
                for j in 0..<dx { px[row * dx + j] = Float(xs[k * dx + j]); pn[row * dx + j] = Float(ns[k * dx + j]) }
                for j in 0..<du { pu[row * du + j] = Float(us[k * du + j]) }
                pr[row] = Float(rs[k]); pe[row] = Float(first + k)
                if t == h - 1 { po[row] = 1 }
            }
            xs.update(from: ns, count: m * dx)
        }
        first += m
        ProgressSink.report(ProgressEvent(task: "collect", done: first, total: episodes))
    }
    return try Dataset(x: X, u: U, xNext: XN, reward: R, terminal: T, timeout: O, episode: E, source: source)
}

/// Box sampling: candidates in batches, stepped together, kept when x' is in the data region.
private func collectBox(_ env: BatchSteppable, samples: Int, rng: inout RandomStream, source: String) throws -> Dataset {
    let dx = env.stateDim, du = env.actionDim, n = samples
    let X = Tensor.uninitialized([n, dx]), U = Tensor.uninitialized([n, du]), XN = Tensor.uninitialized([n, dx])
    let R = Tensor.uninitialized([n]), E = Tensor.uninitialized([n])
    let b = collectBatchRows
    let xs = UnsafeMutablePointer<Double>.allocate(capacity: b * dx), ns = UnsafeMutablePointer<Double>.allocate(capacity: b * dx)
    let us = UnsafeMutablePointer<Double>.allocate(capacity: max(1, b * du)), rs = UnsafeMutablePointer<Double>.allocate(capacity: b)
    defer { xs.deallocate(); ns.deallocate(); us.deallocate(); rs.deallocate() }
    let px = X.storage.f32, pu = U.storage.f32, pn = XN.storage.f32, pr = R.storage.f32, pe = E.storage.f32
    // A region that rejects nearly everything would loop for ever; give up after a generous number of draws.
    let maxDraws = 1000 * max(n, 1) + 100_000
    var kept = 0, drawn = 0
    while kept < n {
        try Cancellation.check()
        var m = 0
        while m < b && drawn < maxDraws {
            drawn += 1
            if env.sampleBoxTransition(&rng, x: xs + m * dx, u: us + m * du) { m += 1 }
        }
        if m == 0 { break }
        env.stepBatch(x: xs, u: us, next: ns, reward: rs, count: m)
        for k in 0..<m where kept < n && env.isInDataRegion(ns + k * dx) {
            for j in 0..<dx { px[kept * dx + j] = Float(xs[k * dx + j]); pn[kept * dx + j] = Float(ns[k * dx + j]) }
            for j in 0..<du { pu[kept * du + j] = Float(us[k * du + j]) }
            pr[kept] = Float(rs[k]); pe[kept] = Float(kept)
            kept += 1
        }
        if drawn >= maxDraws && kept < n { break }
        ProgressSink.report(ProgressEvent(task: "collect", done: kept, total: n))
    }
    guard kept == n else {
        throw EnvError.invalidArgument(env: env.name, detail: "box sampling kept only \(kept) of \(n) tuples after \(drawn) draws")
    }
    return try Dataset(x: X, u: U, xNext: XN, reward: R, terminal: Tensor.zeros([n]), timeout: Tensor.zeros([n]),
                       episode: E, source: source)
}

/// Sequential episodes through `reset`/`step` (any environment, any policy).
private func collectStepping(_ env: Environment, episodes: Int, horizon h: Int, samples: Int?, rng: inout RandomStream,
                             source: String, policy: ([Double]) throws -> [Double]) throws -> Dataset {
    let dx = env.stateDim, du = env.actionDim
    var x: [Float] = [], u: [Float] = [], xn: [Float] = [], r: [Float] = [], term: [Float] = [], tout: [Float] = [], ep: [Float] = []
    let limit = samples ?? Int.max
    episodeLoop: for e in 0..<episodes {
        try Cancellation.check()
        var s = env.reset(seed: rng.nextUInt64())
        for t in 0..<h {
            let a = try policy(s)
            guard a.count == du else { throw EnvError.wrongDimension(env: env.name, what: "action", expected: du, got: a.count) }
            let res = try env.step(a)
            x.append(contentsOf: s.map(Float.init)); u.append(contentsOf: a.map(Float.init))
            xn.append(contentsOf: res.next.map(Float.init)); r.append(Float(res.reward))
            term.append(res.terminated ? 1 : 0); ep.append(Float(e))
            let full = r.count >= limit
            let cut = !res.terminated && (res.truncated || t == h - 1 || full)
            tout.append(cut ? 1 : 0)
            s = res.next
            if full { break episodeLoop }
            if res.terminated || res.truncated { break }
        }
        ProgressSink.report(ProgressEvent(task: "collect", done: e + 1, total: episodes))
    }
    let n = r.count
    return try Dataset(x: Tensor(shape: [n, dx], floats: x), u: Tensor(shape: [n, du], floats: u),
                       xNext: Tensor(shape: [n, dx], floats: xn), reward: Tensor(shape: [n], floats: r),
                       terminal: Tensor(shape: [n], floats: term), timeout: Tensor(shape: [n], floats: tout),
                       episode: Tensor(shape: [n], floats: ep), source: source)
}
