/// What went wrong reading, writing or manipulating a dataset. Every case names the file (or operation) it came
/// from; `description` turns it into one lowercase line without a trailing period.
public enum DataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No file or directory at `path`.
    case fileNotFound(path: String)
    /// The file exists but cannot be parsed: truncated, corrupt or not in the format its content claims.
    case corrupt(path: String, detail: String)
    /// The file parses but does not hold a dataset in any layout we know.
    case notADataset(path: String, detail: String)
    /// A required key (dataset, array or column) is absent; `available` lists what the file does hold.
    case missingKey(path: String, key: String, available: [String])
    /// A key holds an array of the wrong rank (number of axes).
    case wrongRank(path: String, key: String, expected: String, shape: [Int])
    /// A key holds an array of a type we cannot convert (strings, compounds, object arrays).
    case wrongDType(path: String, key: String, found: String)
    /// A key's first axis disagrees with the reference key's.
    case lengthMismatch(path: String, key: String, length: Int, reference: String, expected: Int)
    /// A key's feature width disagrees with the reference key's.
    case widthMismatch(path: String, key: String, width: Int, reference: String, expected: Int)
    /// A Minari episode whose observations are not one more than its actions.
    case episodeObservations(path: String, episode: String, observations: Int, actions: Int)
    /// A CSV syntax or content problem at a 1-based line.
    case csv(path: String, line: Int, detail: String)
    /// A feature we recognise but do not read or write.
    case unsupported(path: String, detail: String)
    /// Writing failed (nothing was left at `path`).
    case writeFailed(path: String, detail: String)
    /// A dataset operation was called with arguments it cannot honour.
    case invalidArgument(op: String, detail: String)

    /// The value as one readable line.
    public var description: String {
        switch self {
        case let .fileNotFound(path): return "no such file '\(path)'"
        case let .corrupt(path, detail): return "'\(path)' is truncated or corrupt: \(detail)"
        case let .notADataset(path, detail): return "'\(path)' is not a dataset: \(detail)"
        case let .missingKey(path, key, available):
            let have = available.isEmpty ? "it holds no keys" : "it holds " + available.map { "'\($0)'" }.joined(separator: ", ")
            return "'\(path)' has no key '\(key)' (\(have))"
        case let .wrongRank(path, key, expected, shape):
            return "'\(path)' key '\(key)' has shape \(shape), expected \(expected)"
        case let .wrongDType(path, key, found):
            return "'\(path)' key '\(key)' has type \(found), expected numbers or booleans"
        case let .lengthMismatch(path, key, length, reference, expected):
            return "'\(path)' key '\(key)' has \(length) rows but '\(reference)' has \(expected)"
        case let .widthMismatch(path, key, width, reference, expected):
            return "'\(path)' key '\(key)' has \(width) columns but '\(reference)' has \(expected)"
        case let .episodeObservations(path, episode, observations, actions):
            return "'\(path)' group '\(episode)' has \(observations) observations for \(actions) actions (Minari stores one more observation than actions)"
        case let .csv(path, line, detail): return "\(path):\(line): \(detail)"
        case let .unsupported(path, detail): return "'\(path)': \(detail) is not supported"
        case let .writeFailed(path, detail): return "cannot write '\(path)': \(detail)"
        case let .invalidArgument(op, detail): return "\(op): \(detail)"
        }
    }
}
