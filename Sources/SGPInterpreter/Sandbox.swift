import Foundation
import SGPSyntax

/// Confines a script's file access: reads only under `readRoots`, writes only under `writeRoot`.
///
/// Scripts have no builtin that starts a process or opens a socket; files are the only way out, and every file
/// access goes through `CallContext.checkRead` / `checkWrite`, which resolve `..` and symbolic links before
/// comparing, so `data/../../etc/passwd` and a link pointing outside are both caught.
public struct Sandbox: Sendable {
    /// Folders (and everything below them) scripts may read.
    public var readRoots: [String]
    /// The folder scripts may write into (nil = no writes).
    public var writeRoot: String?

    /// A sandbox reading under `readRoots` and writing under `writeRoot`.
    public init(readRoots: [String], writeRoot: String?) {
        self.readRoots = readRoots
        self.writeRoot = writeRoot
    }

    /// `path` made absolute, `..` removed and symbolic links resolved (for a file that does not exist yet, its
    /// deepest existing folder is resolved).
    public static func canonical(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.pathComponents.count > 1 {
            rest.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var resolved = url.resolvingSymlinksInPath()
        for r in rest { resolved.appendPathComponent(r) }
        return resolved.standardizedFileURL.path
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        let r = canonical(root)
        return path == r || path.hasPrefix(r.hasSuffix("/") ? r : r + "/")
    }

    func allowsRead(_ canonicalPath: String) -> Bool {
        readRoots.contains { Sandbox.isInside(canonicalPath, $0) } || allowsWrite(canonicalPath)
    }

    func allowsWrite(_ canonicalPath: String) -> Bool {
        writeRoot.map { Sandbox.isInside(canonicalPath, $0) } ?? false
    }
}

extension Interpreter {
    /// `path` resolved against the folder of the script that names it (or the working directory).
    func absolutePath(_ path: String, relativeTo source: Source?) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + String(path.dropFirst(1))
        }
        if let name = source?.name, name.contains("/"), !name.hasPrefix("<") {
            return URL(fileURLWithPath: name).deletingLastPathComponent().appendingPathComponent(path).path
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).path
    }

    func checkRead(_ path: String, relativeTo source: Source?) throws -> String {
        let c = Sandbox.canonical(absolutePath(path, relativeTo: source))
        if let sandbox, !sandbox.allowsRead(c) {
            throw RuntimeError("sandbox: reading '\(c)' is outside the allowed folders",
                               help: "allowed: " + sandbox.readRoots.map { Sandbox.canonical($0) }.joined(separator: ", "))
        }
        return c
    }

    func checkWrite(_ path: String, relativeTo source: Source?) throws -> String {
        let c = Sandbox.canonical(absolutePath(path, relativeTo: source))
        if let sandbox, !sandbox.allowsWrite(c) {
            throw RuntimeError("sandbox: writing '\(c)' is outside the allowed folder",
                               help: sandbox.writeRoot.map { "allowed: \(Sandbox.canonical($0))" } ?? "this run may not write files")
        }
        return c
    }
}
