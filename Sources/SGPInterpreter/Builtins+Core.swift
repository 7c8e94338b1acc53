import Foundation
import SGPTensor

extension BuiltinRegistry {
    func registerCore() {
        add("print", "core", [.rest("values", "any"), .opt("sep", "string", .string(" "))],
            "Prints the values separated by `sep` to the host's output (the terminal or the notebook cell).",
            example: "print(\"loss\", 0.25)   # loss 0.25") { a, ctx in
            let vals = (try? a.list("values").items) ?? []
            ctx.print(vals.map { $0.display }.joined(separator: try a.string("sep")))
            return .nil
        }
        add("show", "core", [.req("x", "any"), .opt("full", "bool", .bool(false)), .opt("name", "string (figures)", .nil)],
            "Prints a value; tensors with shape, dtype, statistics and (with `full=true`) every element. A figure goes to the host: drawn in the terminal by the REPL, saved into the run directory by `sgp run` (as `name`.svg when given), inline in notebook reports.",
            example: "show(randn([100, 3]))\nshow(x, full=true)\nshow(plot(losses), name=\"loss\")") { a, ctx in
            if case .opaque(let f as FigureValue) = a["x"] {
                let name: String?
                switch a["name"] {
                case .nil: name = nil
                case .string(let s): name = s
                case let v: throw RuntimeError("show: name must be a string, got \(v.typeName)")
                }
                if !ctx.interpreter.showFigure(f, name: name) { ctx.print(f.summary) }
                return .nil
            }
            if case .tensor(let t) = a["x"] {
                let full = try a.bool("full")
                // Printing every element of a huge tensor would build a gigabyte string; save it to a file instead.
                guard !full || t.count <= 1_000_000 else {
                    throw RuntimeError("show(full=true) of a tensor with \(t.count) elements; the limit is 1,000,000")
                }
                ctx.print(formatTensor(t, full: full))
            } else { ctx.print(a["x"].repr) }
            return .nil
        }
        add("type", "core", [.req("x", "any")], "The kind of a value as a string.",
            example: "type([1, 2])   # \"tensor\"") { a, _ in .string(a["x"].typeName) }
        add("str", "core", [.req("x", "any")], "The value as text (what `print` shows).",
            example: "str(0.5) + \"s\"   # \"0.5s\"") { a, _ in .string(a["x"].display) }
        add("repr", "core", [.req("x", "any")], "The value as the REPL shows it (strings quoted).",
            example: "repr(\"a\")   # \"\\\"a\\\"\"") { a, _ in .string(a["x"].repr) }
        add("help", "core", [.opt("name", "string or builtin", .nil)],
            "Prints help for a builtin (its signature, parameters and an example), or lists all builtins.",
            example: "help(\"linspace\")\nhelp(sum)") { [unowned self] a, ctx in
            var name: String?
            switch a["name"] {
            case .string(let s): name = s
            case .builtin(let b): name = b.name
            case .function(let c):
                ctx.print("\(c.name)(\(c.parameterNames.joined(separator: ", "))): a function defined in a script")
                return .nil
            case .nil: break
            default: throw RuntimeError("help takes a builtin or its name, got \(a["name"].typeName)")
            }
            guard let name else {
                var cats: [String] = []
                for b in self.builtins where !cats.contains(b.category) { cats.append(b.category) }
                for c in cats {
                    ctx.print("\(c): " + self.builtins.filter { $0.category == c }.map { $0.name }.sorted().joined(separator: ", "))
                }
                return .nil
            }
            guard let text = self.helpText(name) else {
                throw RuntimeError("no builtin named '\(name)'", help: didYouMean(name, self.names))
            }
            ctx.print(text)
            return .nil
        }
        add("assert", "core", [.req("cond", "bool"), .opt("message", "string", .string("assertion failed"))],
            "Raises an error with `message` when `cond` is false.",
            example: "assert(len(xs) > 0, \"no data\")") { a, _ in
            guard try a["cond"].truthy() else { throw RuntimeError(try a.string("message")) }
            return .nil
        }
        add("error", "core", [.req("message", "string")], "Raises an error with `message`.",
            example: "if x < 0 then error(\"negative x\") else x") { a, _ in
            throw RuntimeError(a["message"].display)
        }
        add("check_finite", "core", [.req("x", "tensor or number"), .opt("name", "string", .string("value"))],
            "Raises an error naming `name` when `x` contains NaN or Inf (they are values otherwise); returns `x`.",
            example: "loss = check_finite(loss, \"loss\")") { a, _ in
            let name = try a.string("name")
            if let d = a["x"].numberValue, case .number = a["x"] {
                guard d.isFinite else { throw RuntimeError("\(name) is not finite: \(formatNumber(d))") }
                return a["x"]
            }
            let t = try a.tensor("x")
            let (nan, inf) = t.nonFiniteCount
            guard nan + inf == 0 else {
                throw RuntimeError("\(name) has \(nan) NaN and \(inf) Inf values (shape \(t.shape))")
            }
            return a["x"]
        }
        add("record", "core", [.req("name", "string"), .req("value", "any")],
            "Keeps `value` under `name` in the run manifest (metrics, chosen settings); returns `value`.",
            example: "record(\"final_cost\", cost)") { a, ctx in
            ctx.interpreter.recorded.append((try a.string("name"), a["value"]))
            return a["value"]
        }
        add("seed", "core", [.req("n", "integer")],
            "Restarts every random stream from seed `n` (streams are named, so draws in one place never shift another).",
            example: "seed(42)\nx = randn([3])") { a, ctx in
            let n = try a.int("n")
            guard n >= 0 else { throw RuntimeError("seed must be non-negative, got \(n)") }
            ctx.interpreter.reseed(UInt64(n))
            return .nil
        }
        add("time", "core", [], "Seconds since an arbitrary start, for timing sections of a script.",
            example: "t0 = time()\n# ...\nprint(\"took\", time() - t0)") { _, _ in
            .number(Double(DispatchTime.now().uptimeNanoseconds) / 1e9)
        }
        constant("pi", .number(Double.pi), "π")
        constant("inf", .number(Double.infinity), "positive infinity")
        constant("nan", .number(Double.nan), "not a number")
    }
}
