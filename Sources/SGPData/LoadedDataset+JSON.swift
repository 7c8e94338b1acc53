import Foundation

extension LoadedDataset {
    /// A one-object JSON description for machines (`sgp data FILE --json`): source, format, transitions,
    /// state_dim, action_dim, episodes, terminals, timeouts, sha256, keys, warnings. Keys are sorted.
    public var json: String {
        let d = dataset
        let obj: [String: Any] = [
            "source": d.source, "format": format.rawValue, "transitions": d.count, "state_dim": d.stateDim,
            "action_dim": d.actionDim, "episodes": Set(d.episodeIds).count,
            "terminals": d.terminals.filter { $0 }.count, "timeouts": d.timeouts.filter { $0 }.count,
            "sha256": d.sha256, "keys": keys, "warnings": warnings,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
