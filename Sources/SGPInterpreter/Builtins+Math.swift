import Foundation
import SGPTensor

extension BuiltinRegistry {
    /// Registers an elementwise function that works on numbers (Double in, Double out) and tensors (taped).
    func elementwise(_ name: String, _ help: String, example: String, extra: [BuiltinParam] = [],
                     _ scalar: @escaping (Double, Arguments) throws -> Double,
                     _ tensor: @escaping (Tensor, Arguments) throws -> Tensor) {
        add(name, "math", [.req("x", "number or tensor")] + extra, help, example: example) { a, _ in
            switch a["x"] {
            case .number(let d): return .number(try scalar(d, a))
            case .bool(let b): return .number(try scalar(b ? 1 : 0, a))
            default: return .tensor(try tensor(try a.tensor("x"), a))
            }
        }
    }

    func registerMath() {
        elementwise("abs", "Absolute value.", example: "abs(-2)   # 2", { d, _ in Swift.abs(d) }, { t, _ in t.abs() })
        elementwise("sqrt", "Square root (NaN for negative inputs).", example: "sqrt(16)   # 4", { d, _ in d.squareRoot() }, { t, _ in t.sqrt() })
        elementwise("exp", "e to the power x.", example: "exp(0)   # 1", { d, _ in Foundation.exp(d) }, { t, _ in t.exp() })
        elementwise("log", "Natural logarithm (-inf at 0, NaN below).", example: "log(1)   # 0", { d, _ in Foundation.log(d) }, { t, _ in t.log() })
        elementwise("tanh", "Hyperbolic tangent.", example: "tanh(0)   # 0", { d, _ in Foundation.tanh(d) }, { t, _ in t.tanh() })
        elementwise("sin", "Sine (radians).", example: "sin(pi / 2)   # 1", { d, _ in Foundation.sin(d) }, { t, _ in t.sin() })
        elementwise("cos", "Cosine (radians).", example: "cos(0)   # 1", { d, _ in Foundation.cos(d) }, { t, _ in t.cos() })
        elementwise("sigmoid", "Logistic function 1 / (1 + exp(-x)).", example: "sigmoid(0)   # 0.5",
                    { d, _ in 1 / (1 + Foundation.exp(-d)) }, { t, _ in t.sigmoid() })
        elementwise("relu", "max(x, 0).", example: "relu([-1, 2])   # tensor([0, 2])", { d, _ in Swift.max(d, 0) }, { t, _ in t.relu() })
        elementwise("softplus", "log(1 + exp(x)), a smooth relu.", example: "softplus(0)   # 0.6931...",
                    { d, _ in d > 20 ? d : Foundation.log1p(Foundation.exp(d)) }, { t, _ in t.softplus() })
        elementwise("silu", "x * sigmoid(x) (swish).", example: "silu(1)", { d, _ in d / (1 + Foundation.exp(-d)) }, { t, _ in t.silu() })
        elementwise("elu", "x for x > 0, alpha·(exp(x) − 1) otherwise.", example: "elu(-1, alpha=1)",
                    extra: [.opt("alpha", "number", .number(1))],
                    { d, a in let al = try a.number("alpha"); return d > 0 ? d : al * (Foundation.exp(d) - 1) },
                    { t, a in t.elu(alpha: try a.number("alpha")) })
        elementwise("leaky_relu", "x for x > 0, slope·x otherwise.", example: "leaky_relu(-2, slope=0.1)   # -0.2",
                    extra: [.opt("slope", "number", .number(0.01))],
                    { d, a in d > 0 ? d : try a.number("slope") * d }, { t, a in t.leakyRelu(slope: try a.number("slope")) })
        elementwise("floor", "Largest integer ≤ x (numbers only).", example: "floor(2.7)   # 2",
                    { d, _ in d.rounded(.down) }, { _, _ in throw RuntimeError("floor takes a number") })
        add("round", "math", [.req("x", "number"), .opt("digits", "integer", .number(0))],
            "`x` rounded to `digits` decimals, halves away from zero (numbers only).", example: "round(2.5)   # 3\nround(3.14159, 2)   # 3.14") { a, _ in
            let x = try a.number("x"), digits = try a.int("digits")
            guard (-15...15).contains(digits) else { throw RuntimeError("round: digits must be between -15 and 15, got \(digits)") }
            let scale = Foundation.pow(10.0, Double(digits))
            return .number((x * scale).rounded() / scale)
        }
        add("int", "math", [.req("x", "number, bool or string")], "The integer part of a number (toward zero), or a string parsed as a number.",
            example: "int(3.9)   # 3\nint(\"42\")   # 42") { a, _ in
            if case .string(let s) = a["x"] {
                guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else { throw RuntimeError("int: '\(s)' is not a number") }
                return .number(d.rounded(.towardZero))
            }
            return .number(try a.number("x").rounded(.towardZero))
        }
        add("float", "math", [.req("x", "number, bool, string or one-element tensor")], "The value as a plain number.",
            example: "float(\"1e-3\")   # 0.001\nfloat(sum([1, 2]))   # 3") { a, _ in
            if case .string(let s) = a["x"] {
                guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else { throw RuntimeError("float: '\(s)' is not a number") }
                return .number(d)
            }
            if case .tensor(let t) = a["x"] { return .number(try t.item()) }
            return .number(try a.number("x"))
        }
        add("pow", "math", [.req("x", "number or tensor"), .req("p", "number or tensor")], "x to the power p (same as `x ^ p`).",
            example: "pow(2, 10)   # 1024") { a, _ in try Operators.binary(.pow, a["x"], a["p"]) }
        add("clip", "math", [.req("x", "number or tensor"), .opt("lo", "number", .nil), .opt("hi", "number", .nil)],
            "Limits values to [lo, hi] (either bound may be nil).", example: "clip([-2, 0.5, 3], -1, 1)   # tensor([-1, 0.5, 1])") { a, _ in
            let lo = try a.optionalNumber("lo"), hi = try a.optionalNumber("hi")
            if case .number(let d) = a["x"] { return .number(Swift.min(Swift.max(d, lo ?? -.infinity), hi ?? .infinity)) }
            return .tensor(try a.tensor("x").clip(min: lo, max: hi))
        }
        add("maximum", "math", [.req("a", "number or tensor"), .req("b", "number or tensor")], "Elementwise larger of a and b.",
            example: "maximum([1, 5], 3)   # tensor([3, 5])") { a, _ in
            if case .number(let x) = a["a"], case .number(let y) = a["b"] { return .number(Swift.max(x, y)) }
            let (x, y) = try Operators.promotePair(a["a"], a["b"], name: "'\(a.owner)'")
            return .tensor(try Tensor.maximum(x, y))
        }
        add("minimum", "math", [.req("a", "number or tensor"), .req("b", "number or tensor")], "Elementwise smaller of a and b.",
            example: "minimum([1, 5], 3)   # tensor([1, 3])") { a, _ in
            if case .number(let x) = a["a"], case .number(let y) = a["b"] { return .number(Swift.min(x, y)) }
            let (x, y) = try Operators.promotePair(a["a"], a["b"], name: "'\(a.owner)'")
            return .tensor(try Tensor.minimum(x, y))
        }
        add("where", "math", [.req("cond", "tensor"), .req("a", "number or tensor"), .req("b", "number or tensor")],
            "Elementwise `a` where `cond` is non-zero, else `b` (broadcasting).", example: "where(x > 0, x, 0)") { a, _ in
            let c = try a.tensor("cond")
            var x = try a.tensor("a"), y = try a.tensor("b")
            if case .number = a["a"], case .tensor(let t) = a["b"] { x = x.to(t.dtype) }
            if case .number = a["b"], case .tensor(let t) = a["a"] { y = y.to(t.dtype) }
            return .tensor(try Tensor.where(c, x, y))
        }
    }
}
