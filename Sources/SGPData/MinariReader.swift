import SGPTensor

/// Reads Minari's `main_data.hdf5`: one group `episode_<id>` per episode holding `observations` [T+1, dx],
/// `actions` [T, du], `rewards` [T], `terminations` [T] and `truncations` [T]. Transitions are
/// obs[:-1] → obs[1:] within each episode; episode ids are the `<id>` numbers; episodes are read in id order.
enum MinariReader {
    /// True when the root holds at least one `episode_<id>` group.
    static func looksLikeMinari(_ file: HDF5File) -> Bool {
        file.members().contains { $0.hasPrefix("episode_") && file.isGroup($0) }
    }

    static func read(_ file: HDF5File) throws -> Dataset {
        let path = file.path
        let episodes = file.members().compactMap { name -> (Int, String)? in
            guard name.hasPrefix("episode_"), let id = Int(name.dropFirst("episode_".count)) else { return nil }
            return (id, name)
        }.sorted { $0.0 < $1.0 }
        guard let first = episodes.first else { throw DataError.notADataset(path: path, detail: "no 'episode_<id>' groups") }
        let dx = try width(file, first.1 + "/observations")
        let du = try width(file, first.1 + "/actions")
        var b = ColumnBuilder(dx: dx, du: du)
        for (id, g) in episodes {
            let obsKey = g + "/observations", actKey = g + "/actions"
            if file.isGroup(obsKey) {
                throw DataError.unsupported(path: path, detail: "dictionary observations ('\(obsKey)' is a group)")
            }
            let obs = try file.readFloats(obsKey), act = try file.readFloats(actKey)
            let steps = act.shape.first ?? 0
            guard obs.rank == 2 || obs.rank == 1 else { throw DataError.wrongRank(path: path, key: obsKey, expected: "[T+1, dx]", shape: obs.shape) }
            guard obs.shape[0] == steps + 1 else {
                throw DataError.episodeObservations(path: path, episode: g, observations: obs.shape[0], actions: steps)
            }
            guard (obs.rank == 1 ? 1 : obs.shape[1]) == dx else {
                throw DataError.widthMismatch(path: path, key: obsKey, width: obs.count / max(1, obs.shape[0]), reference: first.1 + "/observations", expected: dx)
            }
            guard act.count == steps * du else {
                throw DataError.widthMismatch(path: path, key: actKey, width: act.count / max(1, steps), reference: first.1 + "/actions", expected: du)
            }
            let rewards = try file.readFloats(g + "/rewards")
            let term = try file.readBytes(g + "/terminations").bytes
            let trunc = try file.readBytes(g + "/truncations").bytes
            for (key, c) in [("rewards", rewards.count), ("terminations", term.count), ("truncations", trunc.count)] where c != steps {
                throw DataError.lengthMismatch(path: path, key: g + "/" + key, length: c, reference: actKey, expected: steps)
            }
            let po = obs.storage.f32
            b.x.append(contentsOf: UnsafeBufferPointer(start: po, count: steps * dx))
            b.xNext.append(contentsOf: UnsafeBufferPointer(start: po + dx, count: steps * dx))
            b.u.append(contentsOf: UnsafeBufferPointer(start: act.storage.f32, count: steps * du))
            b.reward.append(contentsOf: UnsafeBufferPointer(start: rewards.storage.f32, count: steps))
            for t in 0..<steps {
                b.terminal.append(term[t] != 0 ? 1 : 0)
                b.timeout.append(trunc[t] != 0 ? 1 : 0)
                b.episode.append(Float(id))
            }
        }
        return try b.dataset(source: path)
    }

    private static func width(_ file: HDF5File, _ key: String) throws -> Int {
        if file.isGroup(key) { throw DataError.unsupported(path: file.path, detail: "dictionary observations ('\(key)' is a group)") }
        let s = try file.info(key).shape
        switch s.count {
        case 1: return 1
        case 2: return s[1]
        default: throw DataError.wrongRank(path: file.path, key: key, expected: "[T, d]", shape: s)
        }
    }
}
