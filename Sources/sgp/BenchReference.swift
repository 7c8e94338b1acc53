import Foundation

/// Why a benchmark's reference inputs could not be prepared.
enum BenchReferenceError: Error, CustomStringConvertible {
    case noPython(tried: String)
    case noNumpy(python: String)
    case noScript(name: String, searched: [String])
    case exportFailed(script: String, status: Int32, output: String)

    var description: String {
        switch self {
        case .noPython(let tried):
            return "python not found (tried '\(tried)'); set SGP_BENCH_PYTHON to a python with numpy to export the reference weights"
        case .noNumpy(let python):
            return "'\(python)' cannot import numpy; set SGP_BENCH_PYTHON to a python with numpy to export the reference weights"
        case .noScript(let name, let searched):
            return "scripts/bench/\(name) not found (looked in \(searched.joined(separator: ", "))); run from the sgp checkout or set SGP_BENCH_SCRIPTS"
        case .exportFailed(let script, let status, let output):
            return "\(script) failed with status \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}

/// The reference weights of ../shared/bench for `sgp bench train/plan`: exported on demand by the numpy scripts in
/// scripts/bench into a cache folder (`.build/bench-cache` of the checkout, else the temp folder), once.
enum BenchReference {
    /// The python to run the exporters with: SGP_BENCH_PYTHON, SGP_TEST_PYTHON, or `python3`.
    static var python: String {
        let env = ProcessInfo.processInfo.environment
        return env["SGP_BENCH_PYTHON"] ?? env["SGP_TEST_PYTHON"] ?? "python3"
    }

    /// The checkout the running binary was built in (`<repo>/.build/<config>/sgp`), if it looks like one.
    static var checkout: URL? {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let repo = exe.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: repo.appendingPathComponent("Package.swift").path) ? repo : nil
    }

    /// The folder holding the exporter scripts.
    static func script(_ name: String) throws -> URL {
        var dirs: [URL] = []
        if let s = ProcessInfo.processInfo.environment["SGP_BENCH_SCRIPTS"] { dirs.append(URL(fileURLWithPath: s)) }
        if let c = checkout { dirs.append(c.appendingPathComponent("scripts/bench")) }
        dirs.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("scripts/bench"))
        for d in dirs where FileManager.default.fileExists(atPath: d.appendingPathComponent(name).path) {
            return d.appendingPathComponent(name)
        }
        throw BenchReferenceError.noScript(name: name, searched: dirs.map(\.path))
    }

    /// The cache folder (created).
    static func cacheDir() throws -> URL {
        let base = checkout?.appendingPathComponent(".build/bench-cache")
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("sgp-bench-cache")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base
    }

    /// Runs `python args…`; returns status and combined output.
    static func runPython(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python] + args
        let out = Pipe()
        p.standardOutput = out; p.standardError = out
        do { try p.run() } catch { throw BenchReferenceError.noPython(tried: python) }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus == 127 { throw BenchReferenceError.noPython(tried: python) }
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The cached output `name` of exporter `script`, made on first use. `name` is a file or folder in the cache.
    static func export(script name: String, output: String) throws -> URL {
        let target = try cacheDir().appendingPathComponent(output)
        if FileManager.default.fileExists(atPath: target.path) { return target }
        let script = try script(name)
        let (numpy, _) = try runPython(["-c", "import numpy"])
        if numpy != 0 { throw BenchReferenceError.noNumpy(python: python) }
        // Export to a temporary name and rename, so an interrupted export never leaves a half-written cache entry.
        let tmp = target.deletingLastPathComponent().appendingPathComponent(".tmp-\(getpid())-" + output)
        var args = [script.path, tmp.path]
        if let b = ProcessInfo.processInfo.environment["SGP_BENCH_DIR"] { args += ["--bench-dir", b] }
        let (status, text) = try runPython(args)
        guard status == 0 else {
            try? FileManager.default.removeItem(at: tmp)
            throw BenchReferenceError.exportFailed(script: name, status: status, output: text)
        }
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: tmp, to: target)
        return target
    }

    /// Workload (a)'s weights, data and first batch (a safetensors file).
    static func trainWeights() throws -> URL { try export(script: "export_weights.py", output: "a.safetensors") }

    /// Workloads (b)/(c)'s weights, x0 and U0 (a folder of .npy files).
    static func planWeights() throws -> URL { try export(script: "export_trajopt_weights.py", output: "bc") }
}
