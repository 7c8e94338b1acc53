import Foundation
import SGPTensor

/// One measured figure of a benchmark.
public struct DataBenchFigure: Sendable, CustomStringConvertible {
    /// What was measured.
    public let name: String
    /// The measurement.
    public let value: Double
    /// Its unit.
    public let unit: String
    /// The target it is judged against, in words ("≤ 2 s").
    public let target: String
    /// Whether the target was met (nil: informational).
    public let met: Bool?

    /// A figure.
    public init(name: String, value: Double, unit: String, target: String = "", met: Bool? = nil) {
        self.name = name; self.value = value; self.unit = unit; self.target = target; self.met = met
    }

    /// The value as one readable line.
    public var description: String {
        let mark = met.map { $0 ? "  ok" : "  MISSED" } ?? ""
        let v = abs(value) >= 1000 ? String(format: "%.0f", value) : String(format: "%.3g", value)
        return "\(name): \(v) \(unit)\(target.isEmpty ? "" : "  (target \(target))")\(mark)"
    }
}

/// Loading benchmarks: a synthetic D4RL-layout file and the time and peak memory of reading it.
public enum DatasetBenchmark {
    /// Writes a D4RL-layout file like /work/shared/bench/make_d4rl_like.py (float32 observations and actions,
    /// bool terminals every 337 rows and timeouts every 1000, `next_observations`), without our `sgp_format`
    /// marker, so loading takes the D4RL path. Returns the bytes of the arrays a loader reads.
    @discardableResult
    public static func writeD4RLLike(path: String, rows n: Int = 1_000_000, stateDim dx: Int = 17, actionDim du: Int = 6,
                                     seed: UInt64 = 0) throws -> Int {
        var rng = RandomStream(seed: seed, stream: "bench-data")
        let f = try HDF5File.create(path)
        // One buffer reused for each array keeps the writer's own footprint at the largest array.
        var buf = [Float](repeating: 0, count: n * dx)
        for i in 0..<(n * dx) { buf[i] = Float(rng.normal()) }
        try f.writeFloats("observations", shape: [n, dx], data: buf)
        for i in 0..<(n * dx) { buf[i] = buf[(i + dx) % (n * dx)] }
        try f.writeFloats("next_observations", shape: [n, dx], data: buf)
        for i in 0..<(n * du) { buf[i] = Float(rng.uniform(-1, 1)) }
        try f.writeFloats("actions", shape: [n, du], data: buf)
        for i in 0..<n { buf[i] = Float(rng.normal()) }
        try f.writeFloats("rewards", shape: [n], data: buf)
        try f.writeBools("terminals", (0..<n).map { $0 % 337 == 0 })
        try f.writeBools("timeouts", (0..<n).map { $0 % 1000 == 999 })
        f.close()
        return n * (2 * dx + du + 1) * 4 + 2 * n
    }

    /// Loads `path` and reports wall time and the peak resident memory reached while loading, measured as the
    /// high-water mark VmHWM after resetting it through /proc/self/clear_refs (Linux), relative to the resident
    /// size before loading.
    public static func load(path: String, arrayBytes: Int) throws -> [DataBenchFigure] {
        let before = residentBytes()
        resetPeak()
        let t0 = DispatchTime.now().uptimeNanoseconds
        let r = try DatasetIO.load(path)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        let peak = peakBytes()
        let extra = Double(max(0, peak - before))
        let d = r.dataset
        let t1 = DispatchTime.now().uptimeNanoseconds
        _ = Dataset.contentDigest(x: d.x, u: d.u, xNext: d.xNext, reward: d.reward, terminal: d.terminal, timeout: d.timeout, episode: d.episode)
        let shaSeconds = Double(DispatchTime.now().uptimeNanoseconds - t1) * 1e-9
        return [
            DataBenchFigure(name: "load \(d.count) transitions (\(d.stateDim)-D) D4RL HDF5", value: seconds, unit: "s", target: "≤ 2 s", met: seconds <= 2),
            DataBenchFigure(name: "load peak memory / array bytes", value: extra / Double(arrayBytes), unit: "×",
                        target: "≤ 2×", met: extra <= 2 * Double(arrayBytes)),
            DataBenchFigure(name: "  SHA-256 of the loaded content (included in the load time)", value: shaSeconds, unit: "s"),
        ]
    }

    /// Resident set size now (bytes), from /proc/self/statm.
    public static func residentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let parts = s.split(separator: " ")
        guard parts.count > 1, let pages = Int(parts[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Peak resident set size (VmHWM, bytes).
    public static func peakBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }

    /// Resets VmHWM to the current resident size.
    public static func resetPeak() {
        if let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            try? h.write(contentsOf: Data("5".utf8))
            try? h.close()
        }
    }
}
