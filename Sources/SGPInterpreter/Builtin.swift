import SGPSyntax

/// One parameter of a builtin: its name, a type description for docs, and a default (nil = required).
public struct BuiltinParam {
    /// Keyword name.
    public var name: String
    /// Human description of the accepted type ("tensor", "int or list of ints").
    public var type: String
    /// Default value; nil when the argument is required.
    public var defaultValue: Value?
    /// Collects all remaining positional arguments into a list (like Python's `*args`).
    public var variadic: Bool

    /// A required parameter.
    public static func req(_ name: String, _ type: String) -> BuiltinParam {
        BuiltinParam(name: name, type: type, defaultValue: nil, variadic: false)
    }
    /// An optional parameter with a default.
    public static func opt(_ name: String, _ type: String, _ value: Value) -> BuiltinParam {
        BuiltinParam(name: name, type: type, defaultValue: value, variadic: false)
    }
    /// A parameter collecting the remaining positional arguments.
    public static func rest(_ name: String, _ type: String) -> BuiltinParam {
        BuiltinParam(name: name, type: type, defaultValue: .makeList([]), variadic: true)
    }
}

/// The signature of a builtin's implementation: bound arguments and the calling context.
public typealias BuiltinBody = (Arguments, CallContext) throws -> Value

/// A function implemented in Swift, registered in the `BuiltinRegistry`.
///
/// Builtins are compared by identity: the planner recognises `grad` in `plan(grad, ...)` because the value is
/// the very builtin registered under that name (`Builtin.name == "grad"` and `category == "autodiff"`).
public final class Builtin {
    /// The name scripts call it by.
    public let name: String
    /// Docs section ("core", "tensor", "autodiff", …).
    public let category: String
    /// Parameters in positional order.
    public let params: [BuiltinParam]
    /// One paragraph of help.
    public let help: String
    /// A short example line (or lines) in the language.
    public let example: String
    /// The implementation.
    public let body: BuiltinBody
    let paramIndex: [String: Int]

    /// A builtin; prefer `BuiltinRegistry.add`.
    public init(name: String, category: String, params: [BuiltinParam], help: String, example: String,
                body: @escaping BuiltinBody) {
        self.name = name; self.category = category; self.params = params; self.help = help
        self.example = example; self.body = body
        var idx: [String: Int] = [:]
        for (i, p) in params.enumerated() { idx[p.name] = i }
        self.paramIndex = idx
    }

    /// `name(a, b=1, *rest)`.
    public var signature: String {
        let ps = params.map { p -> String in
            if p.variadic { return "\(p.name)..." }
            if let d = p.defaultValue { return "\(p.name)=\(d.repr)" }
            return p.name
        }
        return "\(name)(\(ps.joined(separator: ", ")))"
    }

    /// Binds positional and keyword arguments to parameters, filling defaults; errors name this builtin.
    func bind(_ positional: [Value], _ keywords: [(name: String, value: Value)]) throws -> Arguments {
        var bound = [Value?](repeating: nil, count: params.count)
        var pi = 0
        for v in positional {
            guard pi < params.count else {
                throw RuntimeError("too many arguments to '\(name)': expected at most \(params.count), got \(positional.count)",
                                   help: "usage: \(signature)")
            }
            if params[pi].variadic {
                if case .list(let l)? = bound[pi] { l.items.append(v) } else { bound[pi] = .makeList([v]) }
            } else {
                bound[pi] = v
                pi += 1
            }
        }
        for (k, v) in keywords {
            guard let i = paramIndex[k] else {
                var e = RuntimeError("unknown keyword argument '\(k)' to '\(name)'",
                                     help: didYouMean(k, params.map { $0.name }) ?? "usage: \(signature)")
                e.keyword = k
                throw e
            }
            guard bound[i] == nil || params[i].variadic else {
                throw RuntimeError("argument '\(k)' to '\(name)' given twice")
            }
            bound[i] = v
        }
        for i in 0..<params.count where bound[i] == nil {
            guard let d = params[i].defaultValue else {
                throw RuntimeError("missing argument '\(params[i].name)' to '\(name)'", help: "usage: \(signature)")
            }
            // Variadic defaults are fresh lists so builtins may consume them.
            bound[i] = params[i].variadic ? .makeList([]) : d
        }
        return Arguments(builtin: self, values: bound.map { $0 ?? .nil })
    }
}

/// Arguments bound to a builtin's parameters, with typed accessors that produce errors naming the builtin and
/// the argument.
public struct Arguments {
    /// The builtin being called (nil for calls of opaque values).
    public let builtin: Builtin?
    /// One value per parameter (opaque calls: the positional arguments).
    public let values: [Value]
    /// Keyword arguments of an opaque call (empty for builtins: the registry binds them).
    public let keywords: [(name: String, value: Value)]

    init(builtin: Builtin, values: [Value]) { self.builtin = builtin; self.values = values; self.keywords = [] }
    /// Raw arguments for an opaque value's `call`.
    public init(positional: [Value], keywords: [(name: String, value: Value)]) {
        self.builtin = nil; self.values = positional; self.keywords = keywords
    }

    var owner: String { builtin?.name ?? "call" }

    /// The value of parameter `name` (`.nil` when unknown).
    public subscript(_ name: String) -> Value {
        if let b = builtin, let i = b.paramIndex[name] { return values[i] }
        return keywords.first { $0.name == name }?.value ?? .nil
    }

    /// The value of parameter number `i` (`.nil` when out of range).
    public subscript(_ i: Int) -> Value { i >= 0 && i < values.count ? values[i] : .nil }

    func wrongType(_ name: String, _ expected: String, _ v: Value) -> RuntimeError {
        RuntimeError("argument '\(name)' to '\(owner)' must be \(expected), got \(v.typeName)")
    }
}
