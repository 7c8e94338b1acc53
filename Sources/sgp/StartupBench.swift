import Foundation
import SGPBench

/// `sgp bench startup`: spawns this binary and times (a) the REPL from exec to exit on end of input (standard input
/// is an empty pipe, so this is start → first prompt → exit: an upper bound on start-to-first-prompt), and
/// (b) `sgp run` of an empty script with its run folder. Median over N spawns; target < 100 ms.
enum StartupBench {
    static func figures(_ c: BenchContext) throws -> [BenchFigure] {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sgp-bench-startup-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "".write(to: dir.appendingPathComponent("empty.sgp"), atomically: true, encoding: .utf8)
        let n = c.quick ? 3 : 21
        var repl: [Double] = [], run: [Double] = [], replCPU: [Double] = [], runCPU: [Double] = []
        // Interleaved so both see the same machine state.
        for i in 0..<n {
            let a = try spawn(exe, ["--no-history"], cwd: dir)
            let b = try spawn(exe, ["run", "empty.sgp", "--quiet", "--out", "r\(i)"], cwd: dir)
            repl.append(a.wall); replCPU.append(a.cpu); run.append(b.wall); runCPU.append(b.cpu)
        }
        let m = InterpBench.median
        return [
            BenchFigure(name: "startup.repl_to_eof", value: m(repl) * 1e3, unit: "ms", reference: 100, referenceName: "target"),
            BenchFigure(name: "startup.repl_to_eof_cpu", value: m(replCPU) * 1e3, unit: "ms"),
            BenchFigure(name: "startup.run_empty", value: m(run) * 1e3, unit: "ms", reference: 100, referenceName: "target"),
            BenchFigure(name: "startup.run_empty_cpu", value: m(runCPU) * 1e3, unit: "ms"),
        ]
    }

    /// Wall seconds from spawn to exit, and the child's user+system CPU seconds (from `wait4`'s rusage).
    static func spawn(_ exe: URL, _ args: [String], cwd: URL) throws -> (wall: Double, cpu: Double) {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = cwd.path  // no user history or rc files
        env["XDG_STATE_HOME"] = cwd.path
        p.environment = env
        p.standardInput = Pipe()  // closed at once below: end of input
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        var before = rusage(), after = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &before)
        let t0 = BenchTiming.now()
        try p.run()
        if let inp = p.standardInput as? Pipe { try? inp.fileHandleForWriting.close() }
        p.waitUntilExit()
        let wall = BenchTiming.now() - t0
        getrusage(RUSAGE_CHILDREN.rawValue, &after)
        guard p.terminationStatus == 0 else {
            throw BenchScriptError(description: "'sgp \(args.joined(separator: " "))' exited with status \(p.terminationStatus)")
        }
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        let cpu = secs(after.ru_utime) + secs(after.ru_stime) - secs(before.ru_utime) - secs(before.ru_stime)
        return (wall, cpu)
    }
}
