import Foundation
import XCTest

/// The REPL through a real pseudo-terminal, readline active.
final class REPLTests: XCTestCase {
    func testMultilineCompletionAndInterrupt() throws {
        let home = try SGPBinary.tempDir()
        let out = try SGPBinary.pty([
            ["wait": "sgp> "], ["send": "myvar = 41\n"], ["wait": "sgp> "],
            ["send": "fn f(x)\n"], ["wait": "...> "], ["send": "return x + 1\nend\n"], ["wait": "sgp> "],
            ["send": "f(myv\t)\n"], ["wait": "42"], ["wait": "sgp> "],
            ["send": "i = 0\n"], ["wait": "sgp> "],
            ["send": "while true do i = i + 1 end\n"], ["sleep": 0.7], ["send": "\u{3}"], ["wait": "interrupted"], ["wait": "sgp> "],
            ["send": "myvar + 0 * i\n"], ["wait": "41"], ["wait": "sgp> "],
            ["send": ":help zeros\n"], ["wait": "example"], ["wait": "sgp> "],
            ["send": "\u{4}"],
        ], home: home)
        XCTAssertFalse(out.contains("--timeout"), out)
        XCTAssertTrue(out.contains("--exit 0"), out)
    }

    func testHistoryPersistsAcrossSessions() throws {
        let home = try SGPBinary.tempDir()
        _ = try SGPBinary.pty([["wait": "sgp> "], ["send": "unique_name_123 = 5\n"], ["wait": "sgp> "], ["send": "\u{4}"]], home: home)
        let hist = try String(contentsOf: home.appendingPathComponent("state/sgp/history"), encoding: .utf8)
        XCTAssertTrue(hist.contains("unique_name_123 = 5"))
        // Up-arrow in a new session recalls it.
        let out = try SGPBinary.pty([["wait": "sgp> "], ["send": "\u{1B}[A\n"], ["wait": "sgp> "], ["send": "unique_name_123 * 2\n"], ["wait": "10"], ["send": "\u{4}"]], home: home)
        XCTAssertFalse(out.contains("--timeout"), out)
    }

    func testErrorsKeepTheSession() throws {
        let home = try SGPBinary.tempDir()
        let out = try SGPBinary.pty([
            ["wait": "sgp> "], ["send": "a = 2\n"], ["wait": "sgp> "], ["send": "a +* 3\n"], ["wait": "error"], ["wait": "sgp> "],
            ["send": "zeros([2]) @ zeros([3])\n"], ["wait": "matmul"], ["wait": "sgp> "], ["send": "a * 21\n"], ["wait": "42"], ["send": ":quit\n"],
        ], home: home)
        XCTAssertFalse(out.contains("--timeout"), out)
        XCTAssertTrue(out.contains("--exit 0"), out)
    }
}
