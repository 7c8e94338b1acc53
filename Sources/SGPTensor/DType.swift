/// Element type of a tensor. Float32 is the default; Float64 exists for gradient checks and exact oracles.
public enum DType: String, Sendable, CustomStringConvertible {
    case float32, float64

    /// Bytes per element.
    public var size: Int { self == .float32 ? 4 : 8 }
    /// `float32` or `float64`.
    public var description: String { rawValue }

    /// The wider of two dtypes: mixing float32 and float64 computes in float64.
    public static func promote(_ a: DType, _ b: DType) -> DType { a == .float64 || b == .float64 ? .float64 : .float32 }
}
