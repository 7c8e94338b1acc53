import Synchronization
import SGPTensor

/// Keeps one reusable `MLPWorkspace` per network so repeated inference calls do not re-allocate (a fresh MiB
/// costs ~0.5 ms of page faults). A caller takes the workspace out while using it; a concurrent caller finds the
/// slot empty and uses a temporary one, so there is no sharing and no blocking.
final class WorkspaceCache: Sendable {
    private let slot = Mutex<MLPWorkspace?>(nil)
    let network: Network

    init(network: Network) { self.network = network }

    /// Runs `body` with a workspace of at least `rows` rows (capped at 4096; callers chunk larger batches).
    func with<R>(rows: Int, _ body: (MLPWorkspace) throws -> R) throws -> R {
        let want = min(max(1, rows), 4096)
        let cached = slot.withLock { s -> MLPWorkspace? in let w = s; s = nil; return w }
        let ws: MLPWorkspace
        if let c = cached, c.maxRows >= want { ws = c } else { ws = try MLPWorkspace(network: network, maxRows: want) }
        defer { slot.withLock { s in if s == nil || (s?.maxRows ?? 0) < ws.maxRows { s = ws } } }
        return try body(ws)
    }
}
