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
        return figures
    }

    static func matmul() throws -> [BenchFigure] {
        var rng = RandomStream(seed: 1, stream: "bench")
        var out: [BenchFigure] = []
        for (m, k, n) in matmulShapes {
            let a = Tensor.randn([m, k], rng: &rng), b = Tensor.randn([k, n], rng: &rng), bias = Tensor.randn([n], rng: &rng)
            let c = Tensor.zeros([m, n])
            let flop = 2.0 * Double(m * k * n)
            // Interleave ours and the reference so both see the same machine state.
            var ours: [Double] = [], raw: [Double] = [], lin: [Double] = []
            for _ in 0..<3 {
                raw.append(BenchTiming.secondsPerCall(blocks: 3) {
                    BLAS.sgemm(m: m, n: n, k: k, a: a.storage.f32, lda: k, b: b.storage.f32, ldb: n, c: c.storage.f32, ldc: n)
                })
                ours.append(try BenchTiming.secondsPerCall(blocks: 3) { _ = try a.matmul(b) })
                lin.append(try BenchTiming.secondsPerCall(blocks: 3) { _ = try Tensor.linear(a, b, bias, activation: .relu) })
            }
            let r = median(raw), o = median(ours), l = median(lin)
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

        // Transcendentals against glibc's scalar float functions over the same inputs.
        func libm(_ input: Tensor, _ f: (Float) -> Float) -> Double {
            gps(BenchTiming.secondsPerCall(blocks: 3) {
                let p = input.storage.f32, r = scratch.storage.f32
                for i in 0..<n { r[i] = f(p[i]) }
            })
        }
        let cases: [(String, (Tensor) -> Tensor, ((Float) -> Float)?)] = [
            ("exp", { $0.exp() }, { Foundation.exp($0) }),
            ("log", { $0.log() }, { Foundation.log($0) }),
            ("tanh", { $0.tanh() }, { Foundation.tanh($0) }),
            ("sigmoid", { $0.sigmoid() }, { 1 / (1 + Foundation.exp(-$0)) }),
            ("elu", { $0.elu() }, { $0 > 0 ? $0 : Foundation.expm1($0) }),
            ("softplus", { $0.softplus() }, { Foundation.log1p(Foundation.exp($0)) }),
            ("silu", { $0.silu() }, { $0 / (1 + Foundation.exp(-$0)) }),
            ("relu", { $0.relu() }, nil),
        ]
        let ax = x.abs()
        for (name, f, ref) in cases {
            let input = name == "log" ? ax : x
            let value = gps(BenchTiming.secondsPerCall { _ = f(input) })
            if let ref {
                out.append(BenchFigure(name: "\(name).1M", value: value, unit: "Gelem/s", reference: libm(input, ref), referenceName: "glibc scalar loop"))
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

    static func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
}
