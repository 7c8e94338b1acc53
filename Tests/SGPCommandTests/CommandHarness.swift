import Foundation
import XCTest

/// Runs the real `sgp` binary built next to the test bundle.
enum SGPBinary {
    static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sgp")
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs `sgp args…` in `cwd` with optional standard input.
    static func run(_ args: [String], cwd: URL, stdin: String? = nil, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = url
        p.arguments = args
        p.currentDirectoryURL = cwd
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), r = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: r, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("sgp-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Drives the REPL in a pseudo-terminal through python's `pty` (see python/pty_driver.py).
    static func pty(_ steps: [[String: Any]], home: URL) throws -> String {
        let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python/pty_driver.py")
        let json = String(decoding: try JSONSerialization.data(withJSONObject: steps), as: UTF8.self)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", driver.path, url.path, json]
        var e = ProcessInfo.processInfo.environment
        e["HOME"] = home.path
        e["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        e["TERM"] = "xterm"
        p.environment = e
        p.currentDirectoryURL = home
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: o, as: UTF8.self)
    }
}
