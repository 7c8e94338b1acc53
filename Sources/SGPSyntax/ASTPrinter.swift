/// Prints syntax trees as fully parenthesised S-expressions, for golden tests and debugging.
///
/// `1 + 2 * x` prints `(+ 1 (* 2 x))`; `f(a, k=1)` prints `(call f a (k= 1))`; a program prints one statement
/// per line.
public enum ASTPrinter {
    /// One line per statement.
    public static func print(_ block: Block) -> String {
        block.statements.map(print).joined(separator: "\n")
    }

    /// A statement; `;`-suppressed ones end with `;`.
    public static func print(_ s: Stmt) -> String {
        statement(s.kind) + (s.suppressed ? ";" : "")
    }

    /// An expression.
    public static func print(_ e: Expr) -> String {
        switch e.kind {
        case .number(let v): return formatNumber(v)
        case .string(let parts): return string(parts)
        case .bool(let b): return b ? "true" : "false"
        case .nil: return "nil"
        case .name(let n): return n.text
        case .list(let items): return list("list", items.map(print))
        case .record(let fields): return list("record", fields.map { "(\($0.key.text) \(print($0.value)))" })
        case .unary(let op, let x): return "(\(op == .neg ? "neg" : op.rawValue) \(print(x)))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(print(a)) \(print(b)))"
        case .call(let callee, let args): return list("call", [print(callee)] + args.map(argument))
        case .index(let base, let subs): return list("index", [print(base)] + subs.map(subscriptText))
        case .field(let base, let name, _): return "(. \(print(base)) \(name.text))"
        case .lambda(let params, let body): return "(lambda \(parameters(params)) \(blockText(body)))"
        case .conditional(let c, let a, let b): return "(if \(print(c)) \(print(a)) \(print(b)))"
        }
    }

    private static func list(_ head: String, _ items: [String]) -> String {
        items.isEmpty ? "(\(head))" : "(\(head) \(items.joined(separator: " ")))"
    }

    private static func string(_ parts: [StringPart]) -> String {
        let items = parts.map { part -> String in
            switch part {
            case .text(let t): return quoted(t)
            case .expr(let e): return print(e)
            }
        }
        if items.count == 1, case .text = parts[0] { return items[0] }
        return list("str", items)
    }

    /// A string in double quotes with `\n`, `\t`, `\\` and `\"` escaped.
    public static func quoted(_ t: String) -> String {
        var out = "\""
        for c in t {
            switch c {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.append(c)
            }
        }
        return out + "\""
    }

    private static func argument(_ a: Argument) -> String {
        guard let label = a.label else { return print(a.value) }
        return "(\(label.text)= \(print(a.value)))"
    }

    private static func subscriptText(_ s: Subscript) -> String {
        switch s {
        case .index(let e): return print(e)
        case .slice(let a, let b, let c, _):
            return "(: \(a.map(print) ?? "_") \(b.map(print) ?? "_") \(c.map(print) ?? "_"))"
        }
    }

    private static func parameters(_ params: [Param]) -> String {
        "(" + params.map { p in p.defaultValue.map { "(\(p.name.text) \(print($0)))" } ?? p.name.text }
            .joined(separator: " ") + ")"
    }

    private static func blockText(_ b: Block) -> String {
        list("block", b.statements.map(print))
    }

    private static func target(_ t: Target) -> String {
        switch t {
        case .name(let n, _): return n.text
        case .field(let base, let name, _): return "(. \(print(base)) \(name.text))"
        case .index(let base, let subs, _): return list("index", [print(base)] + subs.map(subscriptText))
        }
    }

    private static func statement(_ k: StmtKind) -> String {
        switch k {
        case .expr(let e): return print(e)
        case .assign(let t, let op, let v): return "(\(op.map { $0.rawValue } ?? "")= \(target(t)) \(print(v)))"
        case .function(let name, _, let params, let body):
            return "(fn \(name.text) \(parameters(params)) \(blockText(body)))"
        case .if(let branches, let elseBody):
            var items = branches.map { "(\(print($0.cond)) \(blockText($0.body)))" }
            if let e = elseBody { items.append("(else \(blockText(e)))") }
            return list("if", items)
        case .for(let v, _, let iterable, let body): return "(for \(v.text) \(print(iterable)) \(blockText(body)))"
        case .while(let c, let body): return "(while \(print(c)) \(blockText(body)))"
        case .return(let e): return e.map { "(return \(print($0)))" } ?? "(return)"
        case .break: return "(break)"
        case .continue: return "(continue)"
        case .use(let path, let alias): return "(use \(quoted(path))\(alias.map { " " + $0.text } ?? ""))"
        }
    }
}
