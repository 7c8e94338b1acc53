import Foundation
import SGPTensor

/// What one gradient iteration reports back to `ActionOptimizer`.
struct IterationStats {
    var meanCost: Double
    var objective: Double
    var penaltyNorm: Double = 0
    var level: Int = -1
    var beta: Double = 0
}

/// The optimisation loop shared by the gradient planners: decision variables for T×B actions (time-major
/// [T, B, du]), box handling (clamp or tanh squash), Adam/GD, cancellation, progress, trace and best iterate.
/// The planner supplies one closure that, given the current actions, fills dJ/du and returns the iteration's stats.
struct ActionOptimizer {
    let config: GradPlannerConfig
    let batch: Int, actionDim: Int

    /// Runs `config.iterations` iterations from `initial` actions; returns the final and best actions (time-major),
    /// the trace, and whether it was interrupted.
    func run(initial: [Float], step: (_ k: Int, _ actions: UnsafePointer<Float>, _ grad: UnsafeMutablePointer<Float>) throws -> IterationStats)
        throws -> (final: [Float], best: [Float], trace: PlanTrace, interrupted: Bool) {
        let T = config.horizon, du = actionDim, K = config.iterations, n = T * batch * du
        let box = config.bounds, tanhMode = box?.mode == .tanh
        let centre = box.map { zip($0.low, $0.high).map { Float(($0 + $1) / 2) } } ?? []
        let half = box.map { zip($0.low, $0.high).map { Float(($1 - $0) / 2) } } ?? []
        var v = initial
        if let box {
            switch box.mode {
            case .clamp: v.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { box.clamp(p, rows: T * batch, du: du, ld: du) } }
            case .tanh: for i in 0..<n { let j = i % du; v[i] = atanhf(min(max((v[i] - centre[j]) / half[j], -0.999), 0.999)) }
            }
        }
        var actions = [Float](repeating: 0, count: n), grad = [Float](repeating: 0, count: n)
        func toActions(_ v: [Float]) -> [Float] {
            guard tanhMode else { return v }
            var a = v
            for i in 0..<n { let j = i % du; a[i] = centre[j] + half[j] * tanhf(v[i]) }
            return a
        }
        let opt = FlatOptimizer(config.optimizer, learningRate: config.learningRate, count: n)
        var trace = PlanTrace(), best = v, interrupted = false
        for k in 0..<K {
            if Cancellation.isRequested { interrupted = true; break }
            actions = toActions(v)
            let stats = try actions.withUnsafeBufferPointer { ap in try grad.withUnsafeMutableBufferPointer { gp in
                guard let a = ap.baseAddress, let g = gp.baseAddress else { return IterationStats(meanCost: 0, objective: 0) }
                return try step(k, a, g)
            } }
            var g2 = 0.0
            for i in 0..<n {
                if tanhMode { let th = tanhf(v[i]); grad[i] *= half[i % du] * (1 - th * th) }
                g2 += Double(grad[i] * grad[i])
            }
            guard g2.isFinite else { throw PlanningError.nonFinite(quantity: "gradient", iteration: k) }
            trace.record(cost: stats.meanCost, objective: stats.objective, penaltyNorm: stats.penaltyNorm, gradNorm: g2.squareRoot(),
                         level: stats.level, beta: stats.beta)
            if stats.meanCost < trace.bestCost { trace.bestCost = stats.meanCost; trace.bestIteration = k; best = v }
            v.withUnsafeMutableBufferPointer { vp in grad.withUnsafeBufferPointer { gp in
                guard let vb = vp.baseAddress, let gb = gp.baseAddress else { return }
                opt.update(vb, grad: gb, count: n)
                if let box, box.mode == .clamp { box.clamp(vb, rows: T * batch, du: du, ld: du) }
            } }
            ProgressSink.report(ProgressEvent(task: config.progressTask, done: k + 1, total: K,
                                              metrics: [("cost", stats.meanCost), ("sigma_level", Double(stats.level)), ("beta", stats.beta)]))
        }
        if K > 0 { ProgressSink.done(config.progressTask) }
        return (toActions(v), trace.bestIteration >= 0 ? toActions(best) : toActions(v), trace, interrupted)
    }
}
