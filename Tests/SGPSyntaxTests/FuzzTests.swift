import Foundation
import XCTest
@testable import SGPSyntax

/// A deterministic mutation fuzzer over the lexer and parser: valid snippets are mutated with seeded random edits
/// (byte and token deletion, insertion, duplication, swaps, truncation, deep nesting) and every result must parse
/// without crashing, with every diagnostic pointing inside its source and rendering cleanly.
///
/// `SGP_FUZZ_ITERATIONS` and `SGP_FUZZ_SEED` run longer campaigns; `SGP_FUZZ_LOG=path` writes each input to
/// `path` before parsing it, so a crash leaves the culprit behind (keep it under `Regressions/`).
final class FuzzTests: XCTestCase {
    static let corpus: [String] = [
        "x = 1 + 2 * 3\n",
        "fn f(x, y=2)\n  return x + y\nend\n",
        "fn running(x, u) = 0.01 * sum(u^2, axis=-1)\n",
        "if a then\n  b = 1\nelif c\n  b = 2\nelse\n  b = 3\nend\n",
        "for beta in [0, 0.1, 1] do print(beta) end\n",
        "while i < 10 do i += 1 end\n",
        "sq = (v) -> v^2\nys = xs |> map(x -> x * 2)\n",
        "s = \"n={n} and {f(\"q\")} {{braces}}\\n\"\n",
        "r = {lr: 0.1, iters: 50}\nr.lr = r.lr / 2\n",
        "y = x[:, 0:3]\nz = x[-1]\nw = x[::2, 1]\n",
        "use \"costs.sgp\" as c\n",
        "# %% cell\nk = if a > 0 then 1 else -1;\n",
        "g = fn (a)\n  for i in 0..a do\n    if i % 2 == 0 then continue end\n    break\n  end\nend\n",
        "m = not a and b or c != d\n",
        "t = 'it\\'s' + \"\\t\"\n",
        "fn terminal(x)\n  err = x - target\n  return sum(err^2 * [1, 1, 0.1, 0.1], axis=-1)\nend\n",
    ]

    /// Fragments that tend to break grammar rules when spliced in.
    static let fragments = ["(", ")", "[", "]", "{", "}", "\"", "'", "{x}", "\n", ";", ",", ":", ".", "..", "->",
                            "|>", "=", "==", "fn", "end", "if", "then", "else", "elif", "for", "in", "do", "while",
                            "return", "not", "and", "use", "as", "-", "^", "@", "1e", "1_", "\\", "#", "x", "0.5",
                            "f(", "a[", "\u{0}", "é", "\u{FF}", "\u{A0}", "\u{200B}", "\u{FEFF}", "😀", "\r\n", "\t", "{{", "}}", "`", "!", "**", "//", "++"]

    func testMutatedInputsNeverCrash() {
        let env = ProcessInfo.processInfo.environment
        let iterations = env["SGP_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 20_000
        let seed = env["SGP_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5367_7021
        let logPath = env["SGP_FUZZ_LOG"]
        var rng = SplitMix64(seed: seed)
        var generator = ProgramGenerator(seed: seed ^ 0xA5A5)
        var parsedCleanly = 0
        for i in 0..<iterations {
            // A quarter of the seeds are freshly generated programs, which reach grammar corners the corpus misses.
            let base = rng.below(4) == 0 ? generator.program(statements: 2, depth: 2) : FuzzTests.corpus[rng.below(FuzzTests.corpus.count)]
            let input = FuzzTests.mutate(Array(base.utf8), &rng)
            if let logPath { try? Data(input).write(to: URL(fileURLWithPath: logPath)) }
            let text = String(decoding: input, as: UTF8.self)
            // `isIncomplete` reparses; checking it on every fourth input keeps the budget for more inputs.
            if checkInvariants(text, name: "fuzz-\(i)", checkIncomplete: i % 4 == 0) { parsedCleanly += 1 }
        }
        // Mutations must mostly break the input, or the fuzzer tests little.
        XCTAssertLessThan(parsedCleanly, iterations / 2)
    }

    func testRegressionInputs() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sgp") }.sorted()
        XCTAssertFalse(files.isEmpty, "no regression inputs found in \(folder.path)")
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            _ = checkInvariants(String(decoding: data, as: UTF8.self), name: file)
        }
        // Again on a small-stack thread, where both parsing and freeing the tree once overflowed.
        let done = expectation(description: "parsed on a small stack")
        let texts = try files.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        let thread = Thread {
            for data in texts { _ = Parser.parse(Source(name: "small-stack", text: String(decoding: data, as: UTF8.self))) }
            done.fulfill()
        }
        thread.stackSize = 512 << 10
        thread.start()
        wait(for: [done], timeout: 120)
    }

    /// Parses `text` and checks the invariants; returns whether it parsed without diagnostics.
    @discardableResult
    func checkInvariants(_ text: String, name: String, checkIncomplete: Bool = true) -> Bool {
        let source = Source(name: name, text: text)
        let (block, diagnostics) = Parser.parse(source)
        if checkIncomplete { _ = Parser.isIncomplete(text) }
        let n = source.bytes.count
        XCTAssertLessThanOrEqual(diagnostics.count, SyntaxLimits.maxErrors + 1, name)
        for d in diagnostics {
            XCTAssertTrue(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= n,
                          "\(name): span \(d.span) outside 0..<\(n): \(d.message)")
            for note in d.notes {
                if let s = note.span { XCTAssertTrue(s.start >= 0 && s.end <= n, "\(name): note span \(s)") }
            }
            XCTAssertFalse(d.message.isEmpty)
            XCTAssertFalse(DiagnosticRenderer().render(d).isEmpty)
        }
        if diagnostics.isEmpty {
            for s in block.statements {
                XCTAssertTrue(s.span.start >= 0 && s.span.end <= n, "\(name): statement span \(s.span)")
            }
            _ = ASTPrinter.print(block)
        }
        return diagnostics.isEmpty
    }

    /// One input: `base` (sometimes joined with a corpus snippet) with 1–4 random mutations.
    static func mutate(_ base: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = base
        if rng.below(4) == 0 { bytes += Array(corpus[rng.below(corpus.count)].utf8) }
        for _ in 0..<(1 + rng.below(4)) {
            let n = bytes.count
            let a = rng.below(n + 1), b = rng.below(n + 1)
            let (lo, hi) = (min(a, b), max(a, b))
            switch rng.below(8) {
            case 0: bytes.removeSubrange(lo..<min(hi, lo + 1 + rng.below(8)))  // delete a few bytes
            case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: a)  // insert a random byte
            case 2: bytes.insert(contentsOf: fragments[rng.below(fragments.count)].utf8, at: a)  // insert a token
            case 3: bytes.insert(contentsOf: bytes[lo..<hi], at: rng.below(n + 1))  // duplicate a range
            case 4: if a < n && b < n { bytes.swapAt(a, b) }  // swap two bytes
            case 5: bytes.removeSubrange(lo..<hi)  // delete a range (truncation when hi == n)
            case 6:  // deep nesting: far past the limit some of the time
                let opener = ["(", "[", "{a: ", "-", "not ", "if a then\n", "\"{", "f(", "x -> ", "2^"][rng.below(10)]
                // Past the nesting limit now and then (each such input is long, so not too often).
                let count = rng.below(8) == 0 ? 260 + rng.below(100) : 1 + rng.below(40)
                bytes.insert(contentsOf: Array(String(repeating: opener, count: count).utf8), at: a)
            default:  // swap two token-ish words
                let words = String(decoding: bytes, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
                guard words.count > 1 else { continue }
                var w = words.map(String.init)
                w.swapAt(rng.below(w.count), rng.below(w.count))
                bytes = Array(w.joined(separator: " ").utf8)
            }
        }
        return bytes
    }
}

/// Small seeded generator (SplitMix64) so the fuzz inputs are the same on every run; SGPSyntax's tests do not
/// depend on the tensor module's `RandomStream`.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform-ish in 0..<n (0 when n == 0).
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}
