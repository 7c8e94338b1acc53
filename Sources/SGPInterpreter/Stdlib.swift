import Foundation

/// Finds standard-library modules: `InterpreterOptions.stdlibPath`, then env var SGP_STDLIB, then next to the
/// executable (`<exe>/../../stdlib` for a build tree, `<exe>/../share/sgp/stdlib` for an install), then the copy
/// embedded into the binary (`EmbeddedStdlib.swift`, generated from stdlib/*.sgp).
enum Stdlib {
    static var moduleNames: [String] { EmbeddedStdlib.modules.keys.sorted() }

    static func source(named name: String, override: String?) -> (text: String, origin: String)? {
        var dirs: [String] = []
        if let o = override { dirs.append(o) }
        if let e = ProcessInfo.processInfo.environment["SGP_STDLIB"], !e.isEmpty { dirs.append(e) }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        dirs.append(exe.appendingPathComponent("../../stdlib").standardizedFileURL.path)
        dirs.append(exe.appendingPathComponent("../share/sgp/stdlib").standardizedFileURL.path)
        for d in dirs {
            let p = URL(fileURLWithPath: d).appendingPathComponent(name + ".sgp").path
            if let data = FileManager.default.contents(atPath: p) { return (String(decoding: data, as: UTF8.self), p) }
        }
        if let t = EmbeddedStdlib.modules[name] { return (t, "<stdlib>/\(name).sgp") }
        return nil
    }
}
