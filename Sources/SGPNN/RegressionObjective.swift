import SGPTensor
import CKernels

/// Mean-squared error of a network regressing normalised targets from normalised inputs:
/// loss = mean over rows and output dims of (net(x̄) − ȳ)². Used by dynamics and reward models.
final class RegressionObjective: TrainingObjective {
    let network: Network
    let workspace: MLPWorkspace
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
        workspace = try MLPWorkspace(network: network, maxRows: rows)
        xBuf = Tensor.zeros([rows, network.spec.inputDim])
        dOut = Tensor.zeros([rows, network.spec.outputDim])
    }

    var gradients: UnsafeMutablePointer<Float> { workspace.gradients.storage.f32 }

    /// Forward on `rows` (count ≤ workspace rows); returns the summed squared error and leaves dOut = 2·err/scale.
    private func pass(rows: UnsafeBufferPointer<Int>, gradScale: Float) throws -> Double {
        let din = network.spec.inputDim, dout = network.spec.outputDim, m = rows.count
        let src = inputs.storage.f32, x = xBuf.storage.f32
        for (r, i) in rows.enumerated() { (x + r * din).update(from: src + i * din, count: din) }
        let y = try workspace.forward(input: x, rows: m)
        let t = targets.storage.f32, d = dOut.storage.f32
        for (r, i) in rows.enumerated() {
            (d + r * dout).update(from: t + i * dout, count: dout)
        }
        // d = y - target, then squared sum and scaled gradient in one pass.
        sgp_nn_axpy3(y, -1, d, d, m * dout)
        let sse = sgp_nn_sumsq(d, m * dout)
        if gradScale != 1 { for k in 0..<(m * dout) { d[k] *= gradScale } }
        return sse
    }

    func lossAndGradient(rows: UnsafeBufferPointer<Int>, rng: inout RandomStream) throws -> Double {
        let count = Double(rows.count * network.spec.outputDim)
        let sse = try pass(rows: rows, gradScale: Float(2 / count))
        workspace.backward(dOut: dOut.storage.f32, needInputGrad: false, needParamGrads: true)
        return sse / count
    }

    func validationLoss(rows: [Int], rng: inout RandomStream) throws -> (loss: Double, perLevel: [Double]) {
        var sse = 0.0, start = 0
        try rows.withUnsafeBufferPointer { all in
            while start < all.count {
                let end = min(all.count, start + workspace.maxRows)
                sse += try pass(rows: UnsafeBufferPointer(rebasing: all[start..<end]), gradScale: 1)
                start = end
            }
        }
        return (sse / Double(max(1, rows.count * network.spec.outputDim)), [])
    }
}
