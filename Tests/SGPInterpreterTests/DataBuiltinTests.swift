import Foundation
import SGPEnvs
import SGPSyntax
import SGPTensor
import XCTest
@testable import SGPInterpreter

/// Data and environment builtins beyond the golden scripts: the card, the files-read list, the sandbox,
/// Ctrl-C, the planner-facing accessor of `true_dynamics`, and the MuJoCo tasks (skipped without gymnasium).
final class DataBuiltinTests: XCTestCase {
    func run(_ text: String, sandbox: Sandbox? = nil, name: String = "<test>") -> (Interpreter, ExecutionResult, [String]) {
        var printed: [String] = []
        var o = InterpreterOptions()
        o.output = { printed.append($0) }
        o.sandbox = sandbox
        let interp = Interpreter(options: o)
        let r = interp.run(Source(name: name, text: text))
        return (interp, r, printed)
    }

    func tempDir() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("sgp-databuiltins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    func testCardPrintsSizeAndDigest() throws {
        let (_, r, printed) = run("d = collect(pendulum(), episodes=2, horizon=30, seed=1)\ncard(d)\nprint(d.sha256)")
        XCTAssertNil(r.error)
        XCTAssertEqual(printed.count, 2)
        let card = printed[0], sha = printed[1]
        XCTAssertTrue(card.contains("transitions  60"), card)
        XCTAssertTrue(card.contains("episodes     2"), card)
        XCTAssertTrue(card.contains(sha), card)
    }

    func testLoadRecordsFilesReadAndRespectsSandbox() throws {
        let dir = try tempDir()
        let file = dir.appendingPathComponent("d.npz").path
        let (i1, r1, _) = run("d = collect(integrator(), episodes=1, horizon=10, seed=0)\nsave_dataset(d, \"\(file)\")\ne = load_dataset(\"\(file)\")\nprint(e.n)")
        XCTAssertNil(r1.error)
        XCTAssertEqual(i1.filesRead, [Sandbox.canonical(file)])

        // Reads outside the read roots and writes outside the write root are refused.
        let other = try tempDir()
        let box = Sandbox(readRoots: [other.path], writeRoot: other.path)
        let (i2, r2, _) = run("e = load_dataset(\"\(file)\")", sandbox: box)
        XCTAssertTrue(r2.error?.message.contains("sandbox: reading") ?? false, "\(String(describing: r2.error))")
        XCTAssertEqual(i2.filesRead, [])
        let (_, r3, _) = run("save_dataset(collect(integrator(), episodes=1, horizon=5), \"\(dir.appendingPathComponent("x.h5").path)\")", sandbox: box)
        XCTAssertTrue(r3.error?.message.contains("sandbox: writing") ?? false, "\(String(describing: r3.error))")
        let (_, r4, printed) = run("save_dataset(collect(integrator(), episodes=1, horizon=5), output_path(\"y.h5\"))\nprint(load_dataset(output_path(\"y.h5\")).n)", sandbox: box)
        XCTAssertNil(r4.error)
        XCTAssertEqual(printed, ["5"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: other.appendingPathComponent("y.h5").path))
    }

    func testCollectAndRolloutStopOnCtrlC() throws {
        Cancellation.request()
        defer { Cancellation.reset() }
        let (_, r1, _) = run("d = collect(pendulum(), episodes=10, horizon=100, seed=0)")
        XCTAssertEqual(r1.error?.message, "interrupted")
        let (_, r2, printed) = run("r = rollout(integrator(), zeros([50, 2]), x0=[0, 0])\nprint(r.interrupted, r.steps)")
        XCTAssertNil(r2.error)
        XCTAssertEqual(printed, ["true 0"])
    }

    func testTrueDynamicsExposesTheEnvironment() throws {
        let (interp, r, _) = run("env = cartpole()\nf = true_dynamics(env)")
        XCTAssertNil(r.error)
        guard case .opaque(let e as EnvironmentValue)? = interp.global("env"),
              case .opaque(let f as TrueDynamicsValue)? = interp.global("f") else { return XCTFail("values missing") }
        XCTAssertTrue(f.environment === e.environment)
        let x = try Tensor(shape: [2, 4], doubles: [0, 3, 0, 0, 0.1, 0.2, 0.3, 0.4])
        let u = try Tensor(shape: [2, 1], doubles: [1, -1])
        let a = try f.apply(x, u), b = try e.environment.trueDynamics(x: x, u: u)
        XCTAssertEqual(a.scalars, b.scalars)
    }

    func testSeedDefaultsComeFromTheRunSeed() throws {
        let text = "print(collect(integrator(), policy=\"uniform_states\", samples=50).sha256 == collect(integrator(), policy=\"uniform_states\", samples=50).sha256)\nprint(reset(pendulum()))"
        let (_, r1, p1) = run(text), (_, r2, p2) = run(text)
        XCTAssertNil(r1.error); XCTAssertNil(r2.error)
        XCTAssertEqual(p1, p2, "same run seed, same data")
        XCTAssertEqual(p1.first, "false", "successive draws from the data stream differ")
    }

    func testMuJoCoTasks() throws {
        guard let py = ProcessInfo.processInfo.environment["SGP_TEST_PYTHON"], FileManager.default.fileExists(atPath: py) else {
            throw XCTSkip("SGP_TEST_PYTHON is not set: the MuJoCo model files come from the gymnasium package")
        }
        let (_, r, printed) = run("""
        for make in list(halfcheetah, hopper, walker2d) do
          env = make()
          a = reset(env, seed=2)
          b = reset(env, seed=2)
          s = step(env, zeros([env.action_dim]))
          ro = rollout(env, zeros([5, env.action_dim]), seed=2)
          print(env.name, env.state_dim, env.action_dim, max(abs(a - b)), s.next.shape[0], ro.steps, max(abs(ro.states[0] - a)))
        end
        """)
        XCTAssertNil(r.error, "\(String(describing: r.error))")
        XCTAssertEqual(printed, ["halfcheetah 17 6 0 17 5 0", "hopper 11 3 0 11 5 0", "walker2d 17 6 0 17 5 0"])
        let (_, r2, _) = run("f = true_dynamics(hopper())")
        XCTAssertTrue(r2.error?.message.contains("no differentiable true dynamics") ?? false, "\(String(describing: r2.error))")
    }

    /// Every data/environment example parses; the self-contained ones run.
    func testExamplesParseAndRun() throws {
        let reg = BuiltinRegistry.standard()
        let mine = reg.builtins.filter { ["environments", "data"].contains($0.category) || $0.name == "output_path" }
        XCTAssertGreaterThanOrEqual(mine.count, 20)
        let interp = Interpreter()
        for b in mine {
            XCTAssertNoThrow(try interp.parseOrThrow(Source(name: b.name, text: b.example)), "example of \(b.name)")
        }
        let runnable = ["pendulum", "cartpole", "integrator", "corridor", "pixel_integrator", "reset", "step",
                        "true_dynamics", "rollout", "d4rl_score", "collect"]
        for name in runnable {
            let b = try XCTUnwrap(reg.builtin(named: name))
            let (_, r, _) = run(b.example)
            XCTAssertNil(r.error, "example of \(name): \(String(describing: r.error))")
        }
    }
}
