/// Errors thrown by planners, score oracles and MPC. Data only; `description` renders them in one voice.
public enum PlanningError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An argument has the wrong shape: names the argument, the expected and the actual shape.
    case shape(argument: String, expected: [Int], got: [Int])
    /// An argument is outside its allowed range or otherwise invalid.
    case invalid(argument: String, detail: String)
    /// NaN or ±Inf appeared in `quantity` at optimiser iteration `iteration`.
    case nonFinite(quantity: String, iteration: Int)
    /// The plant (environment) failed at MPC step `step`.
    case plant(step: Int, detail: String)

    public var description: String {
        switch self {
        case let .shape(argument, expected, got):
            return "'\(argument)' has shape \(got), expected \(expected)"
        case let .invalid(argument, detail):
            return "'\(argument)': \(detail)"
        case let .nonFinite(quantity, iteration):
            return "\(quantity) is not finite (NaN or Inf) at iteration \(iteration)"
        case let .plant(step, detail):
            return "plant failed at step \(step): \(detail)"
        }
    }
}
