import Foundation
import XCTest
@testable import SGPSyntax

final class LimitTests: XCTestCase {
    private func messages(_ text: String) -> [String] { sexp(text).1.map(\.message) }

    func testNestingAtTheLimitParses() {
        // Each parenthesis costs one level for the group and one for the expression inside.
        let depth = SyntaxLimits.maxNestingDepth / 2 - 2
        let text = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        XCTAssertEqual(messages(text), [])
    }

    func testDeepNestingIsOneClearError() {
        for text in [String(repeating: "(", count: 100_000) + "1",
                     String(repeating: "[", count: 5_000),
                     String(repeating: "-", count: 5_000) + "x",
                     String(repeating: "not ", count: 5_000) + "x",
                     "x = " + String(repeating: "2^", count: 5_000) + "2",
                     String(repeating: "if a then\n", count: 1_000),
                     String(repeating: "x -> ", count: 5_000) + "x",
                     String(repeating: "\"{", count: 5_000)] {
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
