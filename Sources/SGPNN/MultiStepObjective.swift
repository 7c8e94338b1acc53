import SGPTensor
import CKernels

/// Multi-step dynamics loss over windows of H consecutive transitions inside one episode:
/// x̂₀ = x̄_t, x̂_{h+1} = x̂_h + net([x̂_h, ū_{t+h}]) (the residual model in normalised units), and
/// loss = Σ_{h<H} 0.9^h · mean over rows and dims of (x̂_{h+1} − x̄'_{t+h})². Backpropagates through the rollout.
/// With H = 1 it is the one-step MSE.
final class MultiStepObjective: TrainingObjective {
    let network: Network
    let horizon: Int
    /// Normalised [x̄, ū] rows and normalised next-state targets x̄' (both indexed by transition).
    let inputs: Tensor, targets: Tensor
    static let discount = 0.9
    private let steps: [MLPWorkspace]
    private let state: [Tensor]      // x̂_h, h = 0…H, [rows, dx]
    private let input: Tensor, gradState: Tensor, dOut: Tensor, diff: Tensor
    private let total: Tensor
    let stateDim: Int, actionDim: Int

    init(network: Network, inputs: Tensor, targets: Tensor, stateDim: Int, horizon: Int, batch: Int) throws {
        guard inputs.rank == 2, targets.rank == 2, inputs.shape[0] == targets.shape[0], targets.shape[1] == stateDim,
              inputs.shape[1] == network.spec.inputDim, network.spec.outputDim == stateDim, horizon >= 1 else {
            throw TensorError.shape(op: "train_dynamics", detail: "inputs \(inputs.shape) and targets \(targets.shape) do not fit \(network.spec)")
        }
        self.network = network; self.horizon = horizon
        self.inputs = inputs.to(.float32); self.targets = targets.to(.float32)
        self.stateDim = stateDim; actionDim = inputs.shape[1] - stateDim
        let rows = max(1, min(batch, inputs.shape[0]))
        steps = try (0..<horizon).map { _ in try MLPWorkspace(network: network, maxRows: rows) }
        state = (0...horizon).map { _ in Tensor.zeros([rows, stateDim]) }
        input = Tensor.zeros([rows, inputs.shape[1]])
        total = Tensor.zeros([network.parameterCount])
        gradState = Tensor.zeros([rows, stateDim]); dOut = Tensor.zeros([rows, stateDim]); diff = Tensor.zeros([rows, stateDim])
    }

    var gradients: UnsafeMutablePointer<Float> { total.storage.f32 }

    /// Rolls out from window starts `rows`; returns the loss; with `backward`, leaves gradients in `gradients`.
    private func rollout(_ rows: UnsafeBufferPointer<Int>, backward: Bool) throws -> Double {
        let m = rows.count, dx = stateDim, du = actionDim, din = dx + du
        let src = inputs.storage.f32, tgt = targets.storage.f32
        for (r, i) in rows.enumerated() { (state[0].storage.f32 + r * dx).update(from: src + i * din, count: dx) }
        var loss = 0.0
        for h in 0..<horizon {
            let inp = input.storage.f32, x = state[h].storage.f32
            for (r, i) in rows.enumerated() {
                (inp + r * din).update(from: x + r * dx, count: dx)
                (inp + r * din + dx).update(from: src + (i + h) * din + dx, count: du)
            }
            let y = try steps[h].forward(input: inp, rows: m)
            sgp_nn_axpy3(x, 1, y, state[h + 1].storage.f32, m * dx)
            let d = diff.storage.f32
            for (r, i) in rows.enumerated() { (d + r * dx).update(from: tgt + (i + h) * dx, count: dx) }
            sgp_nn_axpy3(state[h + 1].storage.f32, -1, d, d, m * dx)
            loss += discountPower(Self.discount, h) * sgp_nn_sumsq(d, m * dx) / Double(m * dx)
        }
        guard backward else { return loss }
        // Reverse through the rollout: g = ∂L/∂x̂_{h+1}; x̂_{h+1} = x̂_h + net(·) so ∂/∂x̂_h = g + (net's input grad)[:dx].
        let g = gradState.storage.f32
        g.update(repeating: 0, count: m * dx)
        for h in stride(from: horizon - 1, through: 0, by: -1) {
            let d = diff.storage.f32
            for (r, i) in rows.enumerated() { (d + r * dx).update(from: targets.storage.f32 + (i + h) * dx, count: dx) }
            sgp_nn_axpy3(state[h + 1].storage.f32, -1, d, d, m * dx)
            let w = Float(2 * discountPower(Self.discount, h) / Double(m * dx))
            sgp_nn_axpy3(g, w, d, g, m * dx)
            dOut.storage.f32.update(from: g, count: m * dx)
            // All steps share one network: their parameter gradients add up.
            let gin = steps[h].backward(dOut: dOut.storage.f32, needInputGrad: h > 0, needParamGrads: true)
            let acc = total.storage.f32, part = steps[h].gradients.storage.f32
            if h == horizon - 1 { acc.update(from: part, count: network.parameterCount) }
            else { sgp_nn_axpy3(acc, 1, part, acc, network.parameterCount) }
            if h > 0, let gin { for r in 0..<m { sgp_nn_axpy3(g + r * dx, 1, gin + r * din, g + r * dx, dx) } }
        }
        return loss
    }

    func lossAndGradient(rows: UnsafeBufferPointer<Int>, rng: inout RandomStream) throws -> Double {
        try rollout(rows, backward: true)
    }

    func validationLoss(rows: [Int], rng: inout RandomStream) throws -> (loss: Double, perLevel: [Double]) {
        var total = 0.0, start = 0
        let cap = steps[0].maxRows
        try rows.withUnsafeBufferPointer { all in
            while start < all.count {
                let end = min(all.count, start + cap)
                total += try rollout(UnsafeBufferPointer(rebasing: all[start..<end]), backward: false) * Double(end - start)
                start = end
            }
        }
        return (total / Double(max(1, rows.count)), [])
    }
}

/// x^n for small non-negative n (exact repeated products, so losses are reproducible).
@inline(__always) func discountPower(_ x: Double, _ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(0, n) { r *= x }
    return r
}
