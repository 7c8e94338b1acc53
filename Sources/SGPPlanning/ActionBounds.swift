/// Box bounds on actions and how planners enforce them.
public struct ActionBounds: Sendable, Equatable {
    /// How the box is enforced.
    public enum Mode: String, Sendable {
        /// Decision variables are actions, clamped into the box after every update.
        case clamp
        /// Decision variables v are unbounded; actions are u = c + h·tanh(v) (c centre, h half-width).
        case tanh
    }
    /// Lower and upper bound per action dimension.
    public var low: [Double]
    public var high: [Double]
    public var mode: Mode

    /// Bounds per dimension; `low[i] < high[i]` is required.
    public init(low: [Double], high: [Double], mode: Mode = .clamp) throws {
        guard low.count == high.count else { throw PlanningError.shape(argument: "bounds", expected: [low.count], got: [high.count]) }
        if let i = low.indices.first(where: { !(low[$0] < high[$0]) }) {
            throw PlanningError.invalid(argument: "bounds", detail: "low[\(i)] = \(low[i]) is not below high[\(i)] = \(high[i])")
        }
        self.low = low; self.high = high; self.mode = mode
    }

    /// The same symmetric bound ±limit on each of `dim` dimensions.
    public init(symmetric limit: Double, dim: Int, mode: Mode = .clamp) throws {
        try self.init(low: [Double](repeating: -limit, count: dim), high: [Double](repeating: limit, count: dim), mode: mode)
    }

    func check(actionDim: Int) throws {
        guard low.count == actionDim else { throw PlanningError.shape(argument: "bounds", expected: [actionDim], got: [low.count]) }
    }

    /// Clamps `n` actions of width du (row-major) in place.
    func clamp(_ u: UnsafeMutablePointer<Float>, rows: Int, du: Int, ld: Int) {
        let lo = low.map { Float($0) }, hi = high.map { Float($0) }
        for r in 0..<rows { let row = u + r * ld; for j in 0..<du { row[j] = min(max(row[j], lo[j]), hi[j]) } }
    }
}
