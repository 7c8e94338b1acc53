import Dispatch
import SGPNN
import SGPTensor

/// The fused rollout engine for MLP dynamics: x' = x + k_x ⊙ net([(x − b_x)/k_x, (u − b_u)/k_u]) (residual) or
/// x' = k_x ⊙ net(…) + b_x (direct), with `net` a `DenseStack`.
///
/// The normaliser is folded into the first and last layers' weights once, so each step is one GEMM per layer plus
/// one fused bias + activation pass. Activations of every step are cached for backpropagation through time; all
/// buffers persist across calls. With `threads > 1` the batch is split into row blocks that roll out concurrently
/// (trajectories are independent), each calling single-threaded BLAS: small products gain nothing from BLAS threads.
public final class MLPDynamics: RolloutDynamics, @unchecked Sendable {
    public let stateDim: Int
    public let actionDim: Int
    /// True for x' = x + (scaled) net output.
    public let residual: Bool
    /// Worker threads for the rollout and its backward pass (row blocks of the batch).
    public var threads: Int
    let mlp: FusedMLP
    /// Per hidden layer: cached outputs [T, B, width] (and pre-activations for silu/softplus).
    var acts: [FloatBuffer]
    var pres: [FloatBuffer]
    /// Per worker: two scratch blocks for gradients.
    var scratch: [(FloatBuffer, FloatBuffer)] = []

    /// Wraps `net` (input dx + du, output dx). Normaliser arrays are optional: `stateScale`/`stateOffset` (k_x, b_x),
    /// `actionScale`/`actionOffset` (k_u, b_u); missing ones mean identity.
    public init(net: DenseStack, stateDim: Int, actionDim: Int, residual: Bool = true,
                stateScale: [Double]? = nil, stateOffset: [Double]? = nil,
                actionScale: [Double]? = nil, actionOffset: [Double]? = nil, threads: Int = 1) throws {
        guard stateDim > 0, actionDim >= 0 else {
            throw PlanningError.invalid(argument: "stateDim", detail: "state and action widths must be positive, got \(stateDim) and \(actionDim)")
        }
        guard net.inputDim == stateDim + actionDim, net.outputDim == stateDim else {
            throw PlanningError.shape(argument: "dynamics", expected: [stateDim + actionDim, stateDim], got: [net.inputDim, net.outputDim])
        }
        let ks = stateScale ?? [Double](repeating: 1, count: stateDim), bx = stateOffset ?? [Double](repeating: 0, count: stateDim)
        let ku = actionScale ?? [Double](repeating: 1, count: actionDim), bu = actionOffset ?? [Double](repeating: 0, count: actionDim)
        guard ks.count == stateDim, bx.count == stateDim else {
            throw PlanningError.shape(argument: "stateScale", expected: [stateDim], got: [ks.count == stateDim ? bx.count : ks.count])
        }
        guard ku.count == actionDim, bu.count == actionDim else {
            throw PlanningError.shape(argument: "actionScale", expected: [actionDim], got: [ku.count == actionDim ? bu.count : ku.count])
        }
        mlp = try FusedMLP(net, inScale: ks + ku, inOffset: bx + bu, outScale: ks, outOffset: residual ? nil : bx)
        self.stateDim = stateDim; self.actionDim = actionDim; self.residual = residual
        self.threads = max(1, threads)
        acts = (1..<(net.dims.count - 1)).map { _ in FloatBuffer() }
        pres = (1..<(net.dims.count - 1)).map { _ in FloatBuffer() }
    }

    /// Row blocks [start, end) of the batch, one per worker.
    func blocks(_ batch: Int) -> [(Int, Int)] {
        let n = max(1, min(threads, batch / 8))
        return (0..<n).map { i in (batch * i / n, batch * (i + 1) / n) }
    }

    func prepare(batch: Int, horizon: Int, keepCache: Bool, workers: Int) {
        let slabs = keepCache ? horizon : 1
        for (i, buf) in acts.enumerated() {
            buf.reserve(slabs * batch * mlp.dims[i + 1])
            if mlp.needsPreActivation { pres[i].reserve(slabs * batch * mlp.dims[i + 1]) }
        }
        while scratch.count < workers { scratch.append((FloatBuffer(), FloatBuffer())) }
        for s in scratch.prefix(workers) { s.0.reserve(batch * mlp.maxWidth); s.1.reserve(batch * mlp.maxWidth) }
    }

    func parallel(_ blocks: [(Int, Int)], _ body: (Int, Int, Int) -> Void) { runBlocks(blocks, body) }

    public func rollout(z: UnsafeMutablePointer<Float>, batch: Int, horizon: Int, keepCache: Bool) throws {
        let bl = blocks(batch)
        prepare(batch: batch, horizon: horizon, keepCache: keepCache, workers: bl.count)
        parallel(bl) { _, r0, r1 in self.forwardRows(z: z, batch: batch, horizon: horizon, keepCache: keepCache, r0: r0, r1: r1) }
    }

    func forwardRows(z: UnsafeMutablePointer<Float>, batch: Int, horizon: Int, keepCache: Bool, r0: Int, r1: Int) {
        let d = stateDim + actionDim, dx = stateDim, rows = r1 - r0, dims = mlp.dims, nl = mlp.layerCount
        for t in 0..<horizon {
            let slab = keepCache ? t : 0
            var src = UnsafePointer(z + (t * batch + r0) * d), ld = d
            for l in 0..<(nl - 1) {
                let h = dims[l + 1]
                let out = acts[l].pointer + (slab * batch + r0) * h
                mlp.layerForward(l, rows: rows, inp: src, ldi: ld, out: out, ldo: h,
                                 pre: mlp.needsPreActivation ? pres[l].pointer + (slab * batch + r0) * h : nil)
                src = UnsafePointer(out); ld = h
            }
            let next = z + ((t + 1) * batch + r0) * d
            mlp.layerForward(nl - 1, rows: rows, inp: src, ldi: ld, out: next, ldo: d)
            if residual {
                let cur = z + (t * batch + r0) * d
                for r in 0..<rows { let a = next + r * d, c = cur + r * d; for j in 0..<dx { a[j] += c[j] } }
            }
        }
    }

    public func backward(z: UnsafePointer<Float>, g: UnsafeMutablePointer<Float>, batch: Int, horizon: Int) throws {
        let bl = blocks(batch)
        prepare(batch: batch, horizon: horizon, keepCache: true, workers: bl.count)
        parallel(bl) { w, r0, r1 in self.backwardRows(g: g, batch: batch, horizon: horizon, worker: w, r0: r0, r1: r1) }
    }

    func backwardRows(g: UnsafeMutablePointer<Float>, batch: Int, horizon: Int, worker: Int, r0: Int, r1: Int) {
        let d = stateDim + actionDim, dx = stateDim, rows = r1 - r0, dims = mlp.dims, nl = mlp.layerCount
        var bufA = scratch[worker].0.pointer, bufB = scratch[worker].1.pointer
        for t in stride(from: horizon - 1, through: 0, by: -1) {
            let gy = g + ((t + 1) * batch + r0) * d   // total dJ/dx_{t+1}, stride d
            let gz = g + (t * batch + r0) * d
            if residual {
                for r in 0..<rows { let a = gz + r * d, c = gy + r * d; for j in 0..<dx { a[j] += c[j] } }
            }
            if nl == 1 {
                BLAS.sgemm(m: rows, n: d, k: dx, a: gy, lda: d, b: mlp.wt[0], ldb: d, beta: 1, c: gz, ldc: d)
                continue
            }
            // Last layer: g_h = g_y · Wᵀ, then back through each hidden layer's activation (fused into the product
            // when the packed kernels handle it) and its weights.
            var gh = bufA
            let topOff = (t * batch + r0) * dims[nl - 1]
            var masked = mlp.backwardProduct(nl - 1, rows: rows, g: gy, ldg: d, out: gh, maskY: acts[nl - 2].pointer + topOff)
            for l in stride(from: nl - 2, through: 0, by: -1) {
                let width = dims[l + 1]
                let off = (t * batch + r0) * width
                if !masked {
                    FusedMLP.activationBackward(gh, y: acts[l].pointer + off, pre: mlp.needsPreActivation ? pres[l].pointer + off : nil,
                                                count: rows * width, act: mlp.activation)
                }
                if l == 0 {
                    BLAS.sgemm(m: rows, n: d, k: width, a: gh, lda: width, b: mlp.wt[0], ldb: d, beta: 1, c: gz, ldc: d)
                } else {
                    let below = acts[l - 1].pointer + (t * batch + r0) * dims[l]
                    masked = mlp.backwardProduct(l, rows: rows, g: gh, ldg: width, out: bufB, maskY: below)
                    swap(&bufA, &bufB); gh = bufA
                }
            }
        }
    }
}

/// Runs `body(block, start, end)` on each row block, concurrently when there is more than one (`Parallel.forEach`:
/// the caller plus the worker pool, BLAS pinned to one thread meanwhile; blocks touch disjoint rows).
func runBlocks(_ blocks: [(Int, Int)], _ body: (Int, Int, Int) -> Void) {
    if blocks.count == 1 { body(0, blocks[0].0, blocks[0].1); return }
    // The body cannot throw, so neither can the loop.
    try? Parallel.forEach(count: blocks.count, workers: blocks.count) { i in body(i, blocks[i].0, blocks[i].1) }
}
