import SGPNN
import SGPPlanning
import SGPTensor

/// Shared small problems: the 2-D single integrator x' = x + u as an exact linear `DenseStack` (fused path).
enum Fixtures {
    /// dims [4, 2], identity activation, W maps the u part through the identity and ignores x: with the residual
    /// flag the dynamics are exactly x' = x + u.
    static func integrator() throws -> MLPDynamics {
        let w = try Tensor(shape: [4, 2], floats: [0, 0, 0, 0, 1, 0, 0, 1])
        let net = try DenseStack(dims: [4, 2], weights: [w], biases: [Tensor.zeros([2])], activation: .identity)
        return try MLPDynamics(net: net, stateDim: 2, actionDim: 2, residual: true)
    }

    /// Exact optimum of Σ_{t=1}^{T} q‖x_t − g‖² + r Σ ‖u_t‖² for x' = x + u (dimensions decouple): per dimension
    /// solve H u = b with H[s,s'] = 2q(T − max(s,s')) + 2r·δ, b[s] = −2q(T − s)(x0 − g). Returns the optimal cost.
    static func integratorOptimum(x0: [Double], goal: [Double], horizon T: Int, q: Double, r: Double) -> Double {
        var total = 0.0
        for j in x0.indices {
            var h = [[Double]](repeating: [Double](repeating: 0, count: T), count: T), b = [Double](repeating: 0, count: T)
            for s in 0..<T {
                for s2 in 0..<T { h[s][s2] = 2 * q * Double(T - max(s, s2)) + (s == s2 ? 2 * r : 0) }
                b[s] = -2 * q * Double(T - s) * (x0[j] - goal[j])
            }
            // Gaussian elimination (H is symmetric positive definite).
            for c in 0..<T {
                for r2 in (c + 1)..<T where c + 1 < T {
                    let f = h[r2][c] / h[c][c]
                    for k in c..<T { h[r2][k] -= f * h[c][k] }
                    b[r2] -= f * b[c]
                }
            }
            var u = [Double](repeating: 0, count: T)
            for c in stride(from: T - 1, through: 0, by: -1) {
                var v = b[c]
                for k in (c + 1)..<T where c + 1 < T { v -= h[c][k] * u[k] }
                u[c] = v / h[c][c]
            }
            var x = x0[j]
            for t in 0..<T { x += u[t]; total += q * (x - goal[j]) * (x - goal[j]) + r * u[t] * u[t] }
        }
        return total
    }
}
