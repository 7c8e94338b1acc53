import Foundation

/// The one table of builtins: every function and constant scripts can use without `use`, with parameters,
/// defaults, type descriptions, help and an example. `help(name)`, the REPL's completion and docs/BUILTINS.md
/// all read it.
///
/// Adding a builtin is one `add` call in a `Builtins+<Area>.swift` file; argument binding (positional, keyword,
/// defaults, "unknown keyword argument ... did you mean") is done here, once, for all of them.
public final class BuiltinRegistry {
    /// Builtins in registration order.
    public private(set) var builtins: [Builtin] = []
    /// Named constants (`pi`, `inf`, `nan`) with their help.
    public private(set) var constants: [(name: String, value: Value, help: String)] = []
    private var byName: [String: Builtin] = [:]
    private var constantByName: [String: Value] = [:]

    /// An empty registry; `standard()` gives the full one.
    public init() {}

    /// The registry with every area's builtins. Areas register in `Builtins+<Area>.swift`.
    public static func standard() -> BuiltinRegistry {
        let r = BuiltinRegistry()
        r.registerCore()
        r.registerCollections()
        r.registerMath()
        r.registerTensorCreation()
        r.registerTensorOps()
        r.registerAutodiff()
        r.registerSystem()
        r.registerPlot()
        r.registerPlotFields()
        r.registerFigures()
        r.registerEnvs()
        r.registerModels()
        r.registerPlanning()
        r.registerData()  // after the tensor/list builtins: wraps split, filter and concat
        return r
    }

    /// Registers a builtin. A later registration under the same name replaces the earlier one.
    public func add(_ name: String, _ category: String, _ params: [BuiltinParam], _ help: String,
                    example: String, _ body: @escaping BuiltinBody) {
        let b = Builtin(name: name, category: category, params: params, help: help, example: example, body: body)
        if byName[name] != nil { builtins.removeAll { $0.name == name } }
        builtins.append(b)
        byName[name] = b
    }

    /// Registers a named constant.
    public func constant(_ name: String, _ value: Value, _ help: String) {
        constants.removeAll { $0.name == name }
        constants.append((name, value, help))
        constantByName[name] = value
    }

    /// The builtin registered as `name`.
    public func builtin(named name: String) -> Builtin? { byName[name] }

    /// The value a global `name` starts out bound to: a builtin or a constant.
    public func value(named name: String) -> Value? {
        if let b = byName[name] { return .builtin(b) }
        return constantByName[name]
    }

    /// All builtin and constant names.
    public var names: [String] { builtins.map { $0.name } + constants.map { $0.name } }

    /// Help text for `name` as `help(name)` prints it, or nil when unknown.
    public func helpText(_ name: String) -> String? {
        if let b = byName[name] {
            var s = "\(b.signature)\n  \(b.help)"
            if !b.params.isEmpty {
                s += "\n  parameters:"
                for p in b.params {
                    let d = p.variadic ? " (any number)" : p.defaultValue.map { " = \($0.repr)" } ?? " (required)"
                    s += "\n    \(p.name): \(p.type)\(d)"
                }
            }
            s += "\n  example:\n" + b.example.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n")
            return s
        }
        if let c = constants.first(where: { $0.name == name }) { return "\(c.name) = \(c.value.repr)\n  \(c.help)" }
        return nil
    }

    /// docs/BUILTINS.md: every builtin by category, with signature, parameters, help and example.
    public func markdown() -> String {
        var out = "# Builtins\n\n"
        out += "Generated from `BuiltinRegistry` (`Sources/SGPInterpreter/Builtins+*.swift`); do not edit by hand.\n"
        out += "Regenerate with `SGP_RECORD=1 swift test --filter GeneratedFilesTests`.\n\n"
        out += "Scripts cannot start processes or open network connections: no builtin does either. Every file\n"
        out += "access goes through a builtin that names its path and is checked against the sandbox.\n\n"
        var categories: [String] = []
        for b in builtins where !categories.contains(b.category) { categories.append(b.category) }
        out += "Categories: " + categories.map { "[\($0)](#\($0.replacingOccurrences(of: " ", with: "-")))" }.joined(separator: ", ") + ", [constants](#constants)\n"
        for c in categories {
            out += "\n## \(c)\n"
            for b in builtins.filter({ $0.category == c }).sorted(by: { $0.name < $1.name }) {
                out += "\n### `\(b.signature)`\n\n\(b.help)\n\n"
                if !b.params.isEmpty {
                    out += "| parameter | type | default |\n|---|---|---|\n"
                    for p in b.params {
                        let d = p.variadic ? "any number" : p.defaultValue.map { "`\($0.repr)`" } ?? "required"
                        out += "| `\(p.name)` | \(p.type) | \(d) |\n"
                    }
                    out += "\n"
                }
                out += "```\n\(b.example)\n```\n"
            }
        }
        out += "\n## constants\n\n| name | value | meaning |\n|---|---|---|\n"
        for c in constants { out += "| `\(c.name)` | `\(c.value.repr)` | \(c.help) |\n" }
        return out
    }
}
