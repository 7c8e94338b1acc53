import SGPSyntax
import SGPTensor
import XCTest
@testable import SGPInterpreter

/// Ctrl-C (a cancellation request, here raised from the progress stream) stops training and planning at a
/// boundary: training keeps the best model so far and says so; a plan comes back with `interrupted` set.
final class ModelPlanInterruptTests: XCTestCase {
    func run(_ text: String) -> (Interpreter, ExecutionResult, [String]) {
        var printed: [String] = []
        var o = InterpreterOptions()
        o.output = { printed.append($0) }
        let interp = Interpreter(options: o)
        let r = interp.run(Source(name: "<test>", text: text))
        return (interp, r, printed)
    }

    /// Requests cancellation once `task` reports `after` units done.
    func cancel(task: String, after: Int) {
        ProgressSink.handler = { e in if e.task == task, e.done >= after { Cancellation.request() } }
    }

    override func tearDown() {
        ProgressSink.handler = nil
        Cancellation.reset()
    }

    func testTrainingKeepsTheBestModelSoFar() throws {
        cancel(task: "train_dynamics", after: 3)
        let (_, r, printed) = run("""
        d = collect(integrator(dim=2), policy="uniform_states", samples=300, seed=0)
        f = train_dynamics(d, hidden=[8], epochs=50, seed=1)
        """)
        XCTAssertNil(r.error, "\(String(describing: r.error))")
        Cancellation.reset(); ProgressSink.handler = nil
        XCTAssertTrue(printed.contains { $0.contains("train_dynamics: interrupted after 3 epochs") }, "\(printed)")
        let (_, r2, p2) = run("""
        d = collect(integrator(dim=2), policy="uniform_states", samples=300, seed=0)
        print(d.n)
        """)
        XCTAssertNil(r2.error)
        XCTAssertEqual(p2, ["300"])
    }

    func testPlanReturnsThePlanSoFar() throws {
        cancel(task: "plan", after: 5)
        let (interp, r, printed) = run("""
        env = integrator(dim=2)
        p = plan(grad, dynamics=true_dynamics(env), cost=(x, u) -> sum(x * x, axis=[1, 2]), x0=[0.5, 0.5], horizon=5, iters=100, lr=0.05, env=env)
        """)
        XCTAssertNil(r.error, "\(String(describing: r.error))")
        guard case .opaque(let p as PlanValue)? = interp.global("p") else { return XCTFail("p is not a plan") }
        XCTAssertTrue(p.result.interrupted)
        XCTAssertLessThan(p.result.iterations, 100)
        XCTAssertGreaterThanOrEqual(p.result.iterations, 5)
        XCTAssertTrue(printed.contains { $0.hasPrefix("plan: interrupted after") }, "\(printed)")
    }
}
