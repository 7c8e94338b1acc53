import SGPTensor

extension BuiltinRegistry {
    func registerCollections() {
        add("len", "collections", [.req("x", "list, string, record or tensor")],
            "Number of elements: list items, string characters, record fields, or a tensor's first axis.",
            example: "len([[1, 2], [3, 4]])   # 2") { a, _ in
            switch a["x"] {
            case .list(let l): return .int(l.items.count)
            case .string(let s): return .int(s.count)
            case .record(let r): return .int(r.fields.count)
            case .tensor(let t):
                guard let n = t.shape.first else { throw RuntimeError("len of a rank-0 tensor") }
                return .int(n)
            case .opaque(let o):
                if let n = try o.field("length") ?? o.field("count") { return n }
                throw RuntimeError("len of a \(o.typeName) value")
            default: throw RuntimeError("len of a \(a["x"].typeName) value")
            }
        }
        add("range", "collections", [.req("a", "integer"), .opt("b", "integer", .nil), .opt("step", "integer", .number(1))],
            "The list a, a+step, … below b (`range(n)` = 0 … n-1). In a `for` loop it is iterated lazily.",
            example: "for i in range(3) do print(i) end") { a, ctx in
            var lo = 0.0, hi = try a.number("a")
            if !a["b"].isNil { lo = hi; hi = try a.number("b") }
            let step = try a.number("step")
            guard step != 0, step.isFinite, lo.isFinite, hi.isFinite else { throw RuntimeError("range needs finite bounds and a non-zero step") }
            let nd = max(0, ((hi - lo) / step).rounded(.up))
            guard nd.isFinite, nd <= Double(ctx.interpreter.limits.maxListLength) else {
                throw RuntimeError("range of \(formatNumber(nd)) elements exceeds the list size limit")
            }
            let n = Int(nd)
            return .makeList((0..<n).map { .number(lo + Double($0) * step) })
        }
        add("keys", "collections", [.req("r", "record")], "Field names of a record (or a module), in order.",
            example: "keys({lr: 0.1, iters: 50})   # [\"lr\", \"iters\"]") { a, _ in
            if case .opaque(let o) = a["r"] { return .makeList(o.fieldNames.map { .string($0) }) }
            return .makeList(try a.record("r").names.map { .string($0) })
        }
        add("values", "collections", [.req("r", "record")], "Field values of a record, in order.",
            example: "values({a: 1, b: 2})   # [1, 2] (a tensor)") { a, _ in
            .makeList(try a.record("r").fields.map { $0.value })
        }
        add("has", "collections", [.req("r", "record"), .req("name", "string")], "Whether a record has field `name`.",
            example: "has(cfg, \"lr\")") { a, _ in
            .bool(try a.record("r").get(try a.string("name")) != nil)
        }
        add("append", "collections", [.req("list", "list"), .req("value", "any")],
            "Appends `value` to `list` in place and returns the list.",
            example: "xs = list()\nappend(xs, 3)") { a, ctx in
            let l = try a.list("list")
            guard l.items.count < ctx.interpreter.limits.maxListLength else { throw RuntimeError("list exceeds the list size limit") }
            l.items.append(a["value"])
            return a["list"]
        }
        add("list", "collections", [.rest("items", "any")],
            "A list of the arguments (never a tensor, unlike a numeric list literal).",
            example: "xs = list(1, 2, 3)") { a, _ in .makeList(try a.list("items").items) }
        add("zip", "collections", [.rest("lists", "list")], "Lists of corresponding elements, up to the shortest.",
            example: "for p in zip(names, values) do print(p[0], p[1]) end") { a, _ in
            let ls = try a.list("lists").items.map { v -> [Value] in
                if case .list(let l) = v { return l.items }
                throw RuntimeError("zip takes lists, got \(v.typeName)")
            }
            let n = ls.map { $0.count }.min() ?? 0
            return .makeList((0..<n).map { i in .makeList(ls.map { $0[i] }) })
        }
        add("enumerate", "collections", [.req("list", "list")], "Pairs [index, element].",
            example: "for p in enumerate(xs) do print(p[0], p[1]) end") { a, _ in
            .makeList(try a.list("list").items.enumerated().map { .makeList([.int($0.offset), $0.element]) })
        }
        add("map", "collections", [.req("f", "function"), .req("xs", "list or tensor")],
            "`f(x)` for each element of a list (a list), or each row of a tensor (a tensor when every result is a number).",
            example: "map(x -> x^2, [1, 2, 3])   # tensor([1, 4, 9])\nmap(s -> s + \"!\", list(\"a\", \"b\"))") { a, ctx in
            let f = try a.callable("f")
            let items = try elements(a, "xs")
            let out = try items.map { try ctx.call(f, [$0]) }
            if case .tensor = a["xs"] { return try ListNode.assemble(out, nested: out.map { _ in true }, coerceBools: true) }
            return .makeList(out)
        }
        add("filter", "collections", [.req("f", "function"), .req("xs", "list or tensor")],
            "The elements (or tensor rows) for which `f(x)` is true.",
            example: "filter(x -> x > 1, list(1, 2, 3))   # [2, 3]") { a, ctx in
            let f = try a.callable("f")
            let kept = try elements(a, "xs").filter { try ctx.call(f, [$0]).truthy() }
            if case .tensor(let t) = a["xs"], !kept.isEmpty || t.rank == 1 {
                if kept.isEmpty { return .tensor(Tensor.zeros([0], dtype: t.dtype)) }
                return try ListNode.assemble(kept, nested: kept.map { _ in true }, coerceBools: true)
            }
            return .makeList(kept)
        }
        add("sorted", "collections", [.req("list", "list"), .opt("key", "function", .nil)],
            "A sorted copy of a list of numbers or strings (by `key(x)` when given).",
            example: "sorted(list(3, 1, 2))   # [1, 2, 3]") { a, ctx in
            let items = try a.list("list").items
            let key = a["key"]
            let keys = try items.map { key.isNil ? $0 : try ctx.call(key, [$0]) }
            let order = try (0..<items.count).sorted { i, j in
                switch (keys[i], keys[j]) {
                case (.string(let x), .string(let y)): return x < y
                default:
                    guard let x = keys[i].numberValue, let y = keys[j].numberValue else {
                        throw RuntimeError("sorted compares numbers or strings, got \(keys[i].typeName) and \(keys[j].typeName)")
                    }
                    return x < y
                }
            }
            return .makeList(order.map { items[$0] })
        }
        add("copy", "collections", [.req("x", "list or record")], "A shallow copy of a list or record.",
            example: "cfg2 = copy(cfg)\ncfg2.lr = 0.01") { a, _ in
            switch a["x"] {
            case .list(let l): return .makeList(l.items)
            case .record(let r): return .makeRecord(r.fields.map { ($0.name, $0.value) })
            default: return a["x"]
            }
        }
        add("join", "collections", [.req("list", "list"), .opt("sep", "string", .string(""))],
            "The elements as text joined by `sep`.", example: "join(list(\"a\", \"b\"), \", \")   # \"a, b\"") { a, _ in
            .string(try a.list("list").items.map { $0.display }.joined(separator: try a.string("sep")))
        }
    }
}

/// The elements of a list, or the rows of a tensor along its first axis.
func elements(_ a: Arguments, _ name: String) throws -> [Value] {
    switch a[name] {
    case .list(let l): return l.items
    case .tensor(let t):
        guard t.rank > 0 else { throw RuntimeError("'\(a.owner)' cannot iterate over a rank-0 tensor") }
        return try (0..<t.shape[0]).map { .tensor(try t.slice([.index($0)])) }
    default: throw a.wrongType(name, "a list or a tensor", a[name])
    }
}
