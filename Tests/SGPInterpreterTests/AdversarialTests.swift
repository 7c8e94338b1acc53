import Foundation
import SGPSyntax
import XCTest
@testable import SGPInterpreter

/// Hand-written hostile inputs: each must end in a value or a clean error, never a trap.
final class AdversarialTests: XCTestCase {
    static let snippets = [
        "x = list()\nappend(x, x)\nprint(x)\nprint(x == x)",
        "a = list()\nb = list()\nappend(a, b)\nappend(b, a)\nprint(a == b)\nprint(str(a))",
        "r = {}\nr.self = r\nprint(r)\nprint(r == copy(r))",
        "x = arange(6)", "reshape(arange(6), [-1, -1])", "permute(zeros([2, 3]), [0, 0])", "split(arange(4), [1, 100])",
        "squeeze(zeros([2]), 5)", "gather([1, 2], [100])", "[1, 2][100]", "concat(list())", "stack(list())",
        "softmax(zeros([0]))", "max(zeros([0]))", "mean(zeros([0]))", "argmax(zeros([0]))",
        "linear(zeros([2, 3]), zeros([4, 5]))", "one_hot([-5], 3)", "one_hot([1.5], 3)", "randint(5, 5, 3)", "eye(-1)",
        "zeros(-1)", "zeros([2, -1])", "reshape(zeros([0, 3]), [0, -1])", "transpose(zeros([0, 3]))", "[1, 2] @ zeros([0])",
        "matmul(zeros([2, 0]), zeros([0, 3]))", "tolist(zeros([0, 2]))", "logsumexp(zeros([0]))", "var([1, 2], correction=5)",
        "[1, 2][::0]", "list(1, 2)[1:2:0]", "item(zeros([0]))", "float64(list())", "layer_norm(zeros([0]))",
        "clip([1, 2], nan, nan)", "sum([1, 2], axis=10)", "sum([[1, 2]], axis=list(0, 0))", "range(0, 1, 0)",
        "range(-1e300, 1e300)", "arange(-1e300, 1e300)", "arange(5, 0)", "linspace(0, 1, -3)", "\"a\" * 1e300", "\"\" * 1e300",
        "0..1e300", "list(1)[1e300]", "[1, 2][1e300]", "[1, 2][nan]", "zeros([1e300])", "zeros(nan)",
        "grad(grad(x -> x^3))(2)", "grad(x -> [x, x])(1)", "grad(x -> \"s\")(1)", "grad(x -> x, wrt=\"y\")(1)",
        "value_and_grad(x -> sum(x))(list(1, 2))", "grad(print)(1)", "no_grad(1)", "help(\"nope\")", "help(1)",
        "seed(-1)", "seed(1e300)", "error(nil)", "assert(false)", "check_finite(nan)", "x = [nan, inf]\nshow(x, full=true)",
        "show(zeros([3, 0, 2]))", "show(randn([4, 5, 6]))", "fn f(a, a) = a", "fn f(x) = y\nf(1)", "f = x -> x\nf(1, 2, 3)",
        "f = x -> x\nf(y=1)", "{a: 1, a: 2}", "x = {a: 1}\nx.b", "x = 1\nx.b = 2", "x = 1\nx[0] = 2", "nil()", "nil.x",
        "nil[0]", "for x in 5 do end", "for x in nil do end", "while nil do end", "if [1, 2] then 1 end",
        "use \"nope\"", "use \"/etc/passwd\"", "use \"_missing.sgp\"", "read_text(\"/etc/shadow\")", "write_text(\"/tmp/x\", \"y\")",
        "\"{1/0}\"", "x = 1\nx += \"a\"", "sorted(list(1, \"a\"))", "sorted(list(1, 2), key=x -> nil)", "zip(1, 2)",
        "map(1, list(1))", "len(1)", "keys(1)", "tensor(list(\"a\"))", "tensor([[1, 2], [3]])", "[[1, 2], [3]]",
        "[[1, 2], \"a\"]", "x = [1, 2]\nx.shape.foo", "[1, 2].nope", "(x -> x)(1) |> print", "1 |> 2", "-\"a\"", "not [1, 2]",
        "[1] < \"a\"", "list(1) < list(2)", "1 % 0", "[1, 2] % 0", "[1, 2] ^ [0.5, nan]", "where(1, 2, 3)", "maximum(\"a\", 1)",
        "split(arange(6), 4)", "plot(list())", "plot(zeros([0]))", "plot([nan, inf, -inf])", "hist(zeros([0]))",
        "hist([nan, inf])", "hist(randn([10]), bins=0)", "hist(randn([10]), bins=1e12)", "subplots(0, 0)", "subplots(1e6, 1e6)",
        "subplots(-1, 2)", "heatmap((a, b) -> a * b, grid=1e9, xlim=[0, 1], ylim=[0, 1])", "heatmap((a, b) -> a * b, grid=0, xlim=[0, 1], ylim=[0, 1])",
        "contour((a, b) -> a * b, grid=-1, xlim=[0, 1], ylim=[1, 0])", "heatmap((a, b) -> nan, xlim=[0, 1], ylim=[0, 1])", "contour(x -> x)",
        "quiver((a, b) -> [a, b], grid=-3, xlim=[0, 1], ylim=[0, 1])", "quiver((a, b) -> nil, xlim=[0, 1], ylim=[0, 1])", "scatter([1, 2], [1])", "bar(list(), [])", "text(nil, nil, nil)",
        "save(plot([1, 2]), \"/etc/x.svg\")", "show(plot([1, 2]), name=3)", "plot(randn([3, 4, 5]))", "split(arange(6), 0)", "unsqueeze([1], 9)", "dot([1, 2], [1, 2, 3])", "norm(zeros([0]))",
    ]

    func testHostileSnippetsEndCleanly() {
        for s in Self.snippets {
            var o = InterpreterOptions()
            o.output = { _ in }
            o.sandbox = Sandbox(readRoots: [RepoPaths.scripts.path], writeRoot: nil)
            o.stdlibPath = RepoPaths.stdlib.path
            o.limits.maxSteps = 10_000
            let r = Interpreter(options: o).run(Source(name: RepoPaths.scripts.appendingPathComponent("adversarial.sgp").path, text: s))
            // Every diagnostic is rendered, which exercises the renderer on runtime spans too.
            let text = r.rendered()
            XCTAssertNotNil(text, s)
            if ProcessInfo.processInfo.environment["SGP_SHOW"] == "1" { print("---- \(s)\n\(r.printed.joined(separator: "\n"))\n\(text)") }
        }
    }

    func testSelfReferentialValuesPrintFinitely() {
        let l = ListRef([])
        l.items.append(.list(l))
        XCTAssertEqual(Value.list(l).repr, "[[...]]")
        let r = RecordRef()
        r.set("me", .record(r))
        XCTAssertEqual(Value.record(r).repr, "{me: {...}}")
    }
}
