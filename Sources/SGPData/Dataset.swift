import SGPTensor

/// A table of transitions (x, u, x', r, terminal, timeout, episode id), all float32 tensors with one row per
/// transition, plus where it came from and a SHA-256 of its content.
///
/// Flags (`terminal`, `timeout`) hold 0 or 1; `episode` holds integer ids (exact in float32 up to 2²⁴). A terminal
/// row ends its episode because the system reached an absorbing state; a timeout row ends it because time ran out
/// (x' is still a valid successor). The SHA-256 (see `Dataset.contentDigest`) covers the arrays, not `source`.
public struct Dataset: Sendable {
    /// States, [N, dx].
    public let x: Tensor
    /// Actions, [N, du] (du may be 0 for state-only data).
    public let u: Tensor
    /// Successor states, [N, dx].
    public let xNext: Tensor
    /// Rewards, [N].
    public let reward: Tensor
    /// 1 where the transition ends in an absorbing state, [N].
    public let terminal: Tensor
    /// 1 where the episode was cut by a time limit after this transition, [N].
    public let timeout: Tensor
    /// Episode id of each row, [N].
    public let episode: Tensor
    /// Where the data came from (a path, or a description such as "collect(cartpole, random, seed 0)").
    public let source: String
    /// SHA-256 of the content (64 hex digits).
    public let sha256: String

    /// Number of transitions.
    public var count: Int { x.shape[0] }
    /// State dimension.
    public var stateDim: Int { x.shape[1] }
    /// Action dimension.
    public var actionDim: Int { u.shape[1] }

    /// A dataset from tensors, checking shapes. Missing flags default to 0; missing episode ids to 0 (one episode).
    /// Inputs are converted to contiguous float32 and detached from autodiff.
    public init(x: Tensor, u: Tensor, xNext: Tensor, reward: Tensor? = nil, terminal: Tensor? = nil,
                timeout: Tensor? = nil, episode: Tensor? = nil, source: String) throws {
        let op = "dataset"
        guard x.rank == 2 else { throw DataError.invalidArgument(op: op, detail: "x must be [N, dx], got shape \(x.shape)") }
        let n = x.shape[0]
        guard u.rank == 2, u.shape[0] == n else {
            throw DataError.invalidArgument(op: op, detail: "u must be [\(n), du] to match x \(x.shape), got shape \(u.shape)")
        }
        guard xNext.shape == x.shape else {
            throw DataError.invalidArgument(op: op, detail: "x_next must have the shape of x \(x.shape), got \(xNext.shape)")
        }
        func column(_ t: Tensor?, _ name: String) throws -> Tensor {
            guard let t else { return Tensor.zeros([n]) }
            guard t.count == n, t.rank <= 2, t.rank == 1 || (t.rank == 2 && t.shape[1] == 1) else {
                throw DataError.invalidArgument(op: op, detail: "\(name) must be [\(n)] to match x \(x.shape), got shape \(t.shape)")
            }
            return try Dataset.plain(t).reshaped([n])
        }
        self.init(validated: Dataset.plain(x), u: Dataset.plain(u), xNext: Dataset.plain(xNext),
                  reward: try column(reward, "reward"), terminal: try column(terminal, "terminal"),
                  timeout: try column(timeout, "timeout"), episode: try column(episode, "episode"), source: source)
    }

    /// Trusted construction: shapes already checked, tensors float32 and owned by this dataset.
    init(validated x: Tensor, u: Tensor, xNext: Tensor, reward: Tensor, terminal: Tensor, timeout: Tensor,
         episode: Tensor, source: String) {
        self.x = x; self.u = u; self.xNext = xNext; self.reward = reward
        self.terminal = terminal; self.timeout = timeout; self.episode = episode; self.source = source
        self.sha256 = Dataset.contentDigest(x: x, u: u, xNext: xNext, reward: reward, terminal: terminal,
                                            timeout: timeout, episode: episode)
    }

    /// The same data with another `source` label.
    public func withSource(_ source: String) -> Dataset {
        Dataset(validated: x, u: u, xNext: xNext, reward: reward, terminal: terminal, timeout: timeout,
                episode: episode, source: source)
    }

    /// Float32, detached.
    static func plain(_ t: Tensor) -> Tensor { t.dtype == .float32 ? t.detached() : t.detached().to(.float32) }

    /// SHA-256 over a fixed byte layout: the line `sgp-dataset-v1 N dx du\n`, then the float32 little-endian bytes
    /// of x, u, x', reward, terminal, timeout and episode in that order. Equal content gives equal digests whatever
    /// file format it was read from.
    public static func contentDigest(x: Tensor, u: Tensor, xNext: Tensor, reward: Tensor, terminal: Tensor,
                                     timeout: Tensor, episode: Tensor) -> String {
        let d = SHA256Digest()
        d.update("sgp-dataset-v1 \(x.shape[0]) \(x.shape[1]) \(u.shape[1])\n")
        for t in [x, u, xNext, reward, terminal, timeout, episode] { d.update(UnsafeRawPointer(t.storage.f32), count: t.count * 4) }
        return d.hexDigest()
    }

    /// Terminal flags as Bools.
    public var terminals: [Bool] { flags(terminal) }
    /// Timeout flags as Bools.
    public var timeouts: [Bool] { flags(timeout) }
    /// Episode ids as Ints.
    public var episodeIds: [Int] {
        let p = episode.storage.f32
        return [Int](unsafeUninitializedCapacity: count) { b, c in for i in 0..<count { b[i] = Int(p[i]) }; c = count }
    }

    private func flags(_ t: Tensor) -> [Bool] {
        let p = t.storage.f32
        return [Bool](unsafeUninitializedCapacity: count) { b, c in for i in 0..<count { b[i] = p[i] != 0 }; c = count }
    }
}
