import SGPSyntax
import SGPTensor
import XCTest
@testable import SGPInterpreter

/// Plans, MPC runs, training histories and σ lists draw themselves.
final class ModelPlanFigureTests: XCTestCase {
    func testValuesMakeFigures() throws {
        let interp = Interpreter(options: InterpreterOptions())
        let r = interp.run(Source(name: "<fig>", text: """
        env = integrator(dim=2)
        d = collect(env, policy="uniform_states", samples=300, seed=0)
        f = train_dynamics(d, hidden=[8], epochs=3, seed=1)
        s = train_score(d, sigmas=cosine_sigmas(0.3, 0.05, 3), hidden=[8, 8], epochs=2, seed=2)
        p = plan(grad, dynamics=f, cost=(x, u) -> sum(x * x, axis=[1, 2]), x0=[0.5, 0.5], horizon=5, iters=10, env=env, beta=0.1, score=s)
        m = mpc(env, grad, dynamics=f, cost=(x, u) -> sum(x * x, axis=[1, 2]), horizon=4, iters=5, steps=3, seed=0)
        sig = cosine_sigmas(0.3, 0.05, 4)
        fh = f.history
        sh = s.history
        """))
        XCTAssertNil(r.error, "\(String(describing: r.error))")
        var counts: [String: Int] = [:]
        for name in ["p", "m", "sig", "fh", "sh"] {
            guard case .opaque(let v as any PlottableValue)? = interp.global(name) else { return XCTFail("\(name) does not plot") }
            let fig = try v.makeFigure(PlotOptions())
            counts[name] = fig.axes.count
            XCTAssertFalse(fig.axes.allSatisfy { $0.series.isEmpty }, "\(name) drew nothing")
        }
        XCTAssertEqual(counts, ["p": 4, "m": 2, "sig": 1, "fh": 1, "sh": 1])
        // The score history shows train, val and one dashed curve per level.
        guard case .opaque(let sh as HistoryValue)? = interp.global("sh") else { return XCTFail("sh") }
        XCTAssertEqual(try sh.makeFigure(PlotOptions()).axes[0].series.count, 2 + 3)
    }
}
