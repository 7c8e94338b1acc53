import SGPSyntax
import SGPTensor
import XCTest
@testable import SGPInterpreter

/// Evaluator semantics on hand-built trees (the golden scripts cover the same through the parser).
final class EvaluatorTests: XCTestCase {
    func run(_ stmts: [Stmt], interactive: Bool = true) -> (Interpreter, ExecutionResult) {
        var out: [String] = []
        var o = InterpreterOptions()
        o.output = { out.append($0) }
        let i = Interpreter(options: o)
        let r = interactive ? i.evaluateInteractive(AST.block(stmts), source: Source(name: "t.sgp", text: " "))
                            : i.run(AST.block(stmts), source: Source(name: "t.sgp", text: " "))
        return (i, r)
    }

    func testScalarLoopAndFunctionCall() {
        use(AST.self)
        let prog: [Stmt] = [
            AST.fn("f", [("x", nil)], [AST.ret(AST.bin(.add, AST.bin(.mul, AST.v("x"), AST.num(2)), AST.num(1)))]),
            AST.assign("s", AST.num(0)),
            AST.forIn("i", AST.bin(.range, AST.num(0), AST.num(100)), [AST.assign("s", AST.call("f", AST.v("i")), op: .add)]),
            AST.expr(AST.v("s")),
        ]
        let (_, r) = run(prog)
        XCTAssertNil(r.error)
        XCTAssertEqual(r.lastValue?.numberValue, 10000) // sum(2i+1) for i<100 = 100^2
    }

    func testClosuresCaptureVariables() {
        // fn counter() c = 0; fn inc() c ... ; Python scoping: inner reads outer variable.
        let prog: [Stmt] = [
            AST.fn("make", [("k", nil)], [AST.expr(AST.lambda(["x"], AST.bin(.mul, AST.v("x"), AST.v("k"))))]),
            AST.assign("triple", AST.call("make", AST.num(3))),
            AST.expr(AST.call("triple", AST.num(5))),
        ]
        XCTAssertEqual(run(prog).1.lastValue?.numberValue, 15)
    }

    func testUnknownNameSuggests() {
        let prog: [Stmt] = [AST.assign("length", AST.num(3)), AST.expr(AST.v("lenght"))]
        let r = run(prog).1
        XCTAssertEqual(r.error?.message, "unknown name 'lenght'")
        XCTAssertEqual(r.error?.help, "did you mean 'length'?")
    }

    func testUnknownKeywordToBuiltin() {
        let r = run([AST.expr(AST.call("zeros", AST.num(3), kw: [("dtyp", AST.str("float64"))]))]).1
        XCTAssertEqual(r.error?.message, "unknown keyword argument 'dtyp' to 'zeros'")
        XCTAssertEqual(r.error?.help, "did you mean 'dtype'?")
    }

    func testCallDepthLimit() {
        let prog: [Stmt] = [
            AST.fn("r", [("n", nil)], [AST.ret(AST.call("r", AST.bin(.add, AST.v("n"), AST.num(1))))]),
            AST.expr(AST.call("r", AST.num(0))),
        ]
        let r = run(prog).1
        XCTAssertEqual(r.error?.message, "call depth limit (200) exceeded in 'r'")
        XCTAssertEqual(r.error?.stack.count, 64)
    }

    func testGradOfPolynomial() throws {
        // f(x) = x^3 + 2x ; f'(2) = 14 (numbers go through rank-0 tensors and come back as numbers)
        let prog: [Stmt] = [
            AST.fn("f", [("x", nil)], [AST.ret(AST.bin(.add, AST.bin(.mul, AST.v("x"), AST.bin(.mul, AST.v("x"), AST.v("x"))),
                                                      AST.bin(.mul, AST.num(2), AST.v("x"))))]),
            AST.expr(AST.call(AST.call("grad", AST.v("f")), [AST.num(2)])),
        ]
        let r = run(prog).1
        XCTAssertNil(r.error)
        XCTAssertEqual(r.lastValue?.numberValue ?? 0, 14, accuracy: 1e-5)
    }

    func testPrintGoesToHostSink() {
        let r = run([AST.expr(AST.call("print", AST.str("a"), AST.num(0.1), AST.num(3), AST.num(1e-8)))]).1
        XCTAssertEqual(r.printed, ["a 0.1 3 1e-08"])
    }

    func testOverridesReplaceFirstAssignmentAndRejectUnknownNames() {
        let i = Interpreter()
        i.overrides = ["lr": .number(0.5)]
        let src = Source(name: "t.sgp", text: " ")
        let r = i.evaluateInteractive(AST.block([AST.assign("lr", AST.num(0.1)), AST.expr(AST.v("lr"))]), source: src)
        XCTAssertEqual(r.lastValue?.numberValue, 0.5)
        let j = Interpreter()
        j.overrides = ["lrr": .number(0.5)]
        let e = j.run(AST.block([AST.assign("lr", AST.num(0.1))]), source: src).error
        XCTAssertEqual(e?.message, "--set lrr: the script has no top-level assignment to 'lrr'")
        XCTAssertEqual(e?.help, "did you mean 'lr'?")
    }

    private func use(_: Any) {}
}
