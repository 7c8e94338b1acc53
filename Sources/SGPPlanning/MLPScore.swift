import SGPNN
import SGPTensor

/// A score field given by a plain MLP (`DenseStack`), evaluated by the fused forward on raw rows.
///
/// With a normaliser (z̄ = (z − offset)/scale) the network sees normalised rows and the raw-unit score is
/// s_net(z̄)/scale; both are folded into the weights. One network serves every level (noise-conditional score
/// networks with level embeddings need their own conformance).
public final class MLPScore: PointerScoreField, @unchecked Sendable {
    public let dim: Int
    public let sigmas: [Double]
    let mlp: FusedMLP
    var scratch: [(FloatBuffer, FloatBuffer)] = []
    /// Worker threads: rows are split into blocks evaluated concurrently with single-threaded BLAS (for the large
    /// row counts planners send this beats OpenBLAS's own threads, which also spin while idle).
    public var threads: Int = 1

    /// Wraps `net` (dim → dim); `sigmas` only labels the levels.
    public init(net: DenseStack, sigmas: [Double] = [1], scale: [Double]? = nil, offset: [Double]? = nil, threads: Int = 1) throws {
        guard net.inputDim == net.outputDim else { throw PlanningError.shape(argument: "score", expected: [net.inputDim, net.inputDim], got: [net.inputDim, net.outputDim]) }
        guard !sigmas.isEmpty else { throw PlanningError.invalid(argument: "sigmas", detail: "need at least one σ") }
        mlp = try FusedMLP(net, inScale: scale, inOffset: offset, outScale: scale.map { $0.map { 1 / $0 } })
        dim = net.inputDim; self.sigmas = sigmas; self.threads = max(1, threads)
    }

    public var levels: Int { sigmas.count }

    public func score(rows: Int, z: UnsafePointer<Float>, ldz: Int, level: Int, out: UnsafeMutablePointer<Float>) throws {
        try checkLevel(level)
        let workers = max(1, min(threads, rows / 64))
        while scratch.count < workers { scratch.append((FloatBuffer(), FloatBuffer())) }
        let blocks = (0..<workers).map { (rows * $0 / workers, rows * ($0 + 1) / workers) }
        for (w, (r0, r1)) in blocks.enumerated() { scratch[w].0.reserve((r1 - r0) * mlp.maxWidth); scratch[w].1.reserve((r1 - r0) * mlp.maxWidth) }
        runBlocks(blocks) { w, r0, r1 in
            self.mlp.forward(rows: r1 - r0, inp: z + r0 * ldz, ldi: ldz, out: out + r0 * self.dim, ldo: self.dim,
                             scratchA: self.scratch[w].0.pointer, scratchB: self.scratch[w].1.pointer)
        }
    }

    public func score(_ z: Tensor, level: Int) throws -> Tensor {
        guard z.rank == 2, z.shape[1] == dim else { throw PlanningError.shape(argument: "z", expected: [z.shape.first ?? -1, dim], got: z.shape) }
        let zf = z.dtype == .float32 ? z : z.detached().to(.float32)
        let out = Tensor.uninitialized([z.shape[0], dim])
        try score(rows: z.shape[0], z: zf.storage.f32, ldz: dim, level: level, out: out.storage.f32)
        return out
    }
}
