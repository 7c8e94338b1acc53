import Foundation
import SGPTensor

/// The tensor-runtime benchmarks behind `sgp bench tensor`: GEMM efficiency at the MLP shapes of
/// `shared/bench/README.md` against raw `cblas_sgemm`, elementwise and transcendental throughput against plain
/// loops and libm, reduction throughput, and dispatch + tape overhead per recorded op on small tensors.
public enum TensorBenchmarks {
    /// GEMM shapes (M, K, N) of the anchor workloads: the score MLP 23→256→…→23 at batch 1024 (a), the dynamics
    /// MLP 23→256→256→17 at B = 64 (b), and the score MLP over all B·T = 3200 rows (c).
    public static let matmulShapes: [(m: Int, k: Int, n: Int)] = [
        (1024, 23, 256), (1024, 256, 256), (1024, 256, 23),
        (64, 23, 256), (64, 256, 256), (64, 256, 17),
        (3200, 23, 256), (3200, 256, 256), (3200, 256, 23),
    ]

    /// Runs every tensor benchmark with `threads` OpenBLAS threads and returns the figures in print order.
    public static func run(threads: Int) throws -> [BenchFigure] {
        BLAS.threads = threads
        var figures: [BenchFigure] = []
        figures += try matmul()
        figures += try elementwise()
        figures += try overhead()
        figures += try mlpStep()
        figures += try trajectoryGradient()
        return figures
    }

    /// Only the dispatch and tape overhead figures: the short pass of `sgp bench tensor --quick`.
    public static func overheadOnly() throws -> [BenchFigure] { try overhead() }

    static func matmul() throws -> [BenchFigure] {
        var rng = RandomStream(seed: 1, stream: "bench")
        var out: [BenchFigure] = []
        for (m, k, n) in matmulShapes {
            let a = Tensor.randn([m, k], rng: &rng), b = Tensor.randn([k, n], rng: &rng), bias = Tensor.randn([n], rng: &rng)
            let c = Tensor.zeros([m, n])
            let flop = 2.0 * Double(m * k * n)
            // Interleave short blocks of ours and the reference so both see the same machine state.
            var ours: [Double] = [], raw: [Double] = [], lin: [Double] = []
            for _ in 0..<9 {
                raw.append(BenchTiming.secondsPerCall(blocks: 1, blockSeconds: 0.005) {
                    BLAS.sgemm(m: m, n: n, k: k, a: a.storage.f32, lda: k, b: b.storage.f32, ldb: n, c: c.storage.f32, ldc: n)
                })
                ours.append(try BenchTiming.secondsPerCall(blocks: 1, blockSeconds: 0.005) { _ = try a.matmul(b) })
                lin.append(try BenchTiming.secondsPerCall(blocks: 1, blockSeconds: 0.005) { _ = try Tensor.linear(a, b, bias, activation: .relu) })
            }
            let r = pick(raw), o = pick(ours), l = pick(lin)
            let shape = "\(m)x\(k)x\(n)"
            out.append(BenchFigure(name: "matmul.\(shape)", value: flop / o / 1e9, unit: "GFLOP/s", reference: flop / r / 1e9, referenceName: "cblas_sgemm"))
            out.append(BenchFigure(name: "linear_relu.\(shape)", value: flop / l / 1e9, unit: "GFLOP/s", reference: flop / r / 1e9, referenceName: "cblas_sgemm"))
        }
        return out
    }

    static func elementwise() throws -> [BenchFigure] {
        let n = 1 << 20
        var rng = RandomStream(seed: 2, stream: "bench")
        let x = Tensor.rand([n], lo: -5, hi: 5, rng: &rng), y = Tensor.rand([n], lo: 0.5, hi: 2, rng: &rng)
        let s = Tensor(scalar: 1.5)
        let scratch = Tensor.zeros([n])
        var out: [BenchFigure] = []
        func gps(_ t: Double) -> Double { Double(n) / t / 1e9 }

        // memcpy of the same bytes: the memory-bandwidth ceiling for a one-input, one-output op.
        let copy = BenchTiming.secondsPerCall { scratch.storage.raw.copyMemory(from: x.storage.raw, byteCount: n * 4) }
        out.append(BenchFigure(name: "add.1M.same_shape", value: gps(try BenchTiming.secondsPerCall { _ = try x + y }), unit: "Gelem/s", reference: gps(copy), referenceName: "memcpy"))
        out.append(BenchFigure(name: "mul.1M.scalar", value: gps(try BenchTiming.secondsPerCall { _ = try x * s }), unit: "Gelem/s", reference: gps(copy), referenceName: "memcpy"))
        let m = try x.reshaped([4096, 256]), row = Tensor.randn([256], rng: &rng)
        out.append(BenchFigure(name: "add.4096x256+256.broadcast", value: gps(try BenchTiming.secondsPerCall { _ = try m + row }), unit: "Gelem/s", reference: gps(copy), referenceName: "memcpy"))

        // Transcendentals against glibc's scalar float functions over the same inputs (one direct loop each, so
        // the reference pays no closure call per element).
        func libm(_ name: String, _ input: Tensor) -> Double? {
            let p = input.storage.f32, r = scratch.storage.f32
            let t: Double
            switch name {
            case "exp": t = BenchTiming.secondsPerCall(blocks: 3) { for i in 0..<n { r[i] = Foundation.exp(p[i]) } }
            case "log": t = BenchTiming.secondsPerCall(blocks: 3) { for i in 0..<n { r[i] = Foundation.log(p[i]) } }
            case "tanh": t = BenchTiming.secondsPerCall(blocks: 3) { for i in 0..<n { r[i] = Foundation.tanh(p[i]) } }
            case "sigmoid": t = BenchTiming.secondsPerCall(blocks: 3) { for i in 0..<n { r[i] = 1 / (1 + Foundation.exp(-p[i])) } }
            case "elu": t = BenchTiming.secondsPerCall(blocks: 3) { for i in 0..<n { let v = p[i]; r[i] = v > 0 ? v : Foundation.expm1(v) } }
            case "softplus": t = BenchTiming.secondsPerCall(blocks: 3) { for i in 0..<n { r[i] = Foundation.log1p(Foundation.exp(p[i])) } }
            case "silu": t = BenchTiming.secondsPerCall(blocks: 3) { for i in 0..<n { let v = p[i]; r[i] = v / (1 + Foundation.exp(-v)) } }
            default: return nil
            }
            return gps(t)
        }
        let cases: [(String, (Tensor) -> Tensor)] = [
            ("exp", { $0.exp() }), ("log", { $0.log() }), ("tanh", { $0.tanh() }), ("sigmoid", { $0.sigmoid() }),
            ("elu", { $0.elu() }), ("softplus", { $0.softplus() }), ("silu", { $0.silu() }), ("relu", { $0.relu() }),
        ]
        let ax = x.abs()
        for (name, f) in cases {
            let input = name == "log" ? ax : x
            let value = gps(BenchTiming.secondsPerCall { _ = f(input) })
            if let ref = libm(name, input) {
                out.append(BenchFigure(name: "\(name).1M", value: value, unit: "Gelem/s", reference: ref, referenceName: "glibc scalar loop"))
            } else {
                out.append(BenchFigure(name: "\(name).1M", value: value, unit: "Gelem/s"))
            }
        }
        let big = try x.reshaped([1024, 1024])
        out.append(BenchFigure(name: "sum.1M.all", value: gps(try BenchTiming.secondsPerCall { _ = try x.sum() }), unit: "Gelem/s"))
        out.append(BenchFigure(name: "sum.1024x1024.axis0", value: gps(try BenchTiming.secondsPerCall { _ = try big.sum(axes: [0]) }), unit: "Gelem/s"))
        out.append(BenchFigure(name: "sum.1024x1024.axis1", value: gps(try BenchTiming.secondsPerCall { _ = try big.sum(axes: [1]) }), unit: "Gelem/s"))
        out.append(BenchFigure(name: "softmax.1024x1024.axis1", value: gps(try BenchTiming.secondsPerCall { _ = try big.softmax(axis: 1) }), unit: "Gelem/s"))
        return out
    }

    /// Per-op cost on tiny tensors, where dispatch, allocation and tape recording dominate.
    static func overhead() throws -> [BenchFigure] {
        var rng = RandomStream(seed: 3, stream: "bench")
        let a = Tensor.randn([8], rng: &rng), b = Tensor.randn([8], rng: &rng)
        let budget = 1000.0
        var out: [BenchFigure] = []
        let plain = try GradMode.noGrad { try BenchTiming.secondsPerCall { _ = try a * b } }
        out.append(BenchFigure(name: "dispatch.mul.8.no_grad", value: plain * 1e9, unit: "ns/op", reference: budget, referenceName: "budget"))
        // A chain of 64 recorded ops (mul, add, tanh, sum-free) on a tracked input.
        let ops = 64
        let xt = a.requiringGrad()
        var chain = xt
        let rec = try BenchTiming.secondsPerCall {
            var h = xt
            for i in 0..<ops / 4 {
                h = try h * b
                h = try h + a
                h = h.tanh()
                h = i % 2 == 0 ? try h - b : try h / Tensor(scalar: 2)
            }
            chain = h
        }
        out.append(BenchFigure(name: "tape.record.8", value: rec / Double(ops) * 1e9, unit: "ns/op", reference: budget, referenceName: "budget"))
        let back = try BenchTiming.secondsPerCall { _ = try Autodiff.gradients(of: chain, wrt: [xt]) }
        out.append(BenchFigure(name: "tape.backward.8", value: back / Double(ops) * 1e9, unit: "ns/op", reference: budget, referenceName: "budget"))
        // A small dense layer as the planners use it: [64, 23] @ [23, 256] + b, relu, recorded.
        let x = Tensor.randn([64, 23], rng: &rng).requiringGrad(), w = Tensor.randn([23, 256], rng: &rng), bias = Tensor.randn([256], rng: &rng)
        let lin = try BenchTiming.secondsPerCall { _ = try Tensor.linear(x, w, bias, activation: .relu) }
        out.append(BenchFigure(name: "linear_relu.64x23x256.recorded", value: lin * 1e6, unit: "us/call"))
        return out
    }

    /// Forward and backward of the score MLP of workload (a), 23→256→256→256→256→23 with ReLU, at batch 1024,
    /// built from `Tensor.linear`; gradients for all weights and biases (no optimiser step).
    public static func mlpStep() throws -> [BenchFigure] {
        var rng = RandomStream(seed: 4, stream: "bench")
        let sizes = [23, 256, 256, 256, 256, 23]
        var params: [Tensor] = []
        for (i, o) in zip(sizes, sizes.dropFirst()) {
            params.append(Tensor.randn([i, o], std: 1 / Double(i).squareRoot(), rng: &rng).requiringGrad())
            params.append(Tensor.zeros([o]).requiringGrad())
        }
        let x = Tensor.randn([1024, 23], rng: &rng)
        var flops = 0.0
        // Forward GEMM plus two backward GEMMs per layer; the first layer's input needs no gradient.
        for (l, (i, o)) in zip(sizes, sizes.dropFirst()).enumerated() { flops += Double(l == 0 ? 2 : 3) * 2 * 1024 * Double(i * o) }
        let t = try BenchTiming.secondsPerCall(blocks: 5, blockSeconds: 0.1) {
            var h = x
            for l in 0..<5 { h = try Tensor.linear(h, params[2 * l], params[2 * l + 1], activation: l < 4 ? .relu : .identity) }
            let loss = try (h * h).mean()
            _ = try Autodiff.gradients(of: loss, wrt: params)
        }
        return [BenchFigure(name: "mlp_fwd_bwd.1024x23-256x4-23", value: t * 1e3, unit: "ms"),
                BenchFigure(name: "mlp_fwd_bwd.1024x23-256x4-23.gemm_rate", value: flops / t / 1e9, unit: "GFLOP/s")]
    }

    /// Workload (b) of shared/bench: B = 64 trajectories, T = 50 steps, x_{t+1} = x_t + f([x_t, u_t]) with the
    /// frozen MLP f: 23→256→256→17 (ReLU), cost Σ_t ‖x_{t+1}‖² + 0.1‖u_t‖² (÷ B), reverse-mode gradient with respect
    /// to U[64, 50, 6]. About 600 recorded ops and 450 small GEMMs per iteration: it measures per-op overhead.
    /// Weights come from our own generator, so losses differ from the Python anchors; the work is the same.
    public static func trajectoryGradient() throws -> [BenchFigure] {
        var rng = RandomStream(seed: 5, stream: "bench")
        let (b, t, sx, su) = (64, 50, 17, 6)
        let dims = [sx + su, 256, 256, sx]
        var layers: [(Tensor, Tensor)] = []
        for (i, o) in zip(dims, dims.dropFirst()) {
            layers.append((Tensor.randn([i, o], std: 1 / Double(i).squareRoot(), rng: &rng), Tensor.zeros([o])))
        }
        let x0 = Tensor.randn([b, sx], std: 0.5, rng: &rng)
        let u0 = Tensor.randn([b, t, su], std: 0.1, rng: &rng)
        let tenth = Tensor(scalar: 0.1), invB = Tensor(scalar: 1 / Double(b))
        let time = try BenchTiming.secondsPerCall(blocks: 5, blockSeconds: 0.1) {
            let u = u0.requiringGrad()
            var x = x0, cost = Tensor(scalar: 0)
            for step in 0..<t {
                let ut = try u.slice([.all, .index(step)])
                var h = try Tensor.concat([x, ut], axis: 1)
                for (l, (w, bias)) in layers.enumerated() {
                    h = try Tensor.linear(h, w, bias, activation: l < layers.count - 1 ? .relu : .identity)
                }
                x = try x + h
                cost = try cost + (x * x).sum() + tenth * (ut * ut).sum()
            }
            _ = try Autodiff.gradients(of: cost * invB, wrt: [u])
        }
        return [BenchFigure(name: "trajopt_b.64x50.value_and_grad", value: time * 1e3, unit: "ms")]
    }

    /// The median (or minimum, with `BenchTiming.useMinimum`) of per-block times.
    static func pick(_ v: [Double]) -> Double { BenchTiming.useMinimum ? (v.min() ?? 0) : v.sorted()[v.count / 2] }
}
