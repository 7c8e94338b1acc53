import Foundation

// Binary elementwise ops beyond + − × ÷, with broadcasting: pow, maximum/minimum, comparisons, where.

/// An elementwise comparison; results are 1 where it holds and 0 elsewhere.
public enum Comparison: String, Sendable, CaseIterable {
    case lt, le, gt, ge, eq, ne
}

extension Tensor {
    /// aᵇ elementwise with broadcasting. d/db uses log a, so the b-gradient is 0 where a ≤ 0.
    public func pow(_ other: Tensor) throws -> Tensor {
        let a = self, b = other
        let out = try Elementwise.binary(a, b, op: "pow", { Foundation.pow($0, $1) }, { Foundation.pow($0, $1) })
        return Autodiff.record(out, op: "pow", a, b) { g in
            let ad = a.detached(), bd = b.detached()
            let ga = a.requiresGrad
                ? try (g * Elementwise.binary(ad, bd, op: "pow", { $1 * Foundation.pow($0, $1 - 1) }, { $1 * Foundation.pow($0, $1 - 1) })).sumTo(a.shape)
                : nil
            let gb = b.requiresGrad
                ? try (g * Elementwise.binary(out, ad, op: "pow", { $1 > 0 ? $0 * Foundation.log($1) : 0 }, { $1 > 0 ? $0 * Foundation.log($1) : 0 })).sumTo(b.shape)
                : nil
            return (ga, gb)
        }
    }

    /// Elementwise maximum with broadcasting; ties send half the gradient to each side. NaN propagates.
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extremum(a, b, op: "maximum", isMax: true)
    }

    /// Elementwise minimum with broadcasting; ties send half the gradient to each side. NaN propagates.
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extremum(a, b, op: "minimum", isMax: false)
    }

    private static func extremum(_ a: Tensor, _ b: Tensor, op: String, isMax: Bool) throws -> Tensor {
        let out = isMax
            ? try Elementwise.binary(a, b, op: op, { $0 > $1 || $0.isNaN ? $0 : $1 }, { $0 > $1 || $0.isNaN ? $0 : $1 })
            : try Elementwise.binary(a, b, op: op, { $0 < $1 || $0.isNaN ? $0 : $1 }, { $0 < $1 || $0.isNaN ? $0 : $1 })
        return Autodiff.record(out, op: op, a, b) { g in
            // Share of the gradient that goes to `a`: 1 where a wins, ½ on ties, 0 where b wins.
            let wa = isMax
                ? try Elementwise.binary(a.detached(), b.detached(), op: op, { $0 > $1 ? 1 : ($0 == $1 ? 0.5 : 0) }, { $0 > $1 ? 1 : ($0 == $1 ? 0.5 : 0) })
                : try Elementwise.binary(a.detached(), b.detached(), op: op, { $0 < $1 ? 1 : ($0 == $1 ? 0.5 : 0) }, { $0 < $1 ? 1 : ($0 == $1 ? 0.5 : 0) })
            let ga = a.requiresGrad ? try (g * wa).sumTo(a.shape) : nil
            let gb = b.requiresGrad ? try (g - g * wa).sumTo(b.shape) : nil
            return (ga, gb)
        }
    }

    /// 1 where `a op b` holds, else 0, with broadcasting. Not differentiable (the result is a constant).
    public static func compare(_ a: Tensor, _ b: Tensor, _ op: Comparison) throws -> Tensor {
        let name = "compare"
        let x = a.detached(), y = b.detached()
        switch op {
        case .lt: return try Elementwise.binary(x, y, op: name, { $0 < $1 ? 1 : 0 }, { $0 < $1 ? 1 : 0 })
        case .le: return try Elementwise.binary(x, y, op: name, { $0 <= $1 ? 1 : 0 }, { $0 <= $1 ? 1 : 0 })
        case .gt: return try Elementwise.binary(x, y, op: name, { $0 > $1 ? 1 : 0 }, { $0 > $1 ? 1 : 0 })
        case .ge: return try Elementwise.binary(x, y, op: name, { $0 >= $1 ? 1 : 0 }, { $0 >= $1 ? 1 : 0 })
        case .eq: return try Elementwise.binary(x, y, op: name, { $0 == $1 ? 1 : 0 }, { $0 == $1 ? 1 : 0 })
        case .ne: return try Elementwise.binary(x, y, op: name, { $0 != $1 ? 1 : 0 }, { $0 != $1 ? 1 : 0 })
        }
    }

    /// `a` where `cond` is non-zero, else `b`; all three broadcast together. Differentiable in `a` and `b`.
    public static func `where`(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Shape.broadcast(Shape.broadcast(cond.shape, a.shape, op: "where"), b.shape, op: "where")
        let dt = DType.promote(a.dtype, b.dtype)
        let c = try cond.detached().to(.float64).broadcast(to: shape)
        let ab = try a.detached().to(dt).broadcast(to: shape), bb = try b.detached().to(dt).broadcast(to: shape)
        let out = Tensor.uninitialized(shape, dtype: dt)
        let pc = c.storage.f64
        switch dt {
        case .float32:
            let pa = ab.storage.f32, pb = bb.storage.f32, q = out.storage.f32
            for i in 0..<out.count { let x = pa[i], y = pb[i]; q[i] = pc[i] != 0 ? x : y }
        case .float64:
            let pa = ab.storage.f64, pb = bb.storage.f64, q = out.storage.f64
            for i in 0..<out.count { let x = pa[i], y = pb[i]; q[i] = pc[i] != 0 ? x : y }
        }
        return Autodiff.record(out, op: "where", a, b) { g in
            let zero = Tensor.zeros([], dtype: g.dtype)
            let ga = a.requiresGrad ? try Tensor.where(c, g, zero).sumTo(a.shape).to(a.dtype) : nil
            let gb = b.requiresGrad ? try Tensor.where(c, zero, g).sumTo(b.shape).to(b.dtype) : nil
            return (ga, gb)
        }
    }
}
