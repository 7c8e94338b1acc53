import XCTest
@testable import SGPSyntax

final class StatementTests: XCTestCase {
    func testAssignments() {
        assertParses("x = 1", "(= x 1)")
        assertParses("x += 1\nx -= 2\nx *= 3\nx /= 4", "(+= x 1)\n(-= x 2)\n(*= x 3)\n(/= x 4)")
        assertParses("r.lr = 0.1", "(= (. r lr) 0.1)")
        assertParses("xs[0, 1:2] = y", "(= (index xs 0 (: 1 2 _)) y)")
        assertParses("x = 1;", "(= x 1);")
        assertParses("a = 1; b = 2", "(= a 1);\n(= b 2)")
    }

    func testFunctions() {
        assertParses("fn f(x, y=2)\n  return x + y\nend", "(fn f (x (y 2)) (block (return (+ x y))))")
        assertParses("fn running(x, u) = 0.01 * sum(u^2, axis=-1)",
                     "(fn running (x u) (block (return (* 0.01 (call sum (^ u 2) (axis= -1))))))")
        assertParses("fn f()\nend", "(fn f () (block))")
        assertParses("fn f() return 1 end", "(fn f () (block (return 1)))")
        assertParses("fn f(\n  a,\n  b = 1,\n)\n  return\nend", "(fn f (a (b 1)) (block (return)))")
    }

    func testIf() {
        assertParses("if a then\n  x = 1\nelif b\n  x = 2\nelse\n  x = 3\nend",
                     "(if (a (block (= x 1))) (b (block (= x 2))) (else (block (= x 3))))")
        assertParses("if a then b() end", "(if (a (block (call b))))")
        assertParses("if a then b() else c() end", "(if (a (block (call b))) (else (block (call c))))")
    }

    func testLoops() {
        assertParses("for beta in [0, 0.1, 1] do\n  print(beta)\nend", "(for beta (list 0 0.1 1) (block (call print beta)))")
        assertParses("for i in 0..n\n  continue\nend", "(for i (.. 0 n) (block (continue)))")
        assertParses("while x < 3 do x += 1 end", "(while (< x 3) (block (+= x 1)))")
        assertParses("while true\n  break\nend", "(while true (block (break)))")
    }

    func testUse() {
        assertParses("use \"costs.sgp\"", "(use \"costs.sgp\")")
        assertParses("use 'lib/schedules.sgp' as s", "(use \"lib/schedules.sgp\" s)")
    }

    func testCommentsAndCells() {
        assertParses("# %% Cost terms\nx = 1 # trailing\n\n# %% [markdown]\n# text\ny = 2", "(= x 1)\n(= y 2)")
    }

    func testIssueExample() {
        let text = """
        # %% Cost terms
        target = [0, pi, 0, 0]
        fn running(x, u) = 0.01 * sum(u^2, axis=-1)
        fn terminal(x)
          err = x - target
          return sum(err^2 * [1, 1, 0.1, 0.1], axis=-1)
        end
        sq = (v) -> v^2                       # lambda
        for beta in [0, 0.1, 1] do print(beta) end
        """
        let (printed, diagnostics) = sexp(text)
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(printed.split(separator: "\n").count, 5)
    }

    func testSpans() {
        let source = Source(name: "t", text: "x = foo(1, 2)\n  y.z = 3")
        let (block, diagnostics) = Parser.parse(source)
        XCTAssertTrue(diagnostics.isEmpty)
        XCTAssertEqual(block.statements.map(\.span), [Span(0, 13), Span(16, 23)])
        guard case .assign(_, _, let value) = block.statements[0].kind else { return XCTFail("not an assignment") }
        XCTAssertEqual(value.span, Span(4, 13))
        guard case .assign(.field(_, _, let nameSpan), _, _) = block.statements[1].kind else { return XCTFail("not a field") }
        XCTAssertEqual(nameSpan, Span(18, 19))
    }

    func testNamesAreInterned() {
        let (block, _) = Parser.parse(Source(name: "t", text: "abc = abc"))
        guard case .assign(.name(let a, _), _, let value) = block.statements[0].kind,
              case .name(let b) = value.kind else { return XCTFail("unexpected shape") }
        XCTAssertEqual(a.id, b.id)
        XCTAssertEqual(NameTable.shared.intern("abc").id, a.id)
        XCTAssertEqual(NameTable.shared.text(of: a.id), "abc")
    }
}
