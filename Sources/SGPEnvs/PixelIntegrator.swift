import Foundation
import SGPTensor

/// The paper's high-dimensional test: a single integrator in pixel space. A disk at position p ∈ [−1, 1]² is
/// rendered as a size×size image with a smooth Gaussian profile,
///
///     I(p)[r, c] = exp(−‖centre(r, c) − p‖² / (2σ²)),  centre(r, c) = (−1 + (2c+1)/size, 1 − (2r+1)/size),
///
/// σ = 0.12 (≈ 2 pixels at size 32), row r from the top. State and action are images (size² components, 1024 for
/// 32) and the dynamics are x' = x + u, exactly. What makes the problem hard is the data: box sampling
/// draws p ∈ [−0.7, 0.7]² and a displacement δ ∈ [−0.1, 0.1]², and records x = I(p), u = I(p+δ) − I(p),
/// x' = I(p+δ), so every state lies on the 2-D manifold of rendered disks inside a 1024-D space. State box
/// [0, 1]^size², action box [−1, 1]^size². Reward r = −‖u‖². Resets to I(p) with p uniform in [−0.7, 0.7]²;
/// episodes last 100 steps. `position(of:)` decodes an image back to p.
public final class PixelIntegrator: BuiltinEnvironment {
    /// Image side in pixels.
    public let size: Int
    /// Gaussian width of the disk, in position units.
    public static let sigma = 0.12
    /// Positions used for data and resets lie in [−extent, extent]².
    public static let extent = 0.7
    /// Largest displacement per step in box-sampled data.
    public static let maxDisplacement = 0.1

    /// A pixel integrator with size×size images (4…128).
    public init(size: Int = 32) throws {
        guard size >= 4, size <= 128 else { throw EnvError.invalidArgument(env: "pixel_integrator", detail: "size must be in 4...128, got \(size)") }
        self.size = size
        let n = size * size
        super.init(name: "pixel_integrator", stateDim: n, actionDim: n, actionLow: Array(repeating: -1, count: n),
                   actionHigh: Array(repeating: 1, count: n), stateLow: Array(repeating: 0, count: n),
                   stateHigh: Array(repeating: 1, count: n), dt: 1, maxEpisodeSteps: 100)
        reset(seed: 0)
    }

    /// The image of a disk at (a, b).
    public func render(_ a: Double, _ b: Double) -> [Double] {
        var out = [Double](repeating: 0, count: size * size)
        out.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { render(a, b, into: p) } }
        return out
    }

    func render(_ a: Double, _ b: Double, into out: UnsafeMutablePointer<Double>) {
        let k = -1 / (2 * PixelIntegrator.sigma * PixelIntegrator.sigma), s = Double(size)
        for r in 0..<size {
            let cy = 1 - (2 * Double(r) + 1) / s, dy = cy - b
            for c in 0..<size {
                let cx = -1 + (2 * Double(c) + 1) / s, dx = cx - a
                out[r * size + c] = Foundation.exp(k * (dx * dx + dy * dy))
            }
        }
    }

    /// Decodes an image to the disk position: a parabola through the log-intensities around the brightest pixel
    /// (exact for a rendered Gaussian disk, since its log is quadratic), or the intensity-weighted centroid when
    /// the brightest pixel sits on the border or the neighbours are not positive.
    public func position(of image: [Double]) throws -> (Double, Double) {
        guard image.count == size * size else { throw EnvError.wrongDimension(env: name, what: "image", expected: size * size, got: image.count) }
        let s = Double(size), h = 2 / s
        var k = 0
        for i in image.indices where image[i] > image[k] { k = i }
        let r = k / size, c = k % size
        if r > 0, c > 0, r < size - 1, c < size - 1 {
            let l0 = image[k], lw = image[k - 1], le = image[k + 1], ln = image[k - size], ls = image[k + size]
            if min(l0, lw, le, ln, ls) > 0 {
                func vertex(_ m: Double, _ z: Double, _ p: Double) -> Double {
                    let (a, b, d) = (Foundation.log(m), Foundation.log(z), Foundation.log(p))
                    let den = a - 2 * b + d
                    return den < 0 ? 0.5 * (a - d) / den : 0
                }
                let cx = -1 + (2 * Double(c) + 1) / s, cy = 1 - (2 * Double(r) + 1) / s
                // Rows grow downwards, so the north neighbour has the larger y.
                return (cx + h * vertex(lw, l0, le), cy - h * vertex(ln, l0, ls))
            }
        }
        var w = 0.0, sa = 0.0, sb = 0.0
        for r in 0..<size {
            for c in 0..<size {
                let v = max(0, image[r * size + c])
                w += v; sa += v * (-1 + (2 * Double(c) + 1) / s); sb += v * (1 - (2 * Double(r) + 1) / s)
            }
        }
        return w > 0 ? (sa / w, sb / w) : (0, 0)
    }

    override func initialState(_ rng: inout RandomStream) -> [Double] {
        let e = PixelIntegrator.extent
        return render(rng.uniform(-e, e), rng.uniform(-e, e))
    }

    /// One box-sampling candidate (x, u); false rejects it.
    public override func sampleBoxTransition(_ rng: inout RandomStream, x: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>) -> Bool {
        let e = PixelIntegrator.extent, m = PixelIntegrator.maxDisplacement
        let a = rng.uniform(-e, e), b = rng.uniform(-e, e)
        render(a, b, into: x)
        render(a + rng.uniform(-m, m), b + rng.uniform(-m, m), into: u)
        for j in 0..<stateDim { u[j] -= x[j] }
        return true
    }

    /// Dynamics and reward of `count` rows on raw buffers (see `BatchSteppable.stepBatch`).
    public override func stepBatch(x: UnsafePointer<Double>, u: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>,
                                   reward: UnsafeMutablePointer<Double>, count: Int) {
        singleIntegratorStep(x: x, u: u, next: next, reward: reward, count: count, dim: stateDim)
    }

    /// The model x' = f(x, u) on batches x [N, dx], u [N, du] (see `Environment.trueDynamics`).
    public override func trueDynamics(x: Tensor, u: Tensor) throws -> Tensor {
        try checkBatch(x, u)
        return try x + u
    }
}
