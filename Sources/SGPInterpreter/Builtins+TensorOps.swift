import Foundation
import SGPTensor

extension BuiltinRegistry {
    /// Registers a reduction `name(x, axis=nil, keepdims=false)`; lists of numbers reduce to a number.
    func reduction(_ name: String, _ help: String, example: String, extra: [BuiltinParam] = [],
                   _ f: @escaping (Tensor, [Int]?, Bool, Arguments) throws -> Tensor) {
        let params: [BuiltinParam] = [.req("x", "tensor or list of numbers"), .opt("axis", "integer or list of integers", .nil),
                                      .opt("keepdims", "bool", .bool(false))] + extra
        add(name, "reductions", params, help, example: example) { a, _ in
            let r = try f(try a.tensor("x"), try a.axes("axis"), try a.bool("keepdims"), a)
            if case .tensor = a["x"] { return .tensor(r) }
            return r.rank == 0 ? .number(r.scalar(at: 0)) : .tensor(r)
        }
    }

    /// `max`/`min`: of two values elementwise, of a list, or a reduction over axes.
    func extremum(_ name: String, isMax: Bool) {
        add(name, "reductions", [.req("x", "tensor, list or number"), .opt("y", "number or tensor", .nil),
                                 .opt("axis", "integer or list of integers", .nil), .opt("keepdims", "bool", .bool(false))],
            "With two arguments the elementwise \(isMax ? "larger" : "smaller"); with one, the \(isMax ? "largest" : "smallest") "
            + "element (over `axis` when given).",
            example: "\(name)(3, 7)   # \(isMax ? 7 : 3)\n\(name)([[1, 9], [4, 2]], axis=1)   # tensor([\(isMax ? "9, 4" : "1, 2")])") { a, _ in
            if !a["y"].isNil {
                if case .number(let x) = a["x"], case .number(let y) = a["y"] { return .number(isMax ? Swift.max(x, y) : Swift.min(x, y)) }
                let (x, y) = try Operators.promotePair(a["x"], a["y"], name: "'\(a.owner)'")
                return .tensor(isMax ? try Tensor.maximum(x, y) : try Tensor.minimum(x, y))
            }
            if case .number = a["x"] { return a["x"] }
            let t = try a.tensor("x"), axes = try a.axes("axis"), keep = try a.bool("keepdims")
            guard t.count > 0 else { throw RuntimeError("\(name) of an empty tensor") }
            let r = isMax ? try t.max(axes: axes, keepDims: keep) : try t.min(axes: axes, keepDims: keep)
            if case .tensor = a["x"] { return .tensor(r) }
            return r.rank == 0 ? .number(r.scalar(at: 0)) : .tensor(r)
        }
    }

    func registerTensorOps() {
        reduction("sum", "Sum of elements (over `axis` when given).", example: "sum([[1, 2], [3, 4]], axis=0)   # tensor([4, 6])") {
            t, ax, k, _ in try t.sum(axes: ax, keepDims: k)
        }
        reduction("mean", "Mean of elements (over `axis` when given).", example: "mean([1, 2, 3, 4])   # 2.5") {
            t, ax, k, _ in try t.mean(axes: ax, keepDims: k)
        }
        reduction("logsumexp", "log(sum(exp(x))) computed stably.", example: "logsumexp([0, 0])   # 0.6931...") {
            t, ax, k, _ in try t.logsumexp(axes: ax, keepDims: k)
        }
        reduction("var", "Variance (population, or with `correction=1` the sample variance).", example: "var([1, 2, 3, 4])   # 1.25",
                  extra: [.opt("correction", "integer", .number(0))]) { t, ax, k, a in
            try t.var(axes: ax, keepDims: k, correction: try a.int("correction"))
        }
        reduction("norm", "Euclidean norm sqrt(sum(x^2)) (over `axis` when given).", example: "norm([3, 4])   # 5") {
            t, ax, k, _ in try (t * t).sum(axes: ax, keepDims: k).sqrt()
        }
        reduction("std", "Standard deviation (population, or with `correction=1` the sample one).", example: "std([1, 3])   # 1",
                  extra: [.opt("correction", "integer", .number(0))]) { t, ax, k, a in
            try t.var(axes: ax, keepDims: k, correction: try a.int("correction")).sqrt()
        }
        add("any", "reductions", [.req("x", "tensor, list or bool")], "True when any element is non-zero (truthy).",
            example: "any([0, 0, 1] > 0)   # true") { a, _ in
            if case .list(let l) = a["x"] { return .bool(try l.items.contains { try $0.truthy() }) }
            let t = try a.tensor("x")
            return .bool((0..<t.count).contains { t.scalar(at: $0) != 0 })
        }
        add("all", "reductions", [.req("x", "tensor, list or bool")], "True when every element is non-zero (truthy).",
            example: "all([1, 2] > 0)   # true") { a, _ in
            if case .list(let l) = a["x"] { return .bool(try l.items.allSatisfy { try $0.truthy() }) }
            let t = try a.tensor("x")
            return .bool((0..<t.count).allSatisfy { t.scalar(at: $0) != 0 })
        }
        extremum("max", isMax: true)
        extremum("min", isMax: false)
        add("argmax", "reductions", [.req("x", "tensor"), .opt("axis", "integer", .nil)],
            "Index of the largest element (flat, or along `axis`).", example: "argmax([1, 5, 2])   # 1") { a, _ in
            let r = try a.tensor("x").argmax(axis: try a.optionalInt("axis"))
            return r.rank == 0 ? .number(r.scalar(at: 0)) : .tensor(r)
        }
        add("argmin", "reductions", [.req("x", "tensor"), .opt("axis", "integer", .nil)],
            "Index of the smallest element (flat, or along `axis`).", example: "argmin([1, 5, 2])   # 0") { a, _ in
            let r = try a.tensor("x").argmin(axis: try a.optionalInt("axis"))
            return r.rank == 0 ? .number(r.scalar(at: 0)) : .tensor(r)
        }
        registerShapeOps()
        registerNNOps()
    }

    func registerShapeOps() {
        add("shape", "shape", [.req("x", "tensor")], "The extents of a tensor's axes as a list.", example: "shape(zeros([2, 3]))   # [2, 3]") { a, _ in
            .makeList(try a.tensor("x").shape.map { .int($0) })
        }
        add("reshape", "shape", [.req("x", "tensor"), .req("shape", "list of integers (one may be -1)")],
            "The same elements in a new shape; one extent may be -1 (inferred).", example: "reshape(arange(6), [2, -1])") { a, _ in
            guard let dims = try a.axes("shape") else { throw RuntimeError("reshape needs a shape") }
            return .tensor(try a.tensor("x").reshaped(dims))
        }
        add("transpose", "shape", [.req("x", "tensor")], "Swaps the last two axes (a matrix transpose).", example: "transpose(eye(2))") { a, _ in
            let t = try a.tensor("x")
            guard t.rank >= 2 else { return .tensor(t) }
            var p = Array(0..<t.rank)
            p.swapAt(t.rank - 1, t.rank - 2)
            return .tensor(try t.permuted(p))
        }
        add("permute", "shape", [.req("x", "tensor"), .req("axes", "list of integers")], "Reorders axes.",
            example: "permute(zeros([2, 3, 4]), [2, 0, 1])   # shape [4, 2, 3]") { a, _ in
            .tensor(try a.tensor("x").permuted(try a.axes("axes") ?? []))
        }
        add("squeeze", "shape", [.req("x", "tensor"), .opt("axis", "integer", .nil)], "Removes axes of extent 1.",
            example: "squeeze(zeros([1, 3]))   # shape [3]") { a, _ in
            .tensor(try a.tensor("x").squeezed(axis: try a.optionalInt("axis")))
        }
        add("unsqueeze", "shape", [.req("x", "tensor"), .req("axis", "integer")], "Inserts an axis of extent 1.",
            example: "unsqueeze([1, 2], 0)   # shape [1, 2]") { a, _ in
            .tensor(try a.tensor("x").unsqueezed(axis: try a.int("axis")))
        }
        add("concat", "shape", [.req("xs", "list of tensors"), .opt("axis", "integer", .number(0))], "Joins tensors along an existing axis.",
            example: "concat(list([1, 2], [3]))   # tensor([1, 2, 3])") { a, _ in
            .tensor(try Tensor.concat(try tensorList(a, "xs"), axis: try a.int("axis")))
        }
        add("stack", "shape", [.req("xs", "list of tensors"), .opt("axis", "integer", .number(0))], "Joins equal-shape tensors along a new axis.",
            example: "stack(list([1, 2], [3, 4]), axis=1)   # shape [2, 2]") { a, _ in
            .tensor(try Tensor.stack(try tensorList(a, "xs"), axis: try a.int("axis")))
        }
        add("split", "shape", [.req("x", "tensor"), .req("sizes", "integer (equal parts) or list of sizes"), .opt("axis", "integer", .number(0))],
            "Splits along `axis` into pieces of the given sizes (an integer n means n equal parts).",
            example: "parts = split(arange(6), [2, 4])") { a, _ in
            let t = try a.tensor("x")
            let ax = try a.int("axis")
            var sizes: [Int]
            if case .number = a["sizes"] {
                let n = try a.int("sizes")
                let axis = ax < 0 ? ax + t.rank : ax
                guard n > 0, axis >= 0, axis < t.rank, t.shape[axis] % n == 0 else {
                    throw RuntimeError("split: cannot split shape \(t.shape) into \(n) equal parts along axis \(ax)")
                }
                sizes = Array(repeating: t.shape[axis] / n, count: n)
            } else { sizes = try a.axes("sizes") ?? [] }
            return .makeList(try t.split(sizes: sizes, axis: ax).map { .tensor($0) })
        }
        add("item", "shape", [.req("x", "tensor")], "The single element of a one-element tensor as a number.",
            example: "item(sum([1, 2]))   # 3") { a, _ in .number(try a.tensor("x").item()) }
        add("tolist", "shape", [.req("x", "tensor")], "A tensor's elements as (nested) lists of numbers.",
            example: "tolist([[1, 2], [3, 4]])") { a, _ in
            let t = try a.tensor("x")
            func go(_ axis: Int, _ offset: Int, _ strides: [Int]) -> Value {
                if axis == t.rank { return .number(t.scalar(at: offset)) }
                return .makeList((0..<t.shape[axis]).map { go(axis + 1, offset + $0 * strides[axis], strides) })
            }
            return go(0, 0, t.strides)
        }
        add("float64", "shape", [.req("x", "number or tensor")], "Converts to a float64 tensor (differentiable).",
            example: "x = float64([1, 2])") { a, _ in
            // Numbers convert directly, without a detour through float32.
            if case .number(let d) = a["x"] { return .tensor(Tensor(scalar: d, dtype: .float64)) }
            return .tensor(try a.tensor("x").to(.float64))
        }
        add("float32", "shape", [.req("x", "number or tensor")], "Converts to a float32 tensor (differentiable).",
            example: "x = float32(y)") { a, _ in .tensor(try a.tensor("x").to(.float32)) }
        add("gather", "shape", [.req("x", "tensor"), .req("indices", "tensor of integers"), .opt("axis", "integer", .number(0))],
            "Picks positions `indices` along `axis` (like `np.take`); differentiable in `x`.",
            example: "gather([10, 20, 30], [2, 0])   # tensor([30, 10])") { a, _ in
            .tensor(try a.tensor("x").gather(indices: try a.tensor("indices"), axis: try a.int("axis")))
        }
    }

    func registerNNOps() {
        add("matmul", "linear algebra", [.req("a", "tensor"), .req("b", "tensor")], "Matrix product (same as `a @ b`; batched over leading axes).",
            example: "matmul(eye(2), [[1], [2]])") { a, _ in .tensor(try a.tensor("a").matmul(try a.tensor("b"))) }
        add("dot", "linear algebra", [.req("a", "tensor"), .req("b", "tensor")], "Sum of the elementwise product.",
            example: "dot([1, 2], [3, 4])   # 11") { a, _ in .tensor(try (try a.tensor("a") * a.tensor("b")).sum()) }
        add("softmax", "neural", [.req("x", "tensor"), .opt("axis", "integer", .number(-1))], "exp(x) normalised to sum 1 along `axis`.",
            example: "softmax([0, 0])   # tensor([0.5, 0.5])") { a, _ in .tensor(try a.tensor("x").softmax(axis: try a.int("axis"))) }
        add("log_softmax", "neural", [.req("x", "tensor"), .opt("axis", "integer", .number(-1))], "log(softmax(x)) computed stably.",
            example: "log_softmax(logits)") { a, _ in .tensor(try a.tensor("x").logSoftmax(axis: try a.int("axis"))) }
        add("layer_norm", "neural", [.req("x", "tensor"), .opt("axis", "integer", .number(-1)), .opt("eps", "number", .number(1e-5))],
            "Normalises to zero mean and unit variance along `axis`.", example: "layer_norm(h)") { a, _ in
            .tensor(try a.tensor("x").layerNorm(axis: try a.int("axis"), eps: try a.number("eps")))
        }
        add("one_hot", "neural", [.req("indices", "tensor of integers"), .req("n", "integer")], "One-hot rows of length `n`.",
            example: "one_hot([0, 2], 3)   # tensor([[1, 0, 0], [0, 0, 1]])") { a, ctx in
            let n = try a.int("n")
            let ix = try a.tensor("indices")
            guard n > 0, n <= 1 << 20, ix.count * n <= ctx.interpreter.limits.maxTensorElements else {
                throw RuntimeError("one_hot: \(ix.count) indices × \(n) classes is out of range")
            }
            return .tensor(try Tensor.oneHot(ix, classes: n))
        }
        add("linear", "neural", [.req("x", "tensor [..., in]"), .req("w", "tensor [in, out]"), .opt("b", "tensor [out]", .nil),
                                 .opt("activation", "\"none\", \"relu\", \"tanh\", \"sigmoid\", \"softplus\", \"silu\", \"elu\"", .string("none"))],
            "x @ w + b followed by an activation, fused (differentiable).", example: "h = linear(x, w1, b1, activation=\"tanh\")") { a, _ in
            let act: Tensor.Activation
            switch try a.string("activation") {
            case "none", "identity": act = .identity
            case "relu": act = .relu
            case "tanh": act = .tanh
            case "sigmoid": act = .sigmoid
            case "softplus": act = .softplus
            case "silu": act = .silu
            case "elu": act = .elu(alpha: 1)
            case let s:
                throw RuntimeError("unknown activation '\(s)' for 'linear'",
                                   help: didYouMean(s, ["none", "relu", "tanh", "sigmoid", "softplus", "silu", "elu"]))
            }
            let b: Tensor? = a["b"].isNil ? nil : try a.tensor("b")
            return .tensor(try Tensor.linear(try a.tensor("x"), try a.tensor("w"), b, activation: act))
        }
    }
}

/// A list argument of tensors (numbers and numeric lists converted).
func tensorList(_ a: Arguments, _ name: String) throws -> [Tensor] {
    try a.list(name).items.map { v in
        guard let t = try v.asTensor() else { throw RuntimeError("'\(name)' must hold tensors, got \(v.typeName)") }
        return t
    }
}
