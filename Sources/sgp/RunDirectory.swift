import Foundation
import SGPInterpreter
import SGPTensor

/// The folder a batch run or notebook writes: manifest.json, a copy of the script, figures, checkpoints, logs and
/// metrics. The manifest is written at the start (status "running") and rewritten atomically at the end, so an
/// interrupted or crashed run still leaves a manifest that says so.
final class RunDirectory {
    let path: String
    let scriptPath: String
    let scriptText: String
    let started = Date()
    var manifest: [String: Any] = [:]
    var cellTimings: [[String: Any]] = []
    var figures: [String] = []
    /// Files the script read (hashed into the manifest).
    var filesRead: [String] = []
    private var figureCounter = 0

    /// `runs/<script>-<UTC timestamp>/` unless `out` names a folder.
    init(scriptPath: String, scriptText: String, out: String?, seed: UInt64, overrides: [String: String]) throws {
        self.scriptPath = scriptPath
        self.scriptText = scriptText
        let stem = scriptPath == "-" ? "stdin" : ((scriptPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let stamp = RunDirectory.timestamp(Date())
        path = out ?? "runs/\(stem)-\(stamp)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try AtomicFile.write(scriptText, to: path + "/script.sgp")
        manifest = [
            "sgp_version": Provenance.version,
            "script": scriptPath,
            "script_sha256": SHA256Hex.of(Data(scriptText.utf8)),
            "seed": seed,
            "overrides": overrides,
            "started": ISO8601DateFormatter().string(from: started),
            "status": "running",
            "machine": Provenance.machine(),
        ]
        if scriptPath != "-", let rev = Provenance.gitRevision(near: scriptPath) { manifest["git_revision"] = rev }
        try writeManifest()
    }

    static func timestamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: d)
    }

    /// Saves an SVG figure under a unique, stable name and lists it in the manifest.
    func saveFigure(svg: String, name: String?) -> String {
        figureCounter += 1
        let base = (name.map { ($0 as NSString).lastPathComponent } ?? "figure-\(figureCounter)")
        let file = base.hasSuffix(".svg") ? base : base + ".svg"
        do {
            try AtomicFile.write(svg, to: path + "/" + file)
            if !figures.contains(file) { figures.append(file) }
        } catch {
            eprint("warning: \(error)\n")
        }
        return file
    }

    /// Final manifest: status, timings, recorded values, input file hashes, produced files.
    func finish(status: String, interpreter: Interpreter, error: String? = nil) {
        manifest["status"] = status
        manifest["finished"] = ISO8601DateFormatter().string(from: Date())
        manifest["elapsed_s"] = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        if !cellTimings.isEmpty { manifest["cells"] = cellTimings }
        manifest["recorded"] = Dictionary(interpreter.recorded.map { ($0.0, jsonValue($0.1)) }, uniquingKeysWith: { _, b in b })
        manifest["recorded_order"] = interpreter.recorded.map { $0.0 }
        var inputs: [String: String] = [:]
        for f in filesRead + interpreter.filesRead {
            if let d = FileManager.default.contents(atPath: f) { inputs[f] = SHA256Hex.of(d) }
        }
        manifest["inputs"] = inputs
        manifest["figures"] = figures
        if let error { manifest["error"] = error }
        let produced = (try? FileManager.default.contentsOfDirectory(atPath: path))?.filter { $0 != "manifest.json" && !$0.contains(".tmp-") }.sorted() ?? []
        manifest["files"] = produced
        do { try writeManifest() } catch { eprint("warning: \(error)\n") }
    }

    func writeManifest() throws {
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        try AtomicFile.write(data + Data("\n".utf8), to: path + "/manifest.json")
    }

    /// Provenance rows for report footers.
    var footerRows: [(String, String)] {
        var rows: [(String, String)] = []
        for k in ["script", "script_sha256", "seed", "git_revision", "sgp_version", "started", "status"] {
            if let v = manifest[k] { rows.append((k, "\(v)")) }
        }
        if let o = manifest["overrides"] as? [String: String], !o.isEmpty {
            rows.append(("overrides", o.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
        }
        if let m = manifest["machine"] as? [String: Any] {
            rows.append(("machine", "\(m["cpu"] ?? "?"), \(m["cores"] ?? "?") cores, BLAS threads \(m["blas_threads"] ?? "?")"))
        }
        rows.append(("run directory", path))
        return rows
    }
}

/// A JSON-compatible rendering of a value for the manifest (tensors up to 10⁴ elements as nested lists).
func jsonValue(_ v: Value) -> Any {
    switch v {
    case .number(let d): return d.isFinite ? d : "\(d)"
    case .bool(let b): return b
    case .string(let s): return s
    case .nil: return NSNull()
    case .tensor(let t):
        guard t.count <= 10_000 else { return ["shape": t.shape, "summary": v.display] }
        return nestedList(t.scalars, shape: t.shape)
    case .list(let l): return l.items.map(jsonValue)
    case .record(let r): return Dictionary(r.fields.map { ($0.name, jsonValue($0.value)) }, uniquingKeysWith: { _, b in b })
    default: return v.display
    }
}

private func nestedList(_ xs: [Double], shape: [Int]) -> Any {
    func clean(_ d: Double) -> Any { d.isFinite ? d : "\(d)" }
    guard let first = shape.first else { return xs.first.map(clean) ?? NSNull() }
    if shape.count == 1 { return xs.map(clean) }
    let step = xs.count / max(first, 1)
    return (0..<first).map { i in nestedList(Array(xs[(i * step)..<((i + 1) * step)]), shape: Array(shape.dropFirst())) }
}
