import Foundation
import XCTest
@testable import SGPSyntax

final class LimitTests: XCTestCase {
    private func messages(_ text: String) -> [String] { sexp(text).1.map(\.message) }

    func testNestingAtTheLimitParses() {
        // The statement's expression is one level, each parenthesis one more.
        func nested(_ n: Int) -> String { String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) }
        let limit = SyntaxLimits.maxNestingDepth
        XCTAssertEqual(messages(nested(limit - 1)), [])
        XCTAssertEqual(messages(nested(limit)), ["nesting is too deep (limit \(limit) levels)"])
        XCTAssertEqual(messages("fn f()\n" + nested(limit - 3) + "\nend"), [])
        // A long chain stays under the limit when it has fewer links than the limit.
        XCTAssertEqual(messages("x = " + Array(repeating: "1", count: limit - 6).joined(separator: " + ")), [])
        XCTAssertEqual(messages("x = a" + String(repeating: ".b", count: limit - 6)), [])
    }

    func testDeepNestingIsOneClearError() {
        for text in [String(repeating: "(", count: 100_000) + "1",
                     String(repeating: "[", count: 5_000),
                     String(repeating: "-", count: 5_000) + "x",
                     String(repeating: "not ", count: 5_000) + "x",
                     "x = " + String(repeating: "2^", count: 5_000) + "2",
                     String(repeating: "if a then\n", count: 1_000),
                     String(repeating: "x -> ", count: 5_000) + "x",
                     String(repeating: "\"{", count: 5_000),
                     // Chains nest the tree without nesting brackets.
                     "x = " + String(repeating: "1 + ", count: 100_000) + "1",
                     "x = a" + String(repeating: ".b", count: 100_000),
                     "f" + String(repeating: "()", count: 100_000),
                     "x" + String(repeating: "[0]", count: 100_000),
                     "y = x" + String(repeating: " |> f", count: 100_000),
                     "y = if a then 1 " + String(repeating: "elif b then 2 ", count: 10_000) + "else 3"] {
            let m = messages(text)
            XCTAssertTrue(m.contains("nesting is too deep (limit \(SyntaxLimits.maxNestingDepth) levels)")
                          || m.contains("string interpolation nested too deeply (limit \(SyntaxLimits.maxNestingDepth))"),
                          "\(text.prefix(20)): \(m)")
            XCTAssertLessThanOrEqual(m.count, SyntaxLimits.maxErrors + 1)
        }
    }

    /// The nesting limit must keep the parser inside a small secondary-thread stack (512 KiB, what Foundation
    /// gives new threads), even in a debug build.
    func testDeepestInputFitsInASmallThreadStack() {
        let inputs = [String(repeating: "(", count: 1_000) + "1" + String(repeating: ")", count: 1_000),
                      String(repeating: "[f(", count: 1_000),
                      String(repeating: "if a then\n", count: 1_000),
                      String(repeating: "-", count: 1_000) + "x"]
        let done = expectation(description: "parsed")
        let thread = Thread {
            for text in inputs { _ = Parser.parse(Source(name: "deep", text: text)) }
            done.fulfill()
        }
        thread.stackSize = 512 << 10
        thread.start()
        wait(for: [done], timeout: 60)
    }

    func testLongStringLiteral() {
        let text = "\"" + String(repeating: "a", count: SyntaxLimits.maxStringLiteralBytes + 10) + "\""
        XCTAssertEqual(messages(text), ["string literal is too long (limit \(SyntaxLimits.maxStringLiteralBytes) bytes)"])
    }

    func testSourceTooLarge() {
        let text = String(repeating: "x", count: SyntaxLimits.maxSourceBytes + 1)
        let m = messages(text)
        XCTAssertEqual(m.count, 1)
        XCTAssertTrue(m.first?.hasPrefix("source is too large") ?? false, "\(m)")
    }
}

/// Inputs that would take quadratic time in a careless parser; they must finish (the suite has no timing
/// assertions, so a regression shows up as a slow run rather than a failure).
final class LargeInputTests: XCTestCase {
    func testLongListsOfKeywordsParametersAndFields() {
        let n = 20_000
        let call = "f(" + (0..<n).map { "k\($0)=1" }.joined(separator: ", ") + ")"
        let function = "fn g(" + (0..<n).map { "p\($0)" }.joined(separator: ", ") + ") = 1"
        let record = "{" + (0..<n).map { "f\($0): 1" }.joined(separator: ", ") + "}"
        let unclosed = String(repeating: "(a, ", count: 200) + String(repeating: "x + ", count: n)
        for text in [call, function, record] {
            XCTAssertEqual(sexp(text).1.map(\.message), [])
        }
        XCTAssertFalse(sexp(unclosed).1.isEmpty)
    }
}
