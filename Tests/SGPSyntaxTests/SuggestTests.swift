import XCTest
@testable import SGPSyntax

final class SuggestTests: XCTestCase {
    func testDistance() {
        XCTAssertEqual(Suggest.distance(Array("kitten"), Array("sitting")), 3)
        XCTAssertEqual(Suggest.distance(Array("abcd"), Array("abdc")), 1)
        XCTAssertEqual(Suggest.distance(Array(""), Array("abc")), 3)
        XCTAssertEqual(Suggest.distance(Array("same"), Array("same")), 0)
    }

    func testClosest() {
        XCTAssertEqual(Suggest.closest("anneal", among: ["annealing", "anneals", "alpha"]), "anneals")
        XCTAssertEqual(Suggest.closest("lenght", among: ["length", "list"]), "length")
        XCTAssertEqual(Suggest.closest("Print", among: ["print", "sprint"]), "print")
        // Nothing close enough, a tie, an exact match, or an empty name: no suggestion.
        XCTAssertNil(Suggest.closest("zzz", among: ["length", "list"]))
        XCTAssertNil(Suggest.closest("cat", among: ["bat", "hat"]))
        XCTAssertNil(Suggest.closest("x", among: ["x"]))
        XCTAssertNil(Suggest.closest("", among: ["a"]))
    }
}
