import XCTest
import SGPTensor
@testable import SGPNN

/// The fused backward pass against central finite differences (Float32: h = 1e-2, loss ⟨out, R⟩).
final class MLPGradientTests: XCTestCase {
    private func check(spec: NetworkSpec, level: Int, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        var rng = RandomStream(seed: seed, stream: "init")
        let net = Network(spec: spec, rng: &rng)
        if spec.layerNorm {
            // Non-trivial LayerNorm affine parameters so their gradients are exercised.
            for (name, off, shape) in spec.parameterNames where name.hasPrefix("norms") {
                for j in 0..<shape.reduce(1, *) { net.parameters.storage.f32[off + j] += Float(rng.uniform(-0.5, 0.5)) }
            }
        }
        let rows = 4
        let x = Tensor.randn([rows, spec.inputDim], rng: &rng)
        let r = Tensor.randn([rows, spec.outputDim], rng: &rng)
        let ws = try MLPWorkspace(network: net, maxRows: rows)
        func loss() throws -> Double {
            let y = try ws.forward(input: x.storage.f32, rows: rows, level: level)
            var s = 0.0
            for i in 0..<(rows * spec.outputDim) { s += Double(y[i]) * r.scalar(at: i) }
            return s
        }
        _ = try loss()
        let gx = try XCTUnwrap(ws.backward(dOut: r.storage.f32, needInputGrad: true, needParamGrads: true))
        let inputGrad = (0..<(rows * spec.inputDim)).map { Double(gx[$0]) }
        let grads = (0..<net.parameterCount).map { Double(ws.gradients.storage.f32[$0]) }
        // Piecewise-linear activations: a small step so no kink is crossed (the loss is then exactly linear).
        let h: Float = spec.activation == .relu || spec.activation == .leakyRelu ? 1e-3 : 1e-2
        var worst = 0.0
        let p = net.parameters.storage.f32
        // Embedding rows other than `level` must get exactly zero gradient; check all parameters.
        for i in 0..<net.parameterCount {
            let old = p[i]
            p[i] = old + h; let up = try loss()
            p[i] = old - h; let down = try loss()
            p[i] = old
            let fd = (up - down) / (2 * Double(h))
            worst = max(worst, abs(fd - grads[i]) / (2e-3 + 2e-2 * abs(fd)))
        }
        for i in 0..<(rows * spec.inputDim) {
            let old = x.storage.f32[i]
            x.storage.f32[i] = old + h; let up = try loss()
            x.storage.f32[i] = old - h; let down = try loss()
            x.storage.f32[i] = old
            let fd = (up - down) / (2 * Double(h))
            worst = max(worst, abs(fd - inputGrad[i]) / (2e-3 + 2e-2 * abs(fd)))
        }
        XCTAssertLessThan(worst, 1, "\(spec): gradient mismatch ratio \(worst)", file: file, line: line)
    }

    func testPlainMLPBackwardMatchesFiniteDifferencesForEveryActivation() throws {
        for (k, act) in Activation.allCases.enumerated() {
            try check(spec: NetworkSpec(dims: [3, 6, 5, 2], activation: act), level: 0, seed: UInt64(10 + k))
        }
    }

    func testNoiseConditionedMLPBackwardMatchesFiniteDifferences() throws {
        let spec = try NetworkSpec(dims: [3, 6, 6, 6, 3], activation: .elu, levels: 3)
        for level in 0..<3 { try check(spec: spec, level: level, seed: 7) }
    }

    func testLayerNormWithoutEmbeddingBackwardMatchesFiniteDifferences() throws {
        try check(spec: NetworkSpec(dims: [4, 8, 8, 2], activation: .tanh, layerNorm: true), level: 0, seed: 3)
    }

    func testInputGradOnlyLeavesParameterGradientsUntouched() throws {
        var rng = RandomStream(seed: 1, stream: "init")
        let net = Network(spec: try NetworkSpec(dims: [2, 4, 2], activation: .relu), rng: &rng)
        let ws = try MLPWorkspace(network: net, maxRows: 3)
        let x = Tensor.randn([3, 2], rng: &rng)
        try ws.forward(input: x.storage.f32, rows: 3)
        let g = Tensor.ones([3, 2])
        XCTAssertNotNil(ws.backward(dOut: g.storage.f32, needInputGrad: true, needParamGrads: false))
        XCTAssertEqual(sgpSumAbs(ws.gradients), 0)
        XCTAssertThrowsError(try ws.forward(input: x.storage.f32, rows: 4))
    }

    func testDenseStackRoundTripGivesTheSameOutputs() throws {
        var rng = RandomStream(seed: 2, stream: "init")
        let stack = try DenseStack(dims: [3, 5, 2], activation: .tanh, rng: &rng)
        let net = try Network(stack: stack)
        let back = try net.denseStack()
        XCTAssertEqual(back.weights[1].floats, stack.weights[1].floats)
        let x = Tensor.randn([2, 3], rng: &rng)
        let y = try MLPWorkspace(network: net, maxRows: 2).apply(x)
        // Reference: X W + b through tanh, computed directly.
        var h = [Float](repeating: 0, count: 10)
        for r in 0..<2 { for j in 0..<5 {
            var s = stack.biases[0].floats[j]
            for i in 0..<3 { s += x.floats[r * 3 + i] * stack.weights[0].floats[i * 5 + j] }
            h[r * 5 + j] = Foundation.tanh(s)
        } }
        for r in 0..<2 { for j in 0..<2 {
            var s = stack.biases[1].floats[j]
            for i in 0..<5 { s += h[r * 5 + i] * stack.weights[1].floats[i * 2 + j] }
            XCTAssertEqual(y.floats[r * 2 + j], s, accuracy: 1e-5)
        } }
    }
}

func sgpSumAbs(_ t: Tensor) -> Double { (0..<t.count).reduce(0) { $0 + abs(t.scalar(at: $1)) } }

/// The noise-conditioned forward pass against a direct Double implementation of the paper's block
/// LayerNorm(Linear(h) ⊙ e_l) → ELU (biased variance, eps 1e-5, affine), input Linear → ELU, final Linear.
final class NoiseConditionedForwardTests: XCTestCase {
    func testForwardMatchesDirectFormula() throws {
        let spec = try NetworkSpec(dims: [2, 5, 5, 5, 2], activation: .elu, levels: 4)
        var rng = RandomStream(seed: 12, stream: "init")
        let net = Network(spec: spec, rng: &rng)
        let p = net.parameters.storage.f32
        for i in 0..<net.parameterCount where spec.parameterNames.contains(where: { $0.0.hasPrefix("norms") && i >= $0.1 && i < $0.1 + $0.2.reduce(1, *) }) {
            p[i] += Float(rng.uniform(-0.3, 0.3))
        }
        let x = Tensor.randn([3, 2], rng: &rng)
        let level = 2
        let y = try MLPWorkspace(network: net, maxRows: 3).apply(x, level: level)
        let l = net.layout
        func elu(_ v: Double) -> Double { v > 0 ? v : Foundation.exp(v) - 1 }
        for r in 0..<3 {
            var h = (0..<2).map { x.scalar(at: r * 2 + $0) }
            for i in 0..<spec.layerCount {
                let din = spec.dims[i], dout = spec.dims[i + 1]
                var t = (0..<dout).map { j in (0..<din).reduce(Double(p[l.bias[i] + j])) { $0 + h[$1] * Double(p[l.weight[i] + $1 * dout + j]) } }
                if i == spec.layerCount - 1 { h = t; break }
                if spec.isBlock(i) {
                    t = (0..<dout).map { t[$0] * Double(p[l.embedding + level * spec.embeddingWidth + $0]) }
                    let mean = t.reduce(0, +) / Double(dout)
                    let variance = t.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(dout)
                    t = (0..<dout).map { (t[$0] - mean) / (variance + 1e-5).squareRoot() * Double(p[l.gamma[i] + $0]) + Double(p[l.beta[i] + $0]) }
                }
                h = t.map(elu)
            }
            for c in 0..<2 { XCTAssertEqual(y.scalar(at: r * 2 + c), h[c], accuracy: 1e-5) }
        }
        // A different level gives a different output (the embedding is used).
        let y3 = try MLPWorkspace(network: net, maxRows: 3).apply(x, level: 3)
        XCTAssertNotEqual(y.floats, y3.floats)
    }
}
