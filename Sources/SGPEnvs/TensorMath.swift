import Foundation
import SGPTensor

// Differentiable helpers the built-in dynamics are written with: column extraction and stacking (as products
// with 0/1 selector matrices, so only matmul's gradient is needed), and sin/cos with their derivatives.
// SGPTensor gains `sin()`/`cos()` methods on main; these local versions keep the module self-contained until
// then.

enum TensorMath {
    /// Column `j` of x [N, d] as [N, 1].
    static func column(_ x: Tensor, _ j: Int) throws -> Tensor {
        let d = x.shape[1]
        let sel = Tensor.zeros([d, 1], dtype: x.dtype)
        try setOne(sel, j)
        return try x.matmul(sel)
    }

    /// All columns of x [N, d], each [N, 1].
    static func columns(_ x: Tensor) throws -> [Tensor] {
        try (0..<x.shape[1]).map { try column(x, $0) }
    }

    /// [N, 1] columns side by side as [N, k].
    static func stack(_ cols: [Tensor]) throws -> Tensor {
        let k = cols.count
        var out: Tensor? = nil
        for (j, c) in cols.enumerated() {
            let sel = Tensor.zeros([1, k], dtype: c.dtype)
            try setOne(sel, j)
            let placed = try c.matmul(sel)
            out = try out.map { try $0 + placed } ?? placed
        }
        guard let out else { throw TensorError.invalid(op: "stack", detail: "no columns") }
        return out
    }

    private static func setOne(_ t: Tensor, _ i: Int) throws {
        guard i >= 0, i < t.count else { throw TensorError.invalid(op: "select", detail: "column \(i) is out of range") }
        if t.dtype == .float32 { t.storage.f32[i] = 1 } else { t.storage.f64[i] = 1 }
    }

    /// A constant scalar of x's dtype (broadcasts in arithmetic).
    static func const(_ v: Double, like x: Tensor) -> Tensor { Tensor(scalar: v, dtype: x.dtype) }

    /// Elementwise sine; d/dx sin = cos.
    static func sin(_ x: Tensor) -> Tensor {
        let out = Elementwise.unary(x, { Foundation.sinf($0) }, { Foundation.sin($0) })
        return Autodiff.record(out, op: "sin", inputs: [x]) { g in [try g * TensorMath.cos(x.detached())] }
    }

    /// Elementwise cosine; d/dx cos = −sin.
    static func cos(_ x: Tensor) -> Tensor {
        let out = Elementwise.unary(x, { Foundation.cosf($0) }, { Foundation.cos($0) })
        return Autodiff.record(out, op: "cos", inputs: [x]) { g in [try (g * TensorMath.sin(x.detached())).negated()] }
    }
}

extension Tensor {
    /// self * c for a Double constant.
    func scaled(_ c: Double) throws -> Tensor { try self * TensorMath.const(c, like: self) }
    /// self + c for a Double constant.
    func shifted(_ c: Double) throws -> Tensor { try self + TensorMath.const(c, like: self) }
}
