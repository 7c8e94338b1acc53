/// Errors thrown by tensor operations. Data only; `description` renders them in one voice.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two shapes cannot be broadcast together.
    case broadcast(op: String, [Int], [Int])
    /// An op's shape requirement is not met; `detail` says which.
    case shape(op: String, detail: String)
    /// An axis is outside `-rank ..< rank`.
    case axis(op: String, axis: Int, rank: Int)
    /// An index is out of range.
    case index(op: String, index: Int, size: Int)
    /// Any other invalid argument.
    case invalid(op: String, detail: String)

    /// The message: op name first, lowercase, no trailing period.
    public var description: String {
        switch self {
        case let .broadcast(op, a, b):
            return "\(op): cannot broadcast shapes \(a) and \(b)"
        case let .shape(op, detail):
            return "\(op): \(detail)"
        case let .axis(op, axis, rank):
            return "\(op): axis \(axis) is out of range for a tensor of rank \(rank)"
        case let .index(op, index, size):
            return "\(op): index \(index) is out of range for an axis of size \(size)"
        case let .invalid(op, detail):
            return "\(op): \(detail)"
        }
    }
}
