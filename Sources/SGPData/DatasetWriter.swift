import SGPTensor

/// Writes the D4RL HDF5 layout: `observations`, `actions`, `rewards`, `terminals`, `timeouts` (booleans as h5py
/// stores them), `next_observations` and `episode_ids`, plus the root attribute `sgp_format = "transitions-v1"`
/// so our reader keeps every row as written (see `D4RLReader`).
enum DatasetWriter {
    static func writeHDF5(_ d: Dataset, to tmp: String, finalPath: String) throws {
        let f: HDF5File
        do { f = try HDF5File.create(tmp) } catch { throw DataError.writeFailed(path: finalPath, detail: "cannot create a temporary file beside it") }
        let n = d.count
        try f.writeFloats("observations", shape: [n, d.stateDim], data: d.x.storage.f32)
        try f.writeFloats("actions", shape: [n, d.actionDim], data: d.u.storage.f32)
        try f.writeFloats("rewards", shape: [n], data: d.reward.storage.f32)
        try f.writeBools("terminals", d.terminals)
        try f.writeBools("timeouts", d.timeouts)
        try f.writeFloats("next_observations", shape: [n, d.stateDim], data: d.xNext.storage.f32)
        try f.writeInt64("episode_ids", d.episodeIds.map { Int64($0) })
        try f.setAttribute(D4RLReader.formatAttribute, "transitions-v1")
        try f.flush()
        f.close()
    }
}
