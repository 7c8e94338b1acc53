import Foundation
import SGPSyntax
import XCTest
@testable import SGPInterpreter

/// The call-depth limit is safe: measures the stack one interpreted call level uses and checks that
/// `maxCallDepth` levels fit well inside the 8 MiB main-thread stack (the evaluator runs on the main thread or on
/// a 64 MiB helper thread).
final class StackDepthTests: XCTestCase {
    func stackBytesPerLevel(_ body: String) -> Double {
        let registry = BuiltinRegistry.standard()
        registry.add("stack_probe", "test", [], "Address of a stack variable.", example: "stack_probe()") { _, _ in
            var marker = 0
            return .number(Double(withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }))
        }
        let interp = Interpreter(options: InterpreterOptions(), registry: registry)
        func probe(_ depth: Int) -> Double {
            let r = interp.evaluateInteractive(Source(name: "probe.sgp", text: body + "\nr(\(depth))"))
            XCTAssertNil(r.error, r.rendered())
            return r.lastValue?.numberValue ?? 0
        }
        return (probe(0) - probe(100)) / 100
    }

    func testCallDepthLimitFitsTheMainThreadStack() {
        // A typical recursive function: a conditional expression around a call with arithmetic arguments.
        let simple = stackBytesPerLevel("fn r(n) = if n == 0 then stack_probe() else 1 * r(n - 1)")
        // A block-bodied function with a loop and an if around the recursive call.
        let block = stackBytesPerLevel("""
        fn r(n)
          for i in 0..1 do
            if n == 0 then
              return stack_probe()
            else
              x = r(n - 1)
              return x
            end
          end
        end
        """)
        let worst = max(simple, block)
        print("stack per interpreted call level: \(Int(simple)) bytes (expression body), \(Int(block)) bytes (block body)")
        XCTAssertGreaterThan(worst, 0)
        // Leave half the stack for expression nesting within a level, builtins and the host.
        XCTAssertLessThan(worst * Double(InterpreterLimits().maxCallDepth), Double(4 << 20))
    }
}
