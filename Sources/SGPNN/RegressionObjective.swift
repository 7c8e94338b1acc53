import SGPTensor
import CKernels

/// Mean-squared error of a network regressing normalised targets from normalised inputs:
/// loss = mean over rows and output dims of (net(x̄) − ȳ)². Used by dynamics and reward models.
/// Data-parallel through `ChunkedBatch` (batches of ≥ 1024 rows run as 512-row chunks on all BLAS threads,
/// bit-identical at any thread count).
final class RegressionObjective: TrainingObjective {
    let network: Network
    let batch: ChunkedBatch
    let inputs: Tensor, targets: Tensor
    private let xBuf: Tensor, dOut: Tensor

    init(network: Network, inputs: Tensor, targets: Tensor, batch: Int) throws {
        guard inputs.rank == 2, targets.rank == 2, inputs.shape[0] == targets.shape[0],
              inputs.shape[1] == network.spec.inputDim, targets.shape[1] == network.spec.outputDim else {
            throw TensorError.shape(op: "train", detail: "inputs \(inputs.shape) and targets \(targets.shape) do not fit \(network.spec)")
        }
        self.network = network
        self.inputs = inputs.to(.float32); self.targets = targets.to(.float32)
        let rows = max(1, min(batch, inputs.shape[0]))
        self.batch = try ChunkedBatch(network: network, rows: rows)
        xBuf = Tensor.zeros([rows, network.spec.inputDim])
        dOut = Tensor.zeros([rows, network.spec.outputDim])
    }

    var gradients: UnsafeMutablePointer<Float> { batch.gradients }

    /// Forward on `rows` (count ≤ batch capacity), chunk by chunk; returns the summed squared error, and with
    /// `backward` back-propagates dOut = gradScale·(y − target) into each chunk's gradients.
    private func pass(rows: UnsafeBufferPointer<Int>, gradScale: Float, backward: Bool) throws -> Double {
        let din = network.spec.inputDim, dout = network.spec.outputDim, m = rows.count
        let src = inputs.storage.f32, t = targets.storage.f32
        let x = xBuf.storage.f32, d = dOut.storage.f32
        for (r, i) in rows.enumerated() {
            (x + r * din).update(from: src + i * din, count: din)
            (d + r * dout).update(from: t + i * dout, count: dout)
        }
        return try batch.run(rows: m) { ws, r, packed in
            let y = try ws.forward(input: x + r.lowerBound * din, rows: r.count, packed: packed)
            let dc = d + r.lowerBound * dout, k = r.count * dout
            // d = y − target, then its squared sum and the scaled gradient.
            sgp_nn_axpy3(y, -1, dc, dc, k)
            let sse = sgp_nn_sumsq(dc, k)
            if backward {
                if gradScale != 1 { for j in 0..<k { dc[j] *= gradScale } }
                ws.backward(dOut: dc, needInputGrad: false, needParamGrads: true)
            }
            return sse
        }
    }

    func lossAndGradient(rows: UnsafeBufferPointer<Int>, rng: inout RandomStream) throws -> Double {
        let count = Double(rows.count * network.spec.outputDim)
        let sse = try pass(rows: rows, gradScale: Float(2 / count), backward: true)
        try batch.sumGradients(rows: rows.count)
        return sse / count
    }

    func validationLoss(rows: [Int], rng: inout RandomStream) throws -> (loss: Double, perLevel: [Double]) {
        var sse = 0.0, start = 0
        try rows.withUnsafeBufferPointer { all in
            while start < all.count {
                let end = min(all.count, start + batch.capacity)
                sse += try pass(rows: UnsafeBufferPointer(rebasing: all[start..<end]), gradScale: 1, backward: false)
                start = end
            }
        }
        return (sse / Double(max(1, rows.count * network.spec.outputDim)), [])
    }
}
