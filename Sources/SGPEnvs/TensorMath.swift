import SGPTensor

// Differentiable helpers the built-in dynamics are written with: columns of a batch, joining them back, and
// scalar constants. All built from SGPTensor's recorded ops (slice, concat, sin, cos, +, −, ×, ÷).

enum TensorMath {
    /// Column `j` of x [N, d] as [N, 1].
    static func column(_ x: Tensor, _ j: Int) throws -> Tensor {
        try x.slice([.all, .range(start: j, stop: j + 1, step: nil)])
    }

    /// All columns of x [N, d], each [N, 1].
    static func columns(_ x: Tensor) throws -> [Tensor] {
        try (0..<x.shape[1]).map { try column(x, $0) }
    }

    /// [N, 1] columns side by side as [N, k].
    static func stack(_ cols: [Tensor]) throws -> Tensor { try Tensor.concat(cols, axis: 1) }

    /// A constant scalar of x's dtype (broadcasts in arithmetic).
    static func const(_ v: Double, like x: Tensor) -> Tensor { Tensor(scalar: v, dtype: x.dtype) }

    /// Elementwise sine.
    static func sin(_ x: Tensor) -> Tensor { x.sin() }

    /// Elementwise cosine.
    static func cos(_ x: Tensor) -> Tensor { x.cos() }
}

extension Tensor {
    /// self * c for a Double constant.
    func scaled(_ c: Double) throws -> Tensor { try self * TensorMath.const(c, like: self) }
    /// self + c for a Double constant.
    func shifted(_ c: Double) throws -> Tensor { try self + TensorMath.const(c, like: self) }
}
