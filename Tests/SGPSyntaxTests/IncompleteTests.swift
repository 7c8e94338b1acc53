import XCTest
@testable import SGPSyntax

final class IncompleteTests: XCTestCase {
    func testIncompleteInputs() {
        for text in ["print(1", "x = [1, 2,", "fn f(x)", "fn f(x)\n  return x\n", "if a then", "for i in xs do",
                     "while true", "x = 1 +", "f(a,", "\"abc", "\"a{b", "r = {a: 1,", "y = if c then 1",
                     "if a then\n x = 1\nelse", "x = fn (a)", "s = \"n={n", "x |>", "x = 1 and"] {
            XCTAssertTrue(Parser.isIncomplete(text), "should be incomplete: \(text.debugDescription)")
        }
    }

    func testCompleteInputs() {
        for text in ["", "x = 1", "print(1)\n", "fn f(x) = x", "fn f(x)\n  return x\nend", "if a then b() end",
                     "y = if c then 1 else 2", "xs[1:]", "\"abc\"", "# comment", "sq = (v) -> v^2",
                     // Errors that more input cannot fix are complete, so the REPL reports them now.
                     ")", "x = 1 2", "print(1))", "\"abc\nx", "x = 3y +", "end"] {
            XCTAssertFalse(Parser.isIncomplete(text), "should be complete: \(text.debugDescription)")
        }
    }
}
