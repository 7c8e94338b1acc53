import XCTest
@testable import SGPSyntax

final class ExpressionTests: XCTestCase {
    func testLiterals() {
        assertParses("1", "1")
        assertParses("1_000", "1000")
        assertParses("2.5e-3", "0.0025")
        assertParses("true; false; nil", "true;\nfalse;\nnil")
        assertParses("\"hi\"", "\"hi\"")
        assertParses("'it\\'s'", "\"it's\"")
        assertParses("x", "x")
    }

    func testArithmeticPrecedence() {
        assertParses("1 + 2 * 3", "(+ 1 (* 2 3))")
        assertParses("(1 + 2) * 3", "(* (+ 1 2) 3)")
        assertParses("a - b - c", "(- (- a b) c)")
        assertParses("a / b % c @ d", "(@ (% (/ a b) c) d)")
        assertParses("a + b .. c + d", "(.. (+ a b) (+ c d))")
    }

    func testPowerIsRightAssociativeAndTighterThanUnaryMinus() {
        assertParses("a ^ b ^ c", "(^ a (^ b c))")
        assertParses("-x^2", "(neg (^ x 2))")
        assertParses("-2^2", "(neg (^ 2 2))")
        assertParses("2^-x", "(^ 2 (neg x))")
        assertParses("-a * b", "(* (neg a) b)")
        assertParses("-3", "-3")
        assertParses("+x", "(+ x)")
    }

    func testLogicalOperators() {
        assertParses("a or b and c", "(or a (and b c))")
        assertParses("not a == b", "(not (== a b))")
        assertParses("not a and b", "(and (not a) b)")
        assertParses("a < b or c >= d", "(or (< a b) (>= c d))")
        assertParses("a != b", "(!= a b)")
    }

    func testPipe() {
        assertParses("x |> f", "(call f x)")
        assertParses("x |> f(a, k=1)", "(call f x a (k= 1))")
        assertParses("x |> f |> g", "(call g (call f x))")
        assertParses("a + b |> f", "(call f (+ a b))")
        assertParses("x\n  |> f\n  |> g(2)", "(call g (call f x) 2)")
    }

    func testPostfix() {
        assertParses("f(a, k=v)", "(call f a (k= v))")
        assertParses("f()", "(call f)")
        assertParses("f(1,)", "(call f 1)")
        assertParses("a.b.c", "(. (. a b) c)")
        assertParses("f(x).y[0](z)", "(call (index (. (call f x) y) 0) z)")
        assertParses("x[i, a:b:c, :, -1]", "(index x i (: a b c) (: _ _ _) -1)")
        assertParses("x[:, 0:3]", "(index x (: _ _ _) (: 0 3 _))")
        assertParses("x[::2]", "(index x (: _ _ 2))")
        assertParses("x[1:]", "(index x (: 1 _ _))")
    }

    func testCollections() {
        assertParses("[1, 2, 3]", "(list 1 2 3)")
        assertParses("[]", "(list)")
        assertParses("[1, 2,]", "(list 1 2)")
        assertParses("[[1, 2],\n [3, 4]]", "(list (list 1 2) (list 3 4))")
        assertParses("{a: 1, b: x}", "(record (a 1) (b x))")
        assertParses("{}", "(record)")
        assertParses("{\"lr\": 0.1,\n iters: 50,\n}", "(record (lr 0.1) (iters 50))")
    }

    func testLambdas() {
        assertParses("sq = (v) -> v^2", "(= sq (lambda (v) (block (return (^ v 2)))))")
        assertParses("(a, b=1) -> a + b", "(lambda (a (b 1)) (block (return (+ a b))))")
        assertParses("x -> x + 1", "(lambda (x) (block (return (+ x 1))))")
        assertParses("() -> 1", "(lambda () (block (return 1)))")
        assertParses("map(xs, x -> x * 2)", "(call map xs (lambda (x) (block (return (* x 2)))))")
        assertParses("f = fn (a)\n  b = a\n  return b\nend", "(= f (lambda (a) (block (= b a) (return b))))")
        assertParses("map(xs, fn (x)\n return x\n end)", "(call map xs (lambda (x) (block (return x))))")
        assertParses("(x) |> f", "(call f x)")
    }

    func testConditionalExpression() {
        assertParses("y = if c then a else b", "(= y (if c a b))")
        assertParses("y = if a then 1 elif b then 2 else 3", "(= y (if a 1 (if b 2 3)))")
        assertParses("f(if c then 1 else 2)", "(call f (if c 1 2))")
    }

    func testStringInterpolation() {
        assertParses("\"a{x}b\"", "(str \"a\" x \"b\")")
        assertParses("\"{x + 1}\"", "(str (+ x 1))")
        assertParses("\"{{literal}}\"", "\"{literal}\"")
        assertParses("'n={f(\"q\")}'", "(str \"n=\" (call f \"q\"))")
        assertParses("\"{ {a: 1}.a }\"", "(str (. (record (a 1)) a))")
        assertParses("\"outer {\"inner {x}\"}\"", "(str \"outer \" (str \"inner \" x))")
        assertParses("\"tab\\tnl\\n\\{\"", "\"tab\\tnl\\n{\"")
    }

    func testLineContinuation() {
        assertParses("x = 1 +\n  2", "(= x (+ 1 2))")
        assertParses("f(1,\n  2)", "(call f 1 2)")
        assertParses("x = a and\n b", "(= x (and a b))")
        assertParses("x = (1\n + 2)", "(= x (+ 1 2))")
    }
}
