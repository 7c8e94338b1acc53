import Foundation
import SGPSyntax
import SGPTensor
import XCTest
@testable import SGPInterpreter

/// The API the CLI and the notebook use: persistent globals, interactive values, completions, overrides, records,
/// the sandbox and the standard-library search path.
final class HostAPITests: XCTestCase {
    func quiet() -> InterpreterOptions {
        var o = InterpreterOptions()
        o.output = { _ in }
        return o
    }

    func testInteractiveValueAnsAndPersistentGlobals() {
        let i = Interpreter(options: quiet())
        XCTAssertNil(i.run(Source(name: "<repl:1>", text: "x = 20")).error)
        let r = i.evaluateInteractive(Source(name: "<repl:2>", text: "x + 1"))
        XCTAssertEqual(r.lastValue?.numberValue, 21)
        XCTAssertEqual(i.evaluateInteractive(Source(name: "<repl:3>", text: "ans * 2")).lastValue?.numberValue, 42)
        // A trailing `;` suppresses the value.
        XCTAssertNil(i.evaluateInteractive(Source(name: "<repl:4>", text: "x + 1;")).lastValue)
        // A nil result (print returns nil) is not shown and does not replace `ans`.
        XCTAssertNil(i.evaluateInteractive(Source(name: "<repl:5>", text: "print(1)")).lastValue)
        XCTAssertEqual(i.evaluateInteractive(Source(name: "<repl:6>", text: "ans")).lastValue?.numberValue, 42)
        XCTAssertEqual(i.globalNames.filter { $0 == "x" || $0 == "ans" }, ["x", "ans"])
    }

    func testCompletionsAndSetGlobal() {
        let i = Interpreter(options: quiet())
        i.setGlobal("learning_rate", .number(0.1))
        XCTAssertEqual(i.completions(for: "learn"), ["learning_rate"])
        XCTAssertTrue(i.completions(for: "lin").contains("linspace"))
        XCTAssertTrue(i.completions(for: "whi").contains("while"))
        XCTAssertEqual(i.evaluateInteractive(Source(name: "t", text: "learning_rate * 10")).lastValue?.numberValue, 1)
    }

    func testRecordedValuesAndPrintedOutput() {
        let i = Interpreter(options: quiet())
        let r = i.run(Source(name: "t", text: "record(\"cost\", 1.5)\nprint(\"done\")"))
        XCTAssertEqual(r.printed, ["done"])
        XCTAssertEqual(i.recorded.map { $0.0 }, ["cost"])
        XCTAssertEqual(i.recorded.first?.1.numberValue, 1.5)
    }

    func testOverrideKindMismatchIsAnError() {
        let i = Interpreter(options: quiet())
        i.overrides = ["iters": .string("many")]
        let r = i.run(Source(name: "t.sgp", text: "iters = 50"))
        XCTAssertEqual(r.error?.message, "--set iters: the script assigns a number but the override is a string")
    }

    func testOverrideAppliesToFirstAssignmentOnly() {
        let i = Interpreter(options: quiet())
        i.overrides = ["lr": .number(0.5)]
        let r = i.evaluateInteractive(Source(name: "t.sgp", text: "lr = 0.1\nfirst = lr\nlr = lr * 2\nlist(first, lr)"))
        XCTAssertEqual(r.lastValue?.repr, "[0.5, 1]")
    }

    func testSandboxRejectsReadsOutsideAndAllowsInside() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sgp-sandbox-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: dir.appendingPathComponent("ok.txt"))
        // A symbolic link inside the allowed folder that points outside it is still outside.
        let link = dir.appendingPathComponent("link")
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc")
        var o = quiet()
        o.sandbox = Sandbox(readRoots: [dir.path], writeRoot: dir.path)
        let i = Interpreter(options: o)
        let script = dir.appendingPathComponent("main.sgp").path
        XCTAssertEqual(i.evaluateInteractive(Source(name: script, text: "read_text(\"ok.txt\")")).lastValue?.display, "hello")
        for path in ["/etc/passwd", "../../etc/passwd", "link/passwd"] {
            let r = i.run(Source(name: script, text: "read_text(\"\(path)\")"))
            XCTAssertEqual(r.error?.message, "sandbox: reading '/etc/passwd' is outside the allowed folders", path)
        }
        XCTAssertEqual(i.run(Source(name: script, text: "use \"/etc/passwd\"")).error?.message,
                       "sandbox: reading '/etc/passwd' is outside the allowed folders")
        XCTAssertNil(i.run(Source(name: script, text: "write_text(\"out.txt\", \"x\")")).error)
        XCTAssertNotNil(i.run(Source(name: script, text: "write_text(\"/tmp/sgp-escape.txt\", \"x\")")).error)
    }

    func testStdlibFallsBackToTheEmbeddedCopy() {
        var o = quiet()
        o.stdlibPath = "/nonexistent"
        let i = Interpreter(options: o)
        // Unless SGP_STDLIB or a folder next to the test binary has it, this comes from EmbeddedStdlib.
        let r = i.evaluateInteractive(Source(name: "t", text: "use \"schedules\" as s\ns.linear(0, 10, 10)(5)"))
        XCTAssertEqual(r.lastValue?.numberValue, 5)
        XCTAssertEqual(Stdlib.source(named: "costs", override: "/nonexistent")?.text.isEmpty, false)
    }

    func testModuleSyntaxErrorsAreReportedAtTheUse() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sgp-mod-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("x = (1 +\n".utf8).write(to: dir.appendingPathComponent("bad.sgp"))
        let i = Interpreter(options: quiet())
        let r = i.run(Source(name: dir.appendingPathComponent("main.sgp").path, text: "use \"bad.sgp\""))
        XCTAssertEqual(r.error?.message.hasPrefix("module '"), true)
        XCTAssertEqual(r.diagnostics.first?.notes.isEmpty, false)
    }

    func testGradIsRecognisableByIdentity() {
        let i = Interpreter(options: quiet())
        guard case .builtin(let b)? = i.global("grad") else { return XCTFail("grad is not a builtin") }
        XCTAssertTrue(b === i.registry.builtin(named: "grad"))
        XCTAssertEqual(b.category, "autodiff")
    }

    func testCancellationInterruptsLoops() {
        let i = Interpreter(options: quiet())
        Cancellation.request()
        defer { Cancellation.reset() }
        let r = i.run(Source(name: "t.sgp", text: "while true do\nend"))
        XCTAssertEqual(r.error?.message, "interrupted")
    }

    func testHelpTextComesFromTheRegistry() {
        var lines: [String] = []
        var o = InterpreterOptions()
        o.output = { lines.append($0) }
        let i = Interpreter(options: o)
        XCTAssertNil(i.run(Source(name: "t", text: "help(\"linspace\")")).error)
        XCTAssertEqual(lines.first?.hasPrefix("linspace(start, stop, n, dtype=\"float32\")"), true)
    }
}
