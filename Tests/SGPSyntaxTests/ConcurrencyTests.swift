import Foundation
import XCTest
@testable import SGPSyntax

final class ConcurrencyTests: XCTestCase {
    func testNameTableIsConsistentAcrossThreads() {
        let words = (0..<500).map { "concurrent_name_\($0)" }
        let results = Collected<[Name]>()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            // Each worker interns the words in a different order.
            let order = worker % 2 == 0 ? words : words.reversed()
            results.append(order.map { NameTable.shared.intern($0) })
        }
        let byText = results.all.flatMap { $0 }.reduce(into: [String: Set<Int>]()) { $0[$1.text, default: []].insert($1.id) }
        XCTAssertEqual(byText.count, words.count)
        XCTAssertTrue(byText.values.allSatisfy { $0.count == 1 }, "one id per text")
        XCTAssertEqual(Set(byText.values.map { $0.first ?? -1 }).count, words.count, "distinct ids for distinct texts")
    }

    func testParsingOffTheMainThreadGivesTheSameResult() {
        let text = "fn f(x, y=2)\n  return x + y\nend\nz = f(1) |> g\nbad = )\n"
        let expected = sexp(text)
        let results = Collected<(String, [String])>()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let (block, diagnostics) = Parser.parse(Source(name: "test.sgp", text: text))
            results.append((ASTPrinter.print(block), diagnostics.map(\.description)))
        }
        XCTAssertEqual(results.all.count, 8)
        for (printed, messages) in results.all {
            XCTAssertEqual(printed, expected.0)
            XCTAssertEqual(messages, expected.1.map(\.description))
        }
    }
}

/// Results gathered from several threads.
private final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ x: T) { lock.lock(); items.append(x); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}
