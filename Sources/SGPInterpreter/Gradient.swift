import Foundation
import SGPTensor

/// The function value returned by `grad(f)` / `value_and_grad(f)`: calling it runs `f` with the chosen arguments
/// as fresh autodiff leaves and returns their gradients.
///
/// Arguments to differentiate may be numbers (promoted to rank-0 Float32 tensors; the gradient comes back as a
/// number), tensors (gradient of the same shape and dtype), or lists/records of them (gradients with the same
/// structure: a record of parameters gives a record of gradients). `f` must return one element.
final class GradientFunction: OpaqueValue {
    let f: Value
    /// Parameter names to differentiate with respect to; nil = the first positional argument.
    let wrt: [String]?
    /// `wrt` was given as a list, so the gradients come back as a record.
    let wrtIsList: Bool
    let withValue: Bool

    init(f: Value, wrt: [String]?, wrtIsList: Bool, withValue: Bool) {
        self.f = f; self.wrt = wrt; self.wrtIsList = wrtIsList; self.withValue = withValue
    }

    var typeName: String { "function" }
    var summary: String { "<\(withValue ? "value_and_grad" : "grad") of \(fName)>" }
    var fName: String {
        switch f {
        case .function(let c): return c.name
        case .builtin(let b): return b.name
        default: return f.typeName
        }
    }

    func paramNames() -> [String] {
        switch f {
        case .function(let c): return c.parameterNames
        case .builtin(let b): return b.params.map { $0.name }
        default: return []
        }
    }

    func call(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        var positional = args.values
        var keywords = args.keywords
        // Which arguments to differentiate: positions into `positional` or names into `keywords`.
        var targets: [(name: String, position: Int?)] = []
        if let wrt {
            let names = paramNames()
            for w in wrt {
                if let k = keywords.firstIndex(where: { $0.name == w }) { targets.append((w, nil)); _ = k; continue }
                guard let i = names.firstIndex(of: w) else {
                    throw RuntimeError("grad: '\(fName)' has no parameter '\(w)'", help: didYouMean(w, names))
                }
                guard i < positional.count else { throw RuntimeError("grad: argument '\(w)' to '\(fName)' was not given") }
                targets.append((w, i))
            }
        } else {
            guard !positional.isEmpty else { throw RuntimeError("grad: '\(fName)' needs a first argument to differentiate") }
            targets.append((paramNames().first ?? "x", 0))
        }
        var leaves: [Tensor] = []
        var originals: [Value] = []
        for t in targets {
            let v = t.position.map { positional[$0] } ?? keywords.first { $0.name == t.name }?.value ?? .nil
            originals.append(v)
            let leafed = try leafify(v, &leaves, name: t.name)
            if let p = t.position { positional[p] = leafed } else if let k = keywords.firstIndex(where: { $0.name == t.name }) {
                keywords[k].value = leafed
            }
        }
        // The recorded graph is held only by `graph`, and released where a long chain cannot overflow the stack.
        let graph = GraphHolder()
        defer { graph.release(after: leaves) }
        let (grads, y) = try differentiate(positional, keywords, leaves, ctx, graph)
        var k = 0
        var results: [(String, Value)] = []
        for (t, orig) in zip(targets, originals) { results.append((t.name, rebuild(orig, grads, &k))) }
        let g: Value = wrtIsList ? .makeRecord(results) : results[0].1
        guard withValue else { return g }
        let value: Value = y.rank == 0 ? .number(y.scalar(at: 0)) : .tensor(y)
        return .makeRecord([("value", value), ("grad", g)])
    }

    /// Runs `f` with recording on and returns the gradients and the (detached) output.
    private func differentiate(_ positional: [Value], _ keywords: [(name: String, value: Value)], _ leaves: [Tensor],
                               _ ctx: CallContext, _ graph: GraphHolder) throws -> ([Tensor], Tensor) {
        graph.output = try GradMode.withGrad { try ctx.call(f, positional, keywords: keywords) }
        switch graph.output {
        case .tensor(let t): graph.root = t
        case .number(let d): graph.root = Tensor(scalar: d)
        default: throw RuntimeError("grad: '\(fName)' must return a number or a one-element tensor, got \(graph.output.typeName)")
        }
        guard let y = graph.root, y.count == 1 else {
            throw RuntimeError("grad: '\(fName)' must return one element, got a tensor of shape \(graph.root?.shape ?? [])",
                               help: "reduce it, e.g. with sum(...) or mean(...)")
        }
        return (try Autodiff.gradients(of: y, wrt: leaves), y.detached())
    }

    /// Replaces every number/tensor inside `v` by a fresh autodiff leaf, collecting the leaves in order.
    private func leafify(_ v: Value, _ leaves: inout [Tensor], name: String, depth: Int = 0) throws -> Value {
        guard depth < 32 else { throw RuntimeError("grad: '\(name)' is nested deeper than 32 levels") }
        switch v {
        case .number(let d):
            let t = Tensor(scalar: d).requiringGrad(); leaves.append(t); return .tensor(t)
        case .tensor(let t):
            let l = t.detached().requiringGrad(); leaves.append(l); return .tensor(l)
        case .list(let l): return .makeList(try l.items.map { try leafify($0, &leaves, name: name, depth: depth + 1) })
        case .record(let r): return .makeRecord(try r.fields.map { ($0.name, try leafify($0.value, &leaves, name: name, depth: depth + 1)) })
        default: throw RuntimeError("grad: cannot differentiate with respect to '\(name)', a \(v.typeName) value")
        }
    }

    /// The gradients in the shape of the original argument.
    private func rebuild(_ v: Value, _ grads: [Tensor], _ k: inout Int) -> Value {
        switch v {
        case .number:
            let g = grads[k]; k += 1; return .number(g.scalar(at: 0))
        case .tensor:
            let g = grads[k]; k += 1; return .tensor(g)
        case .list(let l): return .makeList(l.items.map { rebuild($0, grads, &k) })
        case .record(let r): return .makeRecord(r.fields.map { ($0.name, rebuild($0.value, grads, &k)) })
        default: return .nil
        }
    }
}

extension BuiltinRegistry {
    func registerAutodiff() {
        let wrtParam = BuiltinParam.opt("wrt", "parameter name or list of names", .nil)
        func make(_ a: Arguments, withValue: Bool) throws -> Value {
            let f = try a.callable("f")
            switch a["wrt"] {
            case .nil: return .opaque(GradientFunction(f: f, wrt: nil, wrtIsList: false, withValue: withValue))
            case .string(let s): return .opaque(GradientFunction(f: f, wrt: [s], wrtIsList: false, withValue: withValue))
            case .list(let l):
                let names = try l.items.map { v -> String in
                    guard case .string(let s) = v else { throw RuntimeError("grad: wrt must list parameter names, got \(v.typeName)") }
                    return s
                }
                guard !names.isEmpty else { throw RuntimeError("grad: wrt is an empty list") }
                return .opaque(GradientFunction(f: f, wrt: names, wrtIsList: true, withValue: withValue))
            default: throw a.wrongType("wrt", "a parameter name or a list of names", a["wrt"])
            }
        }
        add("grad", "autodiff", [.req("f", "function"), wrtParam],
            "A function computing the gradient of `f` (which must return one element) with respect to its first "
            + "argument, or the parameters named by `wrt` (a list gives a record of gradients). Numbers are "
            + "differentiated as rank-0 float32 tensors. `grad` is also the gradient planner's selector in "
            + "`plan(grad, ...)`: planners recognise this builtin by identity.",
            example: "fn f(x) = sum(x^2)\ndf = grad(f)\ndf([1, 2])   # tensor([2, 4])\ngrad((a, b) -> a * b, wrt=[\"a\", \"b\"])(2, 3)   # {a: 3, b: 2}") { a, _ in
            try make(a, withValue: false)
        }
        add("value_and_grad", "autodiff", [.req("f", "function"), wrtParam],
            "Like `grad`, but the function returns `{value:, grad:}`.",
            example: "r = value_and_grad(x -> x^3)(2)\nprint(r.value, r.grad)   # 8 12") { a, _ in
            try make(a, withValue: true)
        }
        add("stopgrad", "autodiff", [.req("x", "tensor or number")],
            "The same values with gradients cut: nothing flows back through the result.",
            example: "target = stopgrad(model_output)") { a, _ in
            if case .tensor(let t) = a["x"] { return .tensor(t.detached()) }
            return a["x"]
        }
        add("detach", "autodiff", [.req("x", "tensor or number")], "Same as `stopgrad`.", example: "y = detach(x)") { a, _ in
            if case .tensor(let t) = a["x"] { return .tensor(t.detached()) }
            return a["x"]
        }
        add("no_grad", "autodiff", [.req("f", "function"), .rest("args", "any")],
            "Calls `f(args...)` with gradient recording off (faster evaluation when no gradient is needed).",
            example: "y = no_grad(model, x)") { a, ctx in
            let f = try a.callable("f")
            let args = try a.list("args").items
            return try GradMode.noGrad { try ctx.call(f, args) }
        }
    }
}

/// Holds the autodiff graph of one `grad` call. Dropping a graph releases its nodes recursively (each node owns
/// its inputs), so a chain of many thousands of ops — a long loop inside the differentiated function — would
/// overflow an 8 MiB stack; large graphs are therefore released on a helper thread with a 1 GiB stack
/// (reserved, not committed).
final class GraphHolder: @unchecked Sendable {
    var output: Value = .nil
    var root: Tensor?

    /// Graphs with fewer new nodes than this are released in place; the helper thread costs tens of
    /// microseconds. (Measured: dropping a 300,000-op chain crashed a release build on the 8 MiB main thread.)
    static let inPlaceNodes = 5_000

    func release(after leaves: [Tensor]) {
        let first = leaves.compactMap { $0.node?.id }.min() ?? 0
        let created = (root?.node?.id ?? 0) - first
        guard created > GraphHolder.inPlaceNodes else { return }
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            output = .nil
            root = nil
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
    }
}
