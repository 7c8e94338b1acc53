import SGPData
import SGPTensor

/// A dataset of transitions as a script sees it: fields for every array, row slicing `d[0:100]`, and the
/// one-line summary when printed (`card(d)` prints the full card).
public final class DatasetValue: OpaqueValue, RowIndexable {
    /// The transitions.
    public let dataset: Dataset

    /// Wraps `dataset`.
    public init(_ dataset: Dataset) { self.dataset = dataset }

    /// "dataset".
    public var typeName: String { "dataset" }
    /// `dataset(N=…, dx=…, du=…, episodes=…, source=…, sha256=…)`.
    public var summary: String { dataset.summary }

    /// Documented fields, in the order `fields(d)` lists them.
    public var fieldNames: [String] {
        ["n", "state_dim", "action_dim", "episodes", "x", "u", "x_next", "reward", "terminal", "timeout", "episode",
         "xu", "xux", "sha256", "source"]
    }

    /// The value of a documented field (tensors are float32: x [N, dx], u [N, du], reward and flags [N]).
    public func field(_ name: String) throws -> Value? {
        let d = dataset
        switch name {
        case "n", "count": return .int(d.count)  // `count` (unlisted) is what `len(d)` asks for
        case "state_dim": return .int(d.stateDim)
        case "action_dim": return .int(d.actionDim)
        case "episodes": return .int(Set(d.episodeIds).count)
        case "x": return .tensor(d.x)
        case "u": return .tensor(d.u)
        case "x_next": return .tensor(d.xNext)
        case "reward": return .tensor(d.reward)
        case "terminal": return .tensor(d.terminal)
        case "timeout": return .tensor(d.timeout)
        case "episode": return .tensor(d.episode)
        case "xu": return .tensor(d.tuples(.xu))
        case "xux": return .tensor(d.tuples(.xux))
        case "sha256": return .string(d.sha256)
        case "source": return .string(d.source)
        default: return nil
        }
    }

    /// Number of transitions.
    public var rowCount: Int { dataset.count }

    /// The rows as a new dataset (same source label).
    public func rows(_ indices: [Int]) throws -> Value { .opaque(DatasetValue(try dataset.rows(indices))) }
}

extension Arguments {
    /// A dataset argument.
    public func dataset(_ name: String) throws -> Dataset {
        let v = self[name]
        guard case .opaque(let o as DatasetValue) = v else { throw wrongType(name, "a dataset", v) }
        return o.dataset
    }
}
