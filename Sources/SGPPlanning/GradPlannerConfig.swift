/// First-order optimiser for gradient planners.
public enum PlanOptimizer: Sendable, Equatable {
    /// Adam with the usual moments (defaults β1 0.9, β2 0.999, ε 1e-8).
    case adam(beta1: Double, beta2: Double, epsilon: Double)
    /// Plain gradient descent.
    case gradientDescent

    /// Adam with default moments.
    public static let adamDefault = PlanOptimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
}

/// Settings of `GradPlanner` (SGP single shooting; SGP.md §4), shared by the other gradient planners.
///
/// σ² convention: with `sigma2Weighted == false` (the default, as in the reference single-shooting planner) the
/// penalty gradient is −β·s(z); with `true` it is −β·σ²·s(z) = β·(z − E_w[z_i]), a pull towards the soft-nearest data
/// point whose size does not depend on σ (the reference direct-transcription convention). Tune β accordingly.
public struct GradPlannerConfig: Sendable {
    /// Planning horizon T (actions u_0 … u_{T−1}).
    public var horizon: Int
    /// Optimiser iterations K.
    public var iterations: Int
    /// Step size.
    public var learningRate: Double = 1e-2
    public var optimizer: PlanOptimizer = .adamDefault
    /// Penalty weight β at the first iteration.
    public var beta: Double = 0
    /// Penalty weight at the last iteration (cosine schedule); nil keeps β constant.
    public var betaMin: Double? = nil
    /// Score level per iteration.
    public var anneal: SigmaSchedule = .anneal
    /// See the type's note on the σ² convention.
    public var sigma2Weighted: Bool = false
    /// Action box and how it is enforced; nil for unbounded actions.
    public var bounds: ActionBounds? = nil
    /// Also score the terminal state: the row (x_T, u_{T−1}) is scored and its penalty gradient applied to x_T only.
    public var scoreTerminal: Bool = false
    /// Name reported to `ProgressSink`.
    public var progressTask: String = "plan"

    public init(horizon: Int, iterations: Int) {
        self.horizon = horizon; self.iterations = iterations
    }

    func validate() throws {
        guard horizon > 0 else { throw PlanningError.invalid(argument: "horizon", detail: "must be positive, got \(horizon)") }
        guard iterations >= 0 else { throw PlanningError.invalid(argument: "iters", detail: "must be non-negative, got \(iterations)") }
        guard learningRate > 0, learningRate.isFinite else { throw PlanningError.invalid(argument: "lr", detail: "must be a finite positive number, got \(learningRate)") }
        guard beta >= 0, beta.isFinite else { throw PlanningError.invalid(argument: "beta", detail: "must be finite and non-negative, got \(beta)") }
        if let m = betaMin, !(m >= 0 && m.isFinite) { throw PlanningError.invalid(argument: "beta_min", detail: "must be finite and non-negative, got \(m)") }
        if case let .adam(b1, b2, eps) = optimizer, !(b1 >= 0 && b1 < 1 && b2 >= 0 && b2 < 1 && eps > 0) {
            throw PlanningError.invalid(argument: "optimizer", detail: "Adam needs 0 ≤ β1, β2 < 1 and ε > 0")
        }
    }
}

/// Adam or gradient descent on a flat Float vector, state kept between calls (one instance per plan).
final class FlatOptimizer {
    let kind: PlanOptimizer
    let lr: Float
    var m: [Float], v: [Float]
    var step = 0

    init(_ kind: PlanOptimizer, learningRate: Double, count: Int) {
        self.kind = kind; lr = Float(learningRate)
        m = [Float](repeating: 0, count: count); v = [Float](repeating: 0, count: count)
    }

    /// x ← x − update(grad).
    func update(_ x: UnsafeMutablePointer<Float>, grad: UnsafePointer<Float>, count n: Int) {
        step += 1
        switch kind {
        case .gradientDescent:
            for i in 0..<n { x[i] -= lr * grad[i] }
        case let .adam(b1d, b2d, epsd):
            let b1 = Float(b1d), b2 = Float(b2d), eps = Float(epsd)
            let c1 = 1 / (1 - Float(Foundation.pow(b1d, Double(step)))), c2 = 1 / (1 - Float(Foundation.pow(b2d, Double(step))))
            m.withUnsafeMutableBufferPointer { mp in v.withUnsafeMutableBufferPointer { vp in
                guard let mm = mp.baseAddress, let vv = vp.baseAddress else { return }
                for i in 0..<n {
                    let g = grad[i]
                    let mi = b1 * mm[i] + (1 - b1) * g, vi = b2 * vv[i] + (1 - b2) * g * g
                    mm[i] = mi; vv[i] = vi
                    x[i] -= lr * (mi * c1) / ((vi * c2).squareRoot() + eps)
                }
            } }
        }
    }
}

import Foundation
