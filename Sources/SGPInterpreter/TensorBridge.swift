import SGPSyntax
import SGPTensor

/// The one place the evaluator calls tensor ops beyond SGPTensor's core arithmetic, so the mapping from
/// language operators and subscripts to tensor ops is in one file.
enum TensorBridge {
    /// One component of a tensor subscript.
    enum Index {
        case index(Int)
        case range(start: Int?, stop: Int?, step: Int?)
        case all
        case newAxis
    }

    static func pow(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        throw RuntimeError("'^' on tensors is not available yet")
    }

    static func mod(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        throw RuntimeError("'%' on tensors is not available yet")
    }

    static func compare(_ x: Tensor, _ y: Tensor, _ op: BinaryOp) throws -> Tensor {
        throw RuntimeError("comparison of tensors is not available yet")
    }

    static func subscriptTensor(_ t: Tensor, _ idx: [Index]) throws -> Tensor {
        throw RuntimeError("tensor indexing is not available yet")
    }

    /// Stacks rank-0 (or equal-shape) tensors along a new first axis (differentiable).
    static func stack(_ ts: [Tensor]) throws -> Tensor {
        throw RuntimeError("stacking tensors is not available yet")
    }
}
