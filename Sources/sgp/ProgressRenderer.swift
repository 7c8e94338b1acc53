import Foundation
import SGPTensor

/// Renders `ProgressEvent`s: a single updating bar on a TTY (rate, ETA, metrics), periodic plain lines otherwise,
/// nothing when quiet. Every event also goes to the metrics CSV of the run directory when one is open.
final class ProgressRenderer: @unchecked Sendable {
    private let tty: Bool
    private let quiet: Bool
    private let lock = NSLock()
    private var started: [String: Double] = [:]
    private var lastPrint: [String: Double] = [:]
    private var csv: FileHandle?
    private var csvHeaderWritten = Set<String>()

    init(quiet: Bool, metricsCSV: String?) {
        self.tty = isatty(2) != 0
        self.quiet = quiet
        if let p = metricsCSV {
            FileManager.default.createFile(atPath: p, contents: nil)
            csv = FileHandle(forWritingAtPath: p)
            csv?.write(Data("task,step,total,metric,value\n".utf8))
        }
    }

    /// Routes `ProgressSink` to this renderer.
    func install() {
        ProgressSink.handler = { [self] e in self.handle(e) }
        ProgressSink.finish = { [self] t in self.finish(t) }
    }

    private func now() -> Double { Date().timeIntervalSince1970 }

    func handle(_ e: ProgressEvent) {
        lock.lock(); defer { lock.unlock() }
        let t = now()
        if started[e.task] == nil { started[e.task] = t }
        if let csv {
            for (k, v) in e.metrics { csv.write(Data("\(e.task),\(e.done),\(e.total.map(String.init) ?? ""),\(k),\(v)\n".utf8)) }
        }
        guard !quiet else { return }
        let last = lastPrint[e.task] ?? 0
        let isLast = e.total.map { e.done >= $0 } ?? false
        if tty {
            guard t - last >= 0.05 || isLast else { return }
        } else {
            guard t - last >= 2 || isLast else { return }
        }
        lastPrint[e.task] = t
        let line = format(e, elapsed: t - (started[e.task] ?? t))
        if tty {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
        } else {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }

    func finish(_ task: String) {
        lock.lock(); defer { lock.unlock() }
        if tty && !quiet && lastPrint[task] != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        started[task] = nil; lastPrint[task] = nil
    }

    private func format(_ e: ProgressEvent, elapsed: Double) -> String {
        var s = e.task
        let rate = elapsed > 0 ? Double(e.done) / elapsed : 0
        if let total = e.total, total > 0 {
            let frac = min(1, Double(e.done) / Double(total))
            if tty {
                let width = 24, filled = Int(frac * Double(width))
                s += " [" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "]"
            }
            s += " \(e.done)/\(total)"
            if rate > 0 && e.done < total { s += String(format: " eta %.0fs", Double(total - e.done) / rate) }
        } else {
            s += " \(e.done)"
        }
        if rate > 0 && elapsed > 0.05 { s += String(format: " %.1f/s", rate) }
        for (k, v) in e.metrics { s += " \(k)=\(formatMetric(v))" }
        return s
    }

    private func formatMetric(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        return a >= 1e4 || a < 1e-3 ? String(format: "%.3e", v) : String(format: "%.4g", v)
    }
}
