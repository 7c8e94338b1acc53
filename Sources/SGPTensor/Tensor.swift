/// An N-dimensional, row-major, contiguous array of Float32 or Float64 that can take part in reverse-mode
/// differentiation.
///
/// Tensors are values: every op returns a new tensor. When gradient recording is on (`GradMode`) and an input is
/// tracked (`requiresGrad`), the result carries a `GradNode` that knows how to send gradients back to its inputs.
public struct Tensor: @unchecked Sendable {
    /// Extent of each axis; `[]` is a scalar (rank 0).
    public let shape: [Int]
    /// The elements, row-major.
    public let storage: TensorStorage
    /// The autodiff node that produced this tensor, or the leaf node of a tracked input; nil for constants.
    public internal(set) var node: GradNode?

    /// Wraps existing storage. `storage.count` must equal the product of `shape`.
    public init(shape: [Int], storage: TensorStorage) {
        precondition(shape.reduce(1, *) == storage.count, "storage size does not match shape")
        self.shape = shape
        self.storage = storage
        self.node = nil
    }

    /// Element type.
    public var dtype: DType { storage.dtype }
    /// Number of axes.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { storage.count }
    /// True when gradients flow to or through this tensor.
    public var requiresGrad: Bool { node != nil }

    /// Row-major strides in elements.
    public var strides: [Int] { Shape.strides(shape) }
}

// MARK: - Creation

extension Tensor {
    /// A tensor from Float32 values.
    public init(shape: [Int], floats: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError.invalid(op: "tensor", detail: "negative extent in shape \(shape)") }
        let n = shape.reduce(1, *)
        guard n == floats.count else {
            throw TensorError.shape(op: "tensor", detail: "\(floats.count) values cannot fill shape \(shape) (\(n) elements)")
        }
        let s = TensorStorage(uninitializedCount: n, dtype: .float32)
        floats.withUnsafeBufferPointer { if n > 0, let b = $0.baseAddress { s.f32.update(from: b, count: n) } }
        self.init(shape: shape, storage: s)
    }

    /// A tensor from Double values stored as `dtype`.
    public init(shape: [Int], doubles: [Double], dtype: DType = .float32) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError.invalid(op: "tensor", detail: "negative extent in shape \(shape)") }
        let n = shape.reduce(1, *)
        guard n == doubles.count else {
            throw TensorError.shape(op: "tensor", detail: "\(doubles.count) values cannot fill shape \(shape) (\(n) elements)")
        }
        let s = TensorStorage(uninitializedCount: n, dtype: dtype)
        switch dtype {
        case .float32: for i in 0..<n { s.f32[i] = Float(doubles[i]) }
        case .float64: for i in 0..<n { s.f64[i] = doubles[i] }
        }
        self.init(shape: shape, storage: s)
    }

    /// A rank-0 tensor.
    public init(scalar: Double, dtype: DType = .float32) {
        let s = TensorStorage(uninitializedCount: 1, dtype: dtype)
        switch dtype {
        case .float32: s.f32[0] = Float(scalar)
        case .float64: s.f64[0] = scalar
        }
        self.init(shape: [], storage: s)
    }

    /// A 1-D tensor.
    public init(_ values: [Double], dtype: DType = .float32) {
        let s = TensorStorage(uninitializedCount: values.count, dtype: dtype)
        switch dtype {
        case .float32: for i in values.indices { s.f32[i] = Float(values[i]) }
        case .float64: for i in values.indices { s.f64[i] = values[i] }
        }
        self.init(shape: [values.count], storage: s)
    }

    /// Uninitialised tensor for kernels that write every element.
    public static func uninitialized(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(uninitializedCount: shape.reduce(1, *), dtype: dtype))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(zerosCount: shape.reduce(1, *), dtype: dtype))
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor { full(shape, 1, dtype: dtype) }

    /// A tensor with every element set to `value`.
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) -> Tensor {
        let t = uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: t.storage.f32.update(repeating: Float(value), count: t.count)
        case .float64: t.storage.f64.update(repeating: value, count: t.count)
        }
        return t
    }

    /// `start, start+step, …` up to but excluding `end`.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1, dtype: DType = .float32) throws -> Tensor {
        guard step != 0, step.isFinite else { throw TensorError.invalid(op: "arange", detail: "step must be a finite non-zero number") }
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        guard n <= Limits.maxElements else { throw TensorError.invalid(op: "arange", detail: "\(n) elements exceed the limit of \(Limits.maxElements)") }
        return Tensor((0..<n).map { start + Double($0) * step }, dtype: dtype)
    }

    /// `count` evenly spaced values from `start` to `end` inclusive.
    public static func linspace(_ start: Double, _ end: Double, count: Int, dtype: DType = .float32) throws -> Tensor {
        guard count >= 0, count <= Limits.maxElements else { throw TensorError.invalid(op: "linspace", detail: "count must be in 0...\(Limits.maxElements), got \(count)") }
        if count == 1 { return Tensor([start], dtype: dtype) }
        let h = (end - start) / Double(Swift.max(1, count - 1))
        return Tensor((0..<count).map { $0 == count - 1 ? end : start + Double($0) * h }, dtype: dtype)
    }

    /// The n×n identity.
    public static func eye(_ n: Int, dtype: DType = .float32) throws -> Tensor {
        guard n >= 0, n * n <= Limits.maxElements else { throw TensorError.invalid(op: "eye", detail: "size \(n) is out of range") }
        let t = zeros([n, n], dtype: dtype)
        for i in 0..<n { t.setScalar(i * n + i, 1) }
        return t
    }
}

// MARK: - Element access

extension Tensor {
    /// Element `i` of the flat storage as Double.
    @inline(__always) public func scalar(at i: Int) -> Double {
        dtype == .float32 ? Double(storage.f32[i]) : storage.f64[i]
    }

    /// Writes element `i` of storage the tensor owns (used while building fresh tensors only).
    @inline(__always) func setScalar(_ i: Int, _ v: Double) {
        if dtype == .float32 { storage.f32[i] = Float(v) } else { storage.f64[i] = v }
    }

    /// All elements as Doubles, row-major.
    public var scalars: [Double] { (0..<count).map { scalar(at: $0) } }

    /// All elements as Floats, row-major.
    public var floats: [Float] {
        if dtype == .float32 { return Array(UnsafeBufferPointer(start: storage.f32, count: count)) }
        return (0..<count).map { Float(storage.f64[$0]) }
    }

    /// The single element of a one-element tensor.
    public func item() throws -> Double {
        guard count == 1 else { throw TensorError.shape(op: "item", detail: "expected one element, got shape \(shape)") }
        return scalar(at: 0)
    }

    /// The same values in another dtype (differentiable).
    public func to(_ dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let out = Tensor.uninitialized(shape, dtype: dtype)
        switch (self.dtype, dtype) {
        case (.float32, .float64): for i in 0..<count { out.storage.f64[i] = Double(storage.f32[i]) }
        default: for i in 0..<count { out.storage.f32[i] = Float(storage.f64[i]) }
        }
        let from = self.dtype
        return Autodiff.record(out, op: "cast", inputs: [self]) { g in [g.to(from)] }
    }

    /// A deep copy of the values, detached from autodiff.
    public func copy() -> Tensor { Tensor(shape: shape, storage: storage.copy()) }

    /// Runs `body` with a Float pointer to this tensor's elements (float32 only).
    public func withFloats<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        precondition(dtype == .float32)
        return try body(storage.f32)
    }

    /// Number of NaN and ±Inf elements.
    public var nonFiniteCount: (nan: Int, inf: Int) {
        var nan = 0, inf = 0
        for i in 0..<count {
            let v = scalar(at: i)
            if v.isNaN { nan += 1 } else if v.isInfinite { inf += 1 }
        }
        return (nan, inf)
    }
}

/// Named limits on tensor sizes, so a typo in a script cannot ask for terabytes.
public enum Limits {
    /// At most 2³¹ elements (8 GiB of Float32) per tensor: more than this machine kind's memory allows.
    public static let maxElements = 1 << 31
}
