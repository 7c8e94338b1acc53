import Foundation
import SGPSyntax
import XCTest
@testable import SGPInterpreter

/// Interpreter-overhead benchmarks (not timed tests): run with SGP_BENCH=1 in a release build, e.g.
/// `SGP_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter BenchmarkTests`. Results go to
/// docs/PERFORMANCE.md.
final class BenchmarkTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["SGP_BENCH"] == "1", "benchmarks run only with SGP_BENCH=1")
    }

    /// The scalar loop `for i in 0..10^6: s = s + f(i) * 0.5` with `fn f(x) = x * 2 + 1`, at top level like the
    /// CPython comparison (`python3 Tests/Scripts/bench/scalar_loop.py`).
    func testScalarLoop() {
        let n = 1_000_000.0
        let prog: [Stmt] = [
            AST.fn("f", [("x", nil)], [AST.ret(AST.bin(.add, AST.bin(.mul, AST.v("x"), AST.num(2)), AST.num(1)))]),
            AST.assign("s", AST.num(0)),
            AST.forIn("i", AST.bin(.range, AST.num(0), AST.num(n)),
                      [AST.assign("s", AST.bin(.add, AST.v("s"), AST.bin(.mul, AST.call("f", AST.v("i")), AST.num(0.5))))]),
            AST.expr(AST.v("s")),
        ]
        let i = Interpreter()
        var best = Double.infinity
        for _ in 0..<5 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let r = i.evaluateInteractive(AST.block(prog), source: Source(name: "bench", text: " "))
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            XCTAssertEqual(r.lastValue?.numberValue, 5e11)
        }
        print("BENCH scalar_loop_1e6: \(String(format: "%.3f", best)) s (best of 5)")
    }

    /// Overhead of calling a tensor builtin from the language: `sum(x)` on a 4-element tensor, 10^5 times,
    /// minus the same loop without the call.
    func testTensorBuiltinCallOverhead() {
        let n = 100_000.0
        func loop(_ body: Expr) -> [Stmt] {
            [AST.assign("x", AST.list([AST.num(1), AST.num(2), AST.num(3), AST.num(4)])),
             AST.forIn("i", AST.bin(.range, AST.num(0), AST.num(n)), [AST.assign("y", body)])]
        }
        let i = Interpreter()
        func time(_ p: [Stmt]) -> Double {
            var best = Double.infinity
            for _ in 0..<5 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                XCTAssertNil(i.run(AST.block(p), source: Source(name: "bench", text: " ")).error)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            return best
        }
        let with = time(loop(AST.call("sum", AST.v("x"))))
        let without = time(loop(AST.v("x")))
        print("BENCH tensor_builtin_call: \(String(format: "%.2f", (with - without) / n * 1e6)) us per call")
    }
}
