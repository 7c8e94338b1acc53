import SGPTensor

/// [a | b] for two float matrices with the same row count, as float32 (the models' input layout [x, u]).
func columnConcat(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    guard a.rank == 2, b.rank == 2, a.shape[0] == b.shape[0] else {
        throw TensorError.shape(op: "concat", detail: "need two [n, d] matrices with equal n, got \(a.shape) and \(b.shape)")
    }
    let n = a.shape[0], da = a.shape[1], db = b.shape[1]
    let af = a.to(.float32), bf = b.to(.float32), out = Tensor.uninitialized([n, da + db])
    let o = out.storage.f32
    for r in 0..<n {
        (o + r * (da + db)).update(from: af.storage.f32 + r * da, count: da)
        (o + r * (da + db) + da).update(from: bf.storage.f32 + r * db, count: db)
    }
    return out
}
