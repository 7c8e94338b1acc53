import SGPPlot
import SGPTensor

/// A noise-level list σ_0 > … > σ_{L−1} from `cosine_sigmas`/`geom_sigmas` (coarsest first, like the planners'
/// levels). Prints, plots, has `len`, and indexes like a 1-D tensor: `s[0]` is a number, `s[1:3]` a shorter list.
public final class SigmasValue: OpaqueValue, RowIndexable, PlottableValue {
    /// The σ values, coarsest first.
    public let sigmas: [Double]
    /// How they were made ("cosine", "geometric", "list").
    public let kind: String

    /// Wraps `sigmas`.
    public init(_ sigmas: [Double], kind: String) { self.sigmas = sigmas; self.kind = kind }

    /// "sigmas".
    public var typeName: String { "sigmas" }
    /// `sigmas (cosine, 5 levels): [0.3, 0.2768, 0.2, 0.1232, 0.05]`.
    public var summary: String {
        let shown = sigmas.count <= 8 ? sigmas.map(short).joined(separator: ", ")
            : (sigmas.prefix(4).map(short) + ["…"] + sigmas.suffix(2).map(short)).joined(separator: ", ")
        return "sigmas (\(kind), \(sigmas.count) level\(sigmas.count == 1 ? "" : "s")): [\(shown)]"
    }
    /// Documented fields.
    public var fieldNames: [String] { ["values", "length", "max", "min", "kind"] }
    /// `values` is a float32 tensor [L]; `length` makes `len(s)` work.
    public func field(_ name: String) throws -> Value? {
        switch name {
        case "values": return .tensor(Tensor(sigmas))
        case "length": return .int(sigmas.count)
        case "max": return .number(sigmas.max() ?? 0)
        case "min": return .number(sigmas.min() ?? 0)
        case "kind": return .string(kind)
        default: return nil
        }
    }
    /// Number of levels.
    public var rowCount: Int { sigmas.count }
    /// One index gives the number; several give a shorter list.
    public func rows(_ indices: [Int]) throws -> Value {
        if indices.count == 1 { return .number(sigmas[indices[0]]) }
        return .opaque(SigmasValue(indices.map { sigmas[$0] }, kind: kind))
    }
    /// σ against the level index.
    public func makeFigure(_ options: PlotOptions) throws -> Figure {
        var fig = Figure()
        var ax = Axes(title: options.title ?? "noise levels (\(kind))", xlabel: options.xlabel ?? "level",
                      ylabel: options.ylabel ?? "sigma")
        do {
            try ax.plot(sigmas.indices.map(Double.init), sigmas, label: options.label, style: options.style ?? .solid,
                        color: options.color)
        } catch let e as PlotError { throw RuntimeError(e.description) }
        fig.ax = ax
        return fig
    }
}

extension Arguments {
    /// A σ list: a sigmas value, a number, a list of numbers or a 1-D tensor; every entry positive and finite.
    func sigmaList(_ name: String) throws -> [Double] {
        let v = self[name]
        var out: [Double]
        switch v {
        case .opaque(let s as SigmasValue): out = s.sigmas
        case .number(let d): out = [d]
        default:
            guard let t = try v.asTensor(), t.rank <= 1 else { throw wrongType(name, "a number, a list of numbers or sigmas", v) }
            out = t.scalars
        }
        guard !out.isEmpty, out.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw RuntimeError("argument '\(name)' to '\(owner)' must hold positive numbers, got [\(out.map(formatNumber).joined(separator: ", "))]")
        }
        return out
    }
}
