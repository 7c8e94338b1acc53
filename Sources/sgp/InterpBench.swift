import Foundation
import SGPBench
import SGPInterpreter
import SGPSyntax

/// Why an in-process benchmark script failed.
struct BenchScriptError: Error, CustomStringConvertible {
    let description: String
}

/// Runs benchmark programs through SGPInterpreter in this process (no spawn, no parse of the command line).
enum InProcessScript {
    /// Parses and runs `text`; output is discarded. With `extraBuiltins`, `cpu_time()` (process CPU seconds) exists.
    static func run(_ text: String, name: String, extraBuiltins: Bool = false) throws -> Interpreter {
        var options = InterpreterOptions()
        options.output = { _ in }
        let registry = BuiltinRegistry.standard()
        if extraBuiltins {
            registry.add("cpu_time", "bench", [], "Process CPU seconds (all threads), for `sgp bench`.", example: "cpu_time()") { _, _ in
                .number(ProcessClock.cpuSeconds())
            }
        }
        let interp = Interpreter(options: options, registry: registry)
        let src = Source(name: name, text: text)
        let (block, diags) = Parser.parse(src)
        if let d = diags.first(where: { $0.severity == .error }) { throw BenchScriptError(description: "\(name): \(d)") }
        let r = interp.run(block, source: src)
        if let e = r.error { throw BenchScriptError(description: "\(name): \(e)") }
        return interp
    }

    /// The number bound to `name` after a run.
    static func number(_ interp: Interpreter, _ name: String) throws -> Double {
        guard case .number(let v)? = interp.global(name) else { throw BenchScriptError(description: "benchmark script did not set \(name)") }
        return v
    }
}

/// `sgp bench interp`: the interpreter loops of Tests/Bench/interpreter (a scalar loop of arithmetic and a user
/// function call; the cost of calling a tensor builtin), in-process, with CPython's time for the same loop as the
/// reference when `python3` runs.
enum InterpBench {
    static func figures(_ c: BenchContext) throws -> [BenchFigure] {
        let n = c.quick ? 100_000 : 1_000_000, repeats = c.quick ? 1 : 5
        // Tests/Bench/interpreter/scalar_loop.sgp with the loop count as a parameter and the time bound to a name.
        let loop = """
        fn f(x) = x * 2.0 + 1.0
        t0 = time()
        s = 0.0
        for i in range(\(n)) do
          s = s + f(i) * 0.5
        end
        dt = time() - t0
        """
        var ours: [Double] = []
        for _ in 0..<repeats { ours.append(try InProcessScript.number(try InProcessScript.run(loop, name: "scalar_loop"), "dt")) }
        let py = cpython(n: n, repeats: repeats)
        // Tests/Bench/interpreter/builtin_call.sgp: sum() of a 4-element tensor minus the same loop without it.
        let calls = c.quick ? 20_000 : 100_000
        let builtin = """
        x = [1, 2, 3, 4]
        t0 = time()
        for i in range(\(calls)) do
          y = sum(x)
        end
        t1 = time()
        for i in range(\(calls)) do
          y = x
        end
        t2 = time()
        per_call = ((t1 - t0) - (t2 - t1)) / \(calls) * 1e6
        """
        var perCall: [Double] = []
        for _ in 0..<repeats { perCall.append(try InProcessScript.number(try InProcessScript.run(builtin, name: "builtin_call"), "per_call")) }
        let perIter = median(ours) * 1e9 / Double(n)
        return [
            BenchFigure(name: "interp.scalar_loop", value: perIter, unit: "ns/iter",
                        reference: py.map { $0 * 1e9 / Double(n) }, referenceName: py == nil ? nil : "CPython (target ≤ 2×)"),
            BenchFigure(name: "interp.builtin_call", value: median(perCall), unit: "µs/call", reference: 5, referenceName: "target"),
        ]
    }

    /// Median seconds of CPython's scalar_loop.py for `n` iterations, or nil when `python3` is not there.
    static func cpython(n: Int, repeats: Int) -> Double? {
        let program = """
        import time
        def f(x):
            return x * 2.0 + 1.0
        t0 = time.perf_counter()
        s = 0.0
        for i in range(\(n)):
            s = s + f(i) * 0.5
        print(time.perf_counter() - t0)
        """
        var times: [Double] = []
        for _ in 0..<repeats {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", program]
            let out = Pipe()
            p.standardOutput = out; p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return nil }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0,
                  let t = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            times.append(t)
        }
        return times.isEmpty ? nil : median(times)
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? .nan : s[s.count / 2]
    }
}
