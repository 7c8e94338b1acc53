import Foundation
import SGPTensor

/// Facts about the machine and build that every run records, so a result can be traced and reproduced.
enum Provenance {
    static let version = "0.1.0"

    static var os: String {
        var u = utsname()
        uname(&u)
        func s<T>(_ t: T) -> String { withUnsafeBytes(of: t) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) } }
        return "\(s(u.sysname)) \(s(u.release)) \(s(u.machine))"
    }

    static var cpu: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The git revision of the repository holding `path`, if any (read from .git, no subprocess).
    static func gitRevision(near path: String) -> String? {
        var dir = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<32 {
            let git = dir.appendingPathComponent(".git")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: git.path, isDirectory: &isDir) {
                var gitDir = git
                if !isDir.boolValue, let t = try? String(contentsOf: git, encoding: .utf8), t.hasPrefix("gitdir:") {
                    gitDir = URL(fileURLWithPath: t.dropFirst(7).trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: dir)
                }
                guard let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8) else { return nil }
                let h = head.trimmingCharacters(in: .whitespacesAndNewlines)
                guard h.hasPrefix("ref: ") else { return h }
                let ref = String(h.dropFirst(5))
                if let r = try? String(contentsOf: gitDir.appendingPathComponent(ref), encoding: .utf8) {
                    return r.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                // Packed refs, or a worktree whose refs live in the common dir.
                var common = gitDir
                if let c = try? String(contentsOf: gitDir.appendingPathComponent("commondir"), encoding: .utf8) {
                    common = URL(fileURLWithPath: c.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: gitDir)
                }
                if let r = try? String(contentsOf: common.appendingPathComponent(ref), encoding: .utf8) {
                    return r.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                if let packed = try? String(contentsOf: common.appendingPathComponent("packed-refs"), encoding: .utf8),
                   let l = packed.split(separator: "\n").first(where: { $0.hasSuffix(" " + ref) }) {
                    return String(l.prefix(while: { $0 != " " }))
                }
                return nil
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }

    /// Machine facts as manifest fields.
    static func machine() -> [String: Any] {
        ["os": os, "cpu": cpu, "cores": cores, "blas_threads": BLAS.threads, "blas": BLAS.configuration]
    }
}
