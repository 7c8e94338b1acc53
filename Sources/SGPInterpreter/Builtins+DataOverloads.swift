import SGPData
import SGPTensor

// `split`, `filter` and `concat` are tensor/list builtins; given a dataset first they act on its rows. The generic
// builtin is wrapped (same parameters, plus any extra ones) rather than edited, so its own file stays as it is.

extension BuiltinRegistry {
    /// Re-registers `name` so that `datasetBody` handles calls whose first argument is a dataset; other calls go
    /// to the builtin registered before. Does nothing when `name` is not registered yet.
    func overloadForDatasets(_ name: String, extra: [BuiltinParam] = [], help: String, example: String,
                             _ datasetBody: @escaping (Arguments, Dataset, CallContext) throws -> Value) {
        guard let original = builtin(named: name) else { return }
        let params = original.params + extra.filter { p in !original.params.contains { $0.name == p.name } }
        let firstName = params.first?.name ?? ""
        add(name, original.category, params, original.help + " " + help,
            example: original.example + "\n" + example) { a, ctx in
            if case .opaque(let o as DatasetValue) = a[firstName] { return try datasetBody(a, o.dataset, ctx) }
            for p in extra where !original.params.contains(where: { $0.name == p.name }) {
                if let d = p.defaultValue, !Operators.valuesEqual(a[p.name], d) {
                    throw RuntimeError("argument '\(p.name)' to '\(name)' applies to datasets only")
                }
            }
            return try original.body(a, ctx)
        }
    }

    func registerDataOverloads() {
        overloadForDatasets("split", extra: [.opt("seed", "integer (datasets)", .nil), .opt("by_episode", "bool (datasets)", .bool(false))],
                            help: "On a dataset, `split(d, fraction, seed=)` returns {train, val} with round((1 - fraction) N) random validation rows (whole episodes with `by_episode=true`).",
                            example: "parts = split(d, 0.9, seed=0)\nprint(parts.val.n)") { a, d, ctx in
            let args = a.values
            guard args.count >= 2, let f = args[1].numberValue else {
                throw RuntimeError("split: a dataset is split by a train fraction, e.g. split(d, 0.9)")
            }
            guard f >= 0, f <= 1 else { throw RuntimeError("split: the train fraction must be in [0, 1], got \(formatNumber(f))") }
            let seed = try seedArgument(a, "seed", stream: "data", ctx)
            let (train, val) = try d.split(validationFraction: 1 - f, seed: seed, byEpisode: try a.bool("by_episode"))
            return .makeRecord([("train", .opaque(DatasetValue(train))), ("val", .opaque(DatasetValue(val)))])
        }
        overloadForDatasets("filter", help: "On a dataset, `filter(d, mask)` keeps the rows where the tensor `mask` [N] is non-zero.",
                            example: "near = filter(d, sum(d.x^2, axis=1) < 0.25)") { a, d, _ in
            let v = a[1]
            guard let mask = try v.asTensor() else { throw RuntimeError("filter: a dataset is filtered by a mask tensor [\(d.count)], got \(v.typeName)") }
            return .opaque(DatasetValue(try d.filter(mask: mask)))
        }
        overloadForDatasets("concat", help: "Given datasets (`concat(d1, d2)` or `concat([d1, d2])`), joins their rows like `concat_data`.",
                            example: "both = concat(d1, d2)") { a, _, _ in
            var items = [a[0]]
            if case .opaque = a[1] { items.append(a[1]) }
            return .opaque(DatasetValue(try concatDatasets(items)))
        }
        // A list of datasets reaches the tensor `concat` as a list: route it here too.
        if let tensorConcat = builtin(named: "concat") {
            add("concat", tensorConcat.category, tensorConcat.params, tensorConcat.help, example: tensorConcat.example) { a, ctx in
                if case .list(let l) = a[0], case .opaque(_ as DatasetValue)? = l.items.first {
                    return .opaque(DatasetValue(try concatDatasets(l.items)))
                }
                return try tensorConcat.body(a, ctx)
            }
        }
    }
}
