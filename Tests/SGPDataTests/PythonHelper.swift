import Foundation
import XCTest

/// Runs the helper scripts in `python/` with the interpreter named by SGP_TEST_PYTHON; tests skip without it.
enum PythonHelper {
    static var scriptDir: String { (URL(fileURLWithPath: #filePath).deletingLastPathComponent().path as NSString).appendingPathComponent("python") }

    /// The interpreter, or an XCTSkip saying why there is none.
    static func interpreter(needing modules: String = "h5py, numpy") throws -> String {
        guard let py = ProcessInfo.processInfo.environment["SGP_TEST_PYTHON"], !py.isEmpty else {
            throw XCTSkip("SGP_TEST_PYTHON is not set: skipping the cross-check against Python (\(modules))")
        }
        guard FileManager.default.isExecutableFile(atPath: py) else {
            throw XCTSkip("SGP_TEST_PYTHON=\(py) is not an executable: skipping the cross-check against Python")
        }
        let probe = try run(py, ["-c", "import \(modules)"], allowFailure: true)
        if probe.status != 0 { throw XCTSkip("\(py) lacks \(modules): skipping the cross-check against Python") }
        return py
    }

    /// Runs a script from `python/`, returning stdout (fails the test on a non-zero exit).
    static func script(_ name: String, _ args: [String], modules: String = "h5py, numpy") throws -> String {
        let py = try interpreter(needing: modules)
        let r = try run(py, [(scriptDir as NSString).appendingPathComponent(name)] + args, allowFailure: false)
        return r.out
    }

    /// Runs a script and decodes its JSON output.
    static func json(_ name: String, _ args: [String], modules: String = "h5py, numpy") throws -> [String: Any] {
        let out = try script(name, args, modules: modules)
        guard let obj = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else {
            throw XCTSkip("unreachable") // JSONSerialization throws on malformed text
        }
        return obj
    }

    static func run(_ exe: String, _ args: [String], allowFailure: Bool) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        // Python's mujoco writes MUJOCO_LOG.TXT into its working directory: keep it out of the checkout.
        p.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
        let outPipe = Pipe(), errPipe = Pipe()
        p.standardOutput = outPipe; p.standardError = errPipe
        try p.run()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if !allowFailure && p.terminationStatus != 0 {
            XCTFail("\(exe) \(args.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self))")
        }
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    /// A fresh temporary directory.
    nonisolated(unsafe) private static var counter = 0
    static func tempDir(_ tag: String) throws -> String {
        counter += 1
        let d = (NSTemporaryDirectory() as NSString).appendingPathComponent("sgp-\(tag)-\(getpid())-\(counter)")
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}
