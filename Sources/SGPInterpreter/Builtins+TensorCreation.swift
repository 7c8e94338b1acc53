import SGPTensor

extension Arguments {
    /// The `dtype` argument: "float32" or "float64".
    func dtype(_ name: String = "dtype") throws -> DType {
        let s = try string(name)
        guard let d = DType(rawValue: s) else {
            throw RuntimeError("unknown dtype '\(s)' for '\(owner)'", help: didYouMean(s, ["float32", "float64"]) ?? "use \"float32\" or \"float64\"")
        }
        return d
    }
}

extension BuiltinRegistry {
    func registerTensorCreation() {
        let dt = BuiltinParam.opt("dtype", "\"float32\" or \"float64\"", .string("float32"))
        let shape = BuiltinParam.req("shape", "integer or list of integers")
        let stream = BuiltinParam.opt("stream", "string", .string("script"))
        add("tensor", "tensor creation", [.req("x", "number, list or tensor"), dt],
            "Converts numbers and (nested) lists to a tensor of `dtype`.",
            example: "tensor([[1, 2], [3, 4]], dtype=\"float64\")") { a, _ in
            guard let t = try a["x"].asTensor() else { throw a.wrongType("x", "numbers or a rectangular list of numbers", a["x"]) }
            return .tensor(t.to(try a.dtype()))
        }
        add("zeros", "tensor creation", [shape, dt], "A tensor of zeros.", example: "zeros([2, 3])") { a, ctx in
            .tensor(Tensor.zeros(try a.shape("shape", limit: ctx.interpreter.limits.maxTensorElements), dtype: try a.dtype()))
        }
        add("ones", "tensor creation", [shape, dt], "A tensor of ones.", example: "ones(4)") { a, ctx in
            .tensor(Tensor.ones(try a.shape("shape", limit: ctx.interpreter.limits.maxTensorElements), dtype: try a.dtype()))
        }
        add("full", "tensor creation", [shape, .req("value", "number"), dt], "A tensor filled with `value`.",
            example: "full([2, 2], 0.5)") { a, ctx in
            .tensor(Tensor.full(try a.shape("shape", limit: ctx.interpreter.limits.maxTensorElements), try a.number("value"), dtype: try a.dtype()))
        }
        add("arange", "tensor creation", [.req("start", "number"), .opt("stop", "number", .nil), .opt("step", "number", .number(1)), dt],
            "Evenly spaced values in [start, stop) (`arange(n)` = 0 … n-1).", example: "arange(0, 1, 0.25)   # [0, 0.25, 0.5, 0.75]") { a, ctx in
            var lo = 0.0, hi = try a.number("start")
            if !a["stop"].isNil { lo = hi; hi = try a.number("stop") }
            let step = try a.number("step")
            guard step != 0, step.isFinite, lo.isFinite, hi.isFinite else { throw RuntimeError("arange needs finite bounds and a non-zero step") }
            let n = (hi - lo) / step
            guard n.isFinite, Swift.abs(n) <= Double(ctx.interpreter.limits.maxTensorElements) else { throw RuntimeError("arange of \(formatNumber(n.rounded(.up))) elements exceeds the tensor size limit") }
            return .tensor(try Tensor.arange(lo, hi, step: step, dtype: try a.dtype()))
        }
        add("linspace", "tensor creation", [.req("start", "number"), .req("stop", "number"), .req("n", "integer"), dt],
            "`n` evenly spaced values from `start` to `stop` inclusive.", example: "linspace(0, 1, 5)") { a, ctx in
            let n = try a.int("n")
            guard n >= 0, n <= ctx.interpreter.limits.maxTensorElements else { throw RuntimeError("linspace count must be between 0 and the tensor size limit, got \(n)") }
            return .tensor(try Tensor.linspace(try a.number("start"), try a.number("stop"), count: n, dtype: try a.dtype()))
        }
        add("eye", "tensor creation", [.req("n", "integer"), dt], "The n×n identity matrix.", example: "eye(3)") { a, ctx in
            let n = try a.int("n")
            guard n >= 0, n <= 1 << 20, n * n <= ctx.interpreter.limits.maxTensorElements else { throw RuntimeError("eye size \(n) is negative or over the tensor size limit") }
            return .tensor(try Tensor.eye(n, dtype: try a.dtype()))
        }
        add("randn", "tensor creation", [shape, .opt("mean", "number", .number(0)), .opt("std", "number", .number(1)), dt, stream],
            "Normal samples from the run's seeded random stream `stream`.", example: "seed(0)\nx = randn([3, 2], std=0.1)") { a, ctx in
            let s = try a.shape("shape", limit: ctx.interpreter.limits.maxTensorElements), m = try a.number("mean"), sd = try a.number("std"), d = try a.dtype()
            return .tensor(ctx.withRandom(try a.string("stream")) { Tensor.randn(s, mean: m, std: sd, dtype: d, rng: &$0) })
        }
        add("rand", "tensor creation", [shape, .opt("lo", "number", .number(0)), .opt("hi", "number", .number(1)), dt, stream],
            "Uniform samples in [lo, hi) from the run's seeded random stream `stream`.", example: "u = rand([5], lo=-1, hi=1)") { a, ctx in
            let s = try a.shape("shape", limit: ctx.interpreter.limits.maxTensorElements), lo = try a.number("lo"), hi = try a.number("hi"), d = try a.dtype()
            return .tensor(ctx.withRandom(try a.string("stream")) { Tensor.rand(s, lo: lo, hi: hi, dtype: d, rng: &$0) })
        }
        add("randint", "tensor creation", [.req("lo", "integer"), .req("hi", "integer"), shape, dt, stream],
            "Uniform integers in [lo, hi) (stored as floats) from the run's seeded random stream `stream`.",
            example: "idx = randint(0, 10, [4])") { a, ctx in
            let s = try a.shape("shape", limit: ctx.interpreter.limits.maxTensorElements), lo = try a.int("lo"), hi = try a.int("hi"), d = try a.dtype()
            return .tensor(try ctx.withRandom(try a.string("stream")) { try Tensor.randint(s, lo: lo, hi: hi, dtype: d, rng: &$0) })
        }
    }
}
