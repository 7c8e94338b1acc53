@testable import SGPSyntax

/// Generates random valid programs from the grammar, for "every valid program parses" checks and as extra
/// fuzz seeds. Deterministic for a given generator state.
struct ProgramGenerator {
    var rng: SplitMix64
    /// Whether the current position is inside a function / loop (for `return`, `break`, `continue`).
    private var inFunction = false
    private var inLoop = false

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// `statements` top-level statements, nesting blocks and expressions up to `depth`.
    mutating func program(statements: Int = 6, depth: Int = 3) -> String {
        (0..<statements).map { _ in statement(depth: depth, indent: "") }.joined(separator: "\n") + "\n"
    }

    private mutating func pick(_ options: [String]) -> String { options[rng.below(options.count)] }
    private mutating func chance(_ n: Int) -> Bool { rng.below(n) == 0 }
    private mutating func name() -> String { pick(["a", "b", "x", "y", "total", "β", "_tmp", "cfg"]) }

    mutating func statement(depth: Int, indent: String) -> String {
        let inner = indent + "  "
        var choices = ["assign", "compound", "field", "index", "call"]
        if depth > 0 { choices += ["fn", "oneliner", "if", "for", "while"] }
        if inFunction { choices.append("return") }
        if inLoop { choices += ["break", "continue"] }
        if indent.isEmpty { choices.append("use") }
        switch pick(choices) {
        case "assign": return indent + "\(name()) = \(expr(depth: depth))" + (chance(4) ? ";" : "")
        case "compound": return indent + "\(name()) \(pick(["+=", "-=", "*=", "/="])) \(expr(depth: depth))"
        case "field": return indent + "\(name()).\(name()) = \(expr(depth: depth))"
        case "index": return indent + "\(name())[\(subscripts())] = \(expr(depth: depth))"
        case "call": return indent + call(depth: 2)
        case "fn":
            let saved = (inFunction, inLoop)
            (inFunction, inLoop) = (true, false)
            defer { (inFunction, inLoop) = saved }
            return indent + "fn \(name())(\(params()))\n" + block(depth: depth - 1, indent: inner) + indent + "end"
        case "oneliner": return indent + "fn \(name())(\(params())) = \(expr(depth: depth))"
        case "if":
            var s = indent + "if \(expr(depth: depth))\(chance(2) ? " then" : "")\n" + block(depth: depth - 1, indent: inner)
            for _ in 0..<rng.below(3) { s += indent + "elif \(expr(depth: depth))\(chance(2) ? " then" : "")\n" + block(depth: depth - 1, indent: inner) }
            if chance(2) { s += indent + "else\n" + block(depth: depth - 1, indent: inner) }
            return s + indent + "end"
        case "for", "while":
            let saved = inLoop
            inLoop = true
            defer { inLoop = saved }
            let header = chance(2) ? "for \(name()) in \(expr(depth: depth))" : "while \(expr(depth: depth))"
            if chance(3) { return indent + header + " do " + statement(depth: 0, indent: "") + " end" }
            return indent + header + (chance(2) ? " do" : "") + "\n" + block(depth: depth - 1, indent: inner) + indent + "end"
        case "return": return indent + "return" + (chance(3) ? "" : " " + expr(depth: depth))
        case "break": return indent + "break"
        case "continue": return indent + "continue"
        default: return indent + "use \"lib\(rng.below(3)).sgp\"" + (chance(2) ? " as \(name())" : "")
        }
    }

    private mutating func block(depth: Int, indent: String) -> String {
        (0..<(1 + rng.below(3))).map { _ in statement(depth: depth, indent: indent) + "\n" }.joined()
    }

    private mutating func params() -> String {
        var seen = Set<String>()
        var out: [String] = []
        let required = rng.below(3), optional = rng.below(3)
        for i in 0..<(required + optional) {
            let n = name()
            guard seen.insert(n).inserted else { continue }
            // Defaults are atoms: a lambda default would recurse into another parameter list.
            out.append(i < required ? n : "\(n) = \(atom())")
        }
        return out.joined(separator: ", ")
    }

    private mutating func call(depth: Int) -> String {
        var args = (0..<rng.below(3)).map { _ in expr(depth: depth - 1) }
        var labels = Set<String>()
        for _ in 0..<rng.below(3) {
            let label = name()
            if labels.insert(label).inserted { args.append("\(label)=\(expr(depth: depth - 1))") }
        }
        let separator = chance(4) ? ",\n    " : ", "
        return "\(pick(["f", "sum", "g.h", "fs[0]"]))(\(args.joined(separator: separator))\(chance(5) && !args.isEmpty ? "," : ""))"
    }

    private mutating func subscripts() -> String {
        (0..<(1 + rng.below(3))).map { _ -> String in
            switch rng.below(5) {
            case 0: return ":"
            case 1: return "\(expr(depth: 1)):"
            case 2: return "\(expr(depth: 1)):\(expr(depth: 1))"
            case 3: return "::\(expr(depth: 1))"
            default: return expr(depth: 1)
            }
        }.joined(separator: ", ")
    }

    mutating func expr(depth: Int) -> String {
        if depth <= 0 { return atom() }
        switch rng.below(12) {
        case 0, 1, 2:
            let op = OperatorTable.binary[rng.below(OperatorTable.binary.count)].spelling
            return "(\(expr(depth: depth - 1)) \(op) \(expr(depth: depth - 1)))"
        case 3: return "\(pick(["-", "not ", "+"]))\(atom())"
        case 4: return call(depth: depth)
        case 5: return "[\((0..<rng.below(4)).map { _ in expr(depth: depth - 1) }.joined(separator: ", "))]"
        case 6:
            let keys = ["lr", "iters", "name"].prefix(rng.below(4))
            return "{" + keys.map { "\($0): \(expr(depth: depth - 1))" }.joined(separator: ",\n ") + "}"
        case 7: return "(\(params())) -> \(expr(depth: depth - 1))"
        case 8: return "if \(expr(depth: depth - 1)) then \(expr(depth: depth - 1)) else \(expr(depth: depth - 1))"
        case 9: return "\"text { \(expr(depth: depth - 1)) } {{braces}} \\n\""
        case 10:
            let saved = (inFunction, inLoop)
            (inFunction, inLoop) = (true, false)
            defer { (inFunction, inLoop) = saved }
            return "fn (\(params()))\n" + block(depth: depth - 1, indent: "    ") + "  end"
        default: return "\(atom())[\(subscripts())].\(name())"
        }
    }

    private mutating func atom() -> String {
        pick(["1", "2.5", "1_000", "1e-3", "x", "y", "true", "false", "nil", "'s'", "\"t\"", "pi", "v.w", "(x)"])
    }
}
