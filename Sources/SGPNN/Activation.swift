/// Pointwise nonlinearities used by layers and fused kernels.
public enum Activation: String, Sendable, CaseIterable {
    case relu, elu, leakyRelu = "leaky_relu", tanh, silu, softplus, identity
}
