import XCTest
import SGPTensor

/// Checks reverse-mode gradients of `f` at `xs` against central finite differences, in Float64.
///
/// Non-scalar outputs are contracted with a fixed pseudo-random weight tensor first, so every output element
/// takes part. An element passes when `|reverse − numeric| ≤ atol + rtol·|numeric|`. Keep inputs away from kinks
/// (relu at 0, abs at 0, max ties): finite differences are meaningless there.
public func assertGradientsMatchFiniteDifferences(
    _ f: ([Tensor]) throws -> Tensor, at xs: [Tensor], rtol: Double = 1e-4, atol: Double = 1e-7, eps: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        let inputs = xs.map { $0.to(.float64).detached() }
        let probe = try GradMode.noGrad { try f(inputs) }
        var rng = RandomStream(seed: 7, stream: "finite-differences")
        let weights = Tensor.rand(probe.shape, lo: 0.5, hi: 1.5, dtype: .float64, rng: &rng)
        func loss(_ ts: [Tensor]) throws -> Tensor { try (f(ts).to(.float64) * weights).sum() }

        let tracked = inputs.map { $0.requiringGrad() }
        let y = try GradMode.withGrad { try loss(tracked) }
        let grads = try Autodiff.gradients(of: y, wrt: tracked)
        for (k, x) in inputs.enumerated() {
            XCTAssertEqual(grads[k].shape, x.shape, "gradient \(k) has the wrong shape", file: file, line: line)
            var values = x.scalars
            for i in 0..<values.count {
                let v = values[i]
                values[i] = v + eps
                var moved = inputs; moved[k] = try Tensor(shape: x.shape, doubles: values, dtype: .float64)
                let up = try GradMode.noGrad { try loss(moved).item() }
                values[i] = v - eps
                moved[k] = try Tensor(shape: x.shape, doubles: values, dtype: .float64)
                let down = try GradMode.noGrad { try loss(moved).item() }
                values[i] = v
                let numeric = (up - down) / (2 * eps)
                let reverse = grads[k].scalar(at: i)
                if !(Swift.abs(reverse - numeric) <= atol + rtol * Swift.abs(numeric)) {
                    XCTFail("input \(k) element \(i): reverse-mode \(reverse) vs finite differences \(numeric)", file: file, line: line)
                    return
                }
            }
        }
    } catch {
        XCTFail("gradient check threw: \(error)", file: file, line: line)
    }
}

/// Single-input form of `assertGradientsMatchFiniteDifferences`.
public func assertGradientMatchesFiniteDifferences(
    _ f: (Tensor) throws -> Tensor, at x: Tensor, rtol: Double = 1e-4, atol: Double = 1e-7, eps: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line
) {
    assertGradientsMatchFiniteDifferences({ try f($0[0]) }, at: [x], rtol: rtol, atol: atol, eps: eps, file: file, line: line)
}

/// Asserts that two tensors have the same shape and elements within `atol + rtol·|expected|`.
public func assertTensorsClose(_ actual: Tensor, _ expected: Tensor, rtol: Double = 1e-6, atol: Double = 1e-6,
                               _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual.shape == expected.shape else {
        XCTFail("shape \(actual.shape) differs from expected \(expected.shape) \(message)", file: file, line: line)
        return
    }
    for i in 0..<actual.count {
        let a = actual.scalar(at: i), e = expected.scalar(at: i)
        if a.isNaN && e.isNaN { continue }
        if a == e { continue }
        if !(Swift.abs(a - e) <= atol + rtol * Swift.abs(e)) {
            XCTFail("element \(i): \(a) vs expected \(e) \(message)", file: file, line: line)
            return
        }
    }
}
