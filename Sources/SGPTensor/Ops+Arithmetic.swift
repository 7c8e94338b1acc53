// Arithmetic with broadcasting. Forward and backward side by side; `sumTo` undoes broadcasting in backward.

extension Tensor {
    /// Elementwise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try Elementwise.binary(a, b, op: "add", +, +)
        return Autodiff.record(out, op: "add", a, b) { g in
            (a.requiresGrad ? try g.sumTo(a.shape) : nil, b.requiresGrad ? try g.sumTo(b.shape) : nil)
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try Elementwise.binary(a, b, op: "sub", -, -)
        return Autodiff.record(out, op: "sub", a, b) { g in
            (a.requiresGrad ? try g.sumTo(a.shape) : nil, b.requiresGrad ? try g.negated().sumTo(b.shape) : nil)
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try Elementwise.binary(a, b, op: "mul", *, *)
        return Autodiff.record(out, op: "mul", a, b) { g in
            (a.requiresGrad ? try (g * b.detached()).sumTo(a.shape) : nil,
             b.requiresGrad ? try (g * a.detached()).sumTo(b.shape) : nil)
        }
    }

    /// Elementwise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try Elementwise.binary(a, b, op: "div", /, /)
        return Autodiff.record(out, op: "div", a, b) { g in
            let bd = b.detached()
            return (a.requiresGrad ? try (g / bd).sumTo(a.shape) : nil,
                    b.requiresGrad ? try (g * out / bd).negated().sumTo(b.shape) : nil)
        }
    }

    /// Elementwise negation.
    public func negated() -> Tensor {
        let out = Elementwise.unary(self, { -$0 }, { -$0 })
        return Autodiff.record(out, op: "neg", self) { g in g.negated() }
    }

    /// Elementwise negation.
    public static prefix func - (a: Tensor) -> Tensor { a.negated() }

    /// Sums a broadcast gradient back down to `shape` (the inverse of broadcasting `shape` up to `self.shape`).
    public func sumTo(_ shape: [Int]) throws -> Tensor {
        if self.shape == shape { return self }
        let off = self.rank - shape.count
        guard off >= 0 else { throw TensorError.shape(op: "sum_to", detail: "cannot reduce \(self.shape) to \(shape)") }
        var axes: [Int] = Array(0..<off)
        for (i, d) in shape.enumerated() where d == 1 && self.shape[i + off] != 1 { axes.append(i + off) }
        let s = try sum(axes: axes, keepDims: true)
        return try s.reshaped(shape)
    }
}
