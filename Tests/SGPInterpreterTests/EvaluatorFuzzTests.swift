import Foundation
import SGPSyntax
import SGPTensor
import XCTest
@testable import SGPInterpreter

/// A deterministic mutation fuzzer over the parser and the evaluator: programs from the golden corpus and the
/// standard library are mutated (bytes deleted, tokens inserted, lines duplicated or swapped, numbers replaced by
/// extremes) and run under a step limit, small size limits and a sandbox. The assertion is that nothing traps:
/// a crash ends the test process. Crashing inputs it finds go to Tests/Scripts/regression/.
///
/// Budget: 300 programs by default; `SGP_FUZZ_ITERATIONS=n` for longer runs, `SGP_FUZZ_SEED` to explore.
final class EvaluatorFuzzTests: XCTestCase {
    static let tokens = ["(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "+", "-", "*", "/", "^", "@", "%", "=", "==",
                         "<", ">", "|>", "..", "->", "\"", "'", "\n", " end ", " fn ", " if ", " then ", " else ", " for ",
                         " in ", " do ", " while ", " return ", " break ", " nil ", " true ", "x", "f", "0", "-1", "1e308",
                         "nan", "inf", "1e9", "[[1, 2], [3]]", "grad(", "zeros([1000, 1000])", "range(1e9)", "{a: 1}",
                         "x -> x", "use \"util\"", "\"{x}\"", "[]", "list()", "sum(", "reshape(", "[:, -1]", "[::0]",
                         "plot([1, 2, 3])", "hist(randn([50]))", "scatter([1, 2], [3, 4])", "show(plot(", "x[1:3] = 0",
                         "subplots(2, 2)", "heatmap((a, b) -> a * b)", "bar(list(\"a\"), [1])"]
    static let numbers = ["0", "-1", "1e308", "-1e308", "1e-320", "nan", "inf", "2147483648", "9e18", "0.5"]

    func testMutatedProgramsDoNotCrash() throws {
        let env = ProcessInfo.processInfo.environment
        let iterations = Int(env["SGP_FUZZ_ITERATIONS"] ?? "") ?? 300
        var rng = RandomStream(seed: UInt64(env["SGP_FUZZ_SEED"] ?? "") ?? 20261126, stream: "fuzz")
        let corpus = Self.corpus()
        XCTAssertGreaterThan(corpus.count, 20)
        let last = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sgp-fuzz-current.sgp")
        var errors = 0, successes = 0
        for _ in 0..<iterations {
            let base = corpus[rng.int(below: corpus.count)]
            let program = Self.mutate(base.text, &rng)
            // If the process dies, the input that killed it is here.
            try? Data(program.utf8).write(to: last)
            let r = Self.run(program, name: base.url.path)
            if r.diagnostics.contains(where: { $0.severity == .error }) { errors += 1 } else { successes += 1 }
        }
        // Both outcomes occur, so the mutations neither always break nor never change the programs.
        XCTAssertGreaterThan(errors, 0)
        XCTAssertGreaterThan(successes, 0)
    }

    /// Every regression input (and every golden script) runs without trapping under the fuzz limits.
    func testCorpusUnderFuzzLimits() {
        for c in Self.corpus() { _ = Self.run(c.text, name: c.url.path) }
    }

    static func corpus() -> [(url: URL, text: String)] {
        var urls = GoldenScriptTests.scripts()
        if let e = FileManager.default.enumerator(at: RepoPaths.scripts, includingPropertiesForKeys: nil) {
            urls += e.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasPrefix("_") && $0.pathExtension == "sgp" }
        }
        urls += ((try? FileManager.default.contentsOfDirectory(at: RepoPaths.stdlib, includingPropertiesForKeys: nil)) ?? [])
        return urls.compactMap { u in RepoPaths.read(u).map { (u, $0) } }
    }

    static func run(_ program: String, name: String) -> ExecutionResult {
        var o = InterpreterOptions()
        o.output = { _ in }
        o.sandbox = Sandbox(readRoots: [RepoPaths.scripts.path, RepoPaths.stdlib.path], writeRoot: nil)
        o.stdlibPath = RepoPaths.stdlib.path
        o.limits.maxSteps = 20_000
        o.limits.maxTensorElements = 1 << 16
        o.limits.maxListLength = 1 << 16
        o.limits.maxStringLength = 1 << 16
        return Interpreter(options: o).run(Source(name: name, text: program))
    }

    static func mutate(_ text: String, _ rng: inout RandomStream) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + rng.int(below: 4)) {
            guard !bytes.isEmpty else { break }
            let at = rng.int(below: bytes.count)
            switch rng.int(below: 6) {
            case 0: bytes.removeSubrange(at..<min(bytes.count, at + 1 + rng.int(below: 20)))
            case 1: bytes.insert(contentsOf: Array(tokens[rng.int(below: tokens.count)].utf8), at: at)
            case 2, 3:
                var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                guard lines.count > 1 else { break }
                let i = rng.int(below: lines.count), j = rng.int(below: lines.count)
                if rng.int(below: 2) == 0 { lines.insert(lines[i], at: j) } else { lines.swapAt(i, j) }
                bytes = Array(lines.joined(separator: "\n").utf8)
            case 4:
                // Replace a digit run with an extreme number.
                if let s = bytes[at...].firstIndex(where: { (48...57).contains($0) }) {
                    var e = s
                    while e < bytes.count, (48...57).contains(bytes[e]) || bytes[e] == 46 { e += 1 }
                    bytes.replaceSubrange(s..<e, with: Array(numbers[rng.int(below: numbers.count)].utf8))
                }
            default: bytes.removeSubrange(at..<bytes.count)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
