import XCTest
@testable import SGPSyntax

/// Random expression trees are printed with the fewest parentheses the precedence table allows, parsed back, and
/// must give the same tree: a check of `OperatorTable`, the climbing parser and the printer against each other.
final class PrecedencePropertyTests: XCTestCase {
    /// A generated tree: what the source should mean.
    indirect enum Tree {
        case atom(String)
        case prefix(OperatorTable.Prefix, Tree)
        case binary(OperatorTable.Binary, Tree, Tree)
    }

    func testMinimallyParenthesisedTreesRoundTrip() {
        var rng = SplitMix64(seed: 7)
        for i in 0..<2_000 {
            let tree = PrecedencePropertyTests.generate(&rng, depth: 5)
            let text = PrecedencePropertyTests.render(tree)
            let (printed, diagnostics) = sexp(text)
            XCTAssertEqual(diagnostics.map(\.message), [], "#\(i): \(text)")
            XCTAssertEqual(printed, PrecedencePropertyTests.expected(tree), "#\(i): \(text)")
        }
    }

    static func generate(_ rng: inout SplitMix64, depth: Int) -> Tree {
        if depth == 0 || rng.below(4) == 0 {
            return .atom(["a", "b", "c", "2", "f(x)", "xs[1]", "r.k", "\"s\""][rng.below(8)])
        }
        if rng.below(5) == 0 {
            return .prefix(OperatorTable.prefix[rng.below(OperatorTable.prefix.count)], generate(&rng, depth: depth - 1))
        }
        let op = OperatorTable.binary[rng.below(OperatorTable.binary.count)]
        return .binary(op, generate(&rng, depth: depth - 1), generate(&rng, depth: depth - 1))
    }

    /// The precedence a tree has where it appears as an operand.
    static func level(_ t: Tree) -> Int {
        switch t {
        case .atom: return Int.max
        case .prefix(let p, _): return p.precedence.rawValue
        case .binary(let b, _, _): return b.precedence.rawValue
        }
    }

    static func render(_ t: Tree) -> String {
        switch t {
        case .atom(let s):
            return s
        case .prefix(let p, let x):
            // The operand binds one level tighter than the operator.
            let operand = wrap(x, if: level(x) < p.precedence.rawValue + 1)
            return p.spelling == "not" ? "not " + operand : p.spelling + operand
        case .binary(let b, let l, let r):
            let p = b.precedence.rawValue
            let leftNeeds = level(l) < p || (level(l) == p && b.associativity != .left)
            // A prefix operand on the right swallows what follows it if it binds looser than this operator.
            var rightNeeds = level(r) < p || (level(r) == p && b.associativity != .right)
            if case .prefix(let q, _) = r, q.precedence.rawValue < p { rightNeeds = true }
            return wrap(l, if: leftNeeds) + " " + b.spelling + " " + wrap(r, if: rightNeeds)
        }
    }

    static func wrap(_ t: Tree, if needed: Bool) -> String {
        let s = render(t)
        return needed ? "(" + s + ")" : s
    }

    /// The S-expression the parser should produce, including its two rewrites: `x |> f` is a call, and `-2` is
    /// the literal -2.
    static func expected(_ t: Tree) -> String {
        switch t {
        case .atom(let s):
            switch s {
            case "f(x)": return "(call f x)"
            case "xs[1]": return "(index xs 1)"
            case "r.k": return "(. r k)"
            default: return s
            }
        case .prefix(let p, let x):
            if let v = folded(t) { return formatNumber(v) }
            return "(\(p.op == .neg ? "neg" : p.spelling) \(expected(x)))"
        case .binary(let b, let l, let r):
            guard b.op == .pipe else { return "(\(b.spelling) \(expected(l)) \(expected(r)))" }
            let callee = expected(r)
            if callee.hasPrefix("(call ") {
                // Piping into a call adds the value as its first argument.
                let rest = callee.dropFirst("(call ".count)
                let calleeEnd = PrecedencePropertyTests.firstItemEnd(rest)
                return "(call " + rest[..<calleeEnd] + " " + expected(l) + rest[calleeEnd...]
            }
            return "(call \(callee) \(expected(l)))"
        }
    }

    /// The literal a chain of `-`/`+` over a number folds to.
    static func folded(_ t: Tree) -> Double? {
        switch t {
        case .atom(let s): return Double(s)
        case .prefix(let p, let x) where p.op != .not: return folded(x).map { p.op == .neg ? -$0 : $0 }
        default: return nil
        }
    }

    /// End of the first S-expression item in `s`.
    static func firstItemEnd(_ s: Substring) -> Substring.Index {
        var depth = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "(" { depth += 1 }
            if c == ")" { if depth == 0 { return i }; depth -= 1; if depth == 0 { return s.index(after: i) } }
            if c == " " && depth == 0 { return i }
            i = s.index(after: i)
        }
        return i
    }
}
