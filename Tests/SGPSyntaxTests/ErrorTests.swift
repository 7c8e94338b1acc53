import XCTest
@testable import SGPSyntax

final class ErrorTests: XCTestCase {
    func testMessages() {
        assertFirstError("print(a, b", "expected ')' after arguments, found end of input", at: (1, 11))
        assertFirstError("fn f(x)\n  return x\n", "'end' expected to close 'fn' at line 1, found end of input", at: (2, 11))
        assertFirstError(")", "unexpected ')'", at: (1, 1))
        assertFirstError("x = \"abc", "unterminated string", at: (1, 5))
        assertFirstError("a < b < c", "comparisons cannot be chained", at: (1, 7))
        assertFirstError("0..1..2", "ranges cannot be chained", at: (1, 5))
        assertFirstError("x = 1 2", "unexpected number 2 after statement", at: (1, 7))
        assertFirstError("f(x) = 3", "cannot assign to a function call", at: (1, 1))
        assertFirstError("1 + 2 = 3", "cannot assign to this expression", at: (1, 1))
        assertFirstError("return 1", "'return' outside a function", at: (1, 1))
        assertFirstError("break", "'break' outside a loop", at: (1, 1))
        assertFirstError("fn f(a=1, b) = a", "parameter 'b' without a default follows one with a default", at: (1, 11))
        assertFirstError("fn f(a, a) = a", "duplicate parameter 'a'", at: (1, 9))
        assertFirstError("f(k=1, 2)", "positional argument follows keyword argument", at: (1, 8))
        assertFirstError("f(k=1, k=2)", "duplicate keyword argument 'k'", at: (1, 8))
        assertFirstError("{a: 1, a: 2}", "duplicate field 'a' in record", at: (1, 8))
        assertFirstError("\"{}\"", "empty interpolation '{}' in string", at: (1, 2))
        assertFirstError("\"{a b}\"", "expected '}' to close interpolation, found name 'b'", at: (1, 5))
        assertFirstError("x = 3y", "invalid number '3y'", at: (1, 5))
        assertFirstError("x = a ** 2", "'**' is not an operator", at: (1, 7))
        assertFirstError("x = $", "unexpected character '$'", at: (1, 5))
        assertFirstError("\"\\q\"", "unknown escape sequence '\\q'", at: (1, 2))
        assertFirstError("if x = 1 then end", "expected 'then' or a new line after condition, found '='", at: (1, 6))
        assertFirstError("for 1 in x end", "expected loop variable after 'for', found number 1", at: (1, 5))
        assertFirstError("y = if a then b", "expected 'else' in 'if' expression, found end of input", at: (1, 16))
        assertFirstError("use x", "expected a module path string after 'use', found name 'x'", at: (1, 5))
        assertFirstError("(a, b)", "unexpected ',' in parentheses", at: (1, 3))
        assertFirstError("x[]", "expected an index inside '[]'", at: (1, 3))
        assertFirstError("end", "unexpected 'end'", at: (1, 1))
        assertFirstError("if a then\nelse\nelif b\nend", "'elif' after 'else'", at: (3, 1))
    }

    func testHelpAndNotes() {
        let (_, diagnostics) = sexp("print(a,\n  b")
        XCTAssertEqual(diagnostics.first?.notes.first?.message, "'(' opened here")
        XCTAssertEqual(diagnostics.first?.notes.first?.span, Span(5, 6))
        let (_, d2) = sexp("if a == 1 or b = 2 then end")
        XCTAssertEqual(d2.first?.help, "use '==' to compare")
    }

    func testRecoveryReportsSeveralErrors() {
        let text = """
        x = (1 +
        y = 2
        z = )
        fn f(a, a)
          return a
        end
        w = [1, 2
        ok = 1
        """
        let (_, diagnostics) = sexp(text)
        let lines = diagnostics.map { $0.location.line }
        // Each broken statement is reported once; the good ones after it are not.
        XCTAssertEqual(diagnostics.map(\.message), [
            "expected ')' after expression, found '='",
            "unexpected ')'",
            "duplicate parameter 'a'",
            "expected ']' after list elements, found name 'ok'",
        ])
        XCTAssertEqual(lines, [2, 3, 4, 8])
    }

    func testErrorCountIsCapped() {
        let text = String(repeating: "x = )\n", count: 50)
        let (_, diagnostics) = sexp(text)
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }.count, SyntaxLimits.maxErrors)
        XCTAssertEqual(diagnostics.last?.message, "too many errors (stopped after \(SyntaxLimits.maxErrors))")
    }
}

final class HintTests: XCTestCase {
    private func help(_ text: String) -> String? { sexp(text).1.first?.help }

    func testHintsForOtherLanguages() {
        XCTAssertEqual(help("def f(x)\nend"), "define functions with: fn name(params) ... end")
        XCTAssertEqual(help("let x = 1"), "assign with: name = value")
        XCTAssertEqual(help("if a then\nelseif b then\nend"), "write 'elif'")
        XCTAssertEqual(help("if x > 0:\n  y = 1\nend"), "blocks are closed with 'end', not introduced with ':'")
        XCTAssertEqual(help("y = a if c else b"), "a conditional expression is written: if c then a else b")
        XCTAssertEqual(help("x = a ** 2"), "use '^' for powers")
        XCTAssertEqual(help("fn f(x)\n  retrun x\nend"), "did you mean 'return'?")
        XCTAssertEqual(help("whiel x do\nend"), "did you mean 'while'?")
        XCTAssertEqual(help("x++"), "write 'x += 1'")
        XCTAssertEqual(help("x = 1 // half"), "comments start with '#'; for floor division write floor(a / b)")
        XCTAssertEqual(help("if a\n  x = 1\nelse if b\n  x = 2\nend"), "write 'elif' to add a branch to the same 'if'")
        XCTAssertEqual(help("if a then b else c"), "close it with 'end', or use it as a value: y = if c then a else b")
        XCTAssertEqual(help("fn f(x):\n  return x\nend"), "blocks are closed with 'end', not introduced with ':'")
        XCTAssertEqual(help("fn sq(x) x^2\ny = sq(2)"), "a one-line function is written: fn name(params) = expression")
        XCTAssertEqual(help("fn f(x) = return x"), "'return' starts a statement; after '=' or '->' write only the expression")
        XCTAssertEqual(help("print(\"set {a b\")"), "a '{' in a string starts an interpolation; write '{{' for a literal brace")
        XCTAssertEqual(help("s = \"{a:.2f}\""), "format specifiers are not supported inside '{...}'")
        XCTAssertEqual(sexp("f(x=)").1.first?.message, "expected a value after 'x='")
        // A broken header costs one error, not a cascade to the end of the file.
        XCTAssertEqual(sexp("fn f(x y) = 1\nz = 2").1.count, 1)
        XCTAssertEqual(sexp("fn f(x:):\n  return x\nend\nz = 2").1.count, 1)
        XCTAssertEqual(sexp("if then end").1.count, 1)
        // One error each: the stand-in tokens keep the rest of the line parsing.
        XCTAssertEqual(sexp("ok = a && b || c").1.count, 2)
        XCTAssertEqual(sexp("x = 1 // comment ( [").1.count, 1)
    }
}
