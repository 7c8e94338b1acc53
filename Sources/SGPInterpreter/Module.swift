import Foundation
import SGPSyntax

/// A module loaded by `use "file.sgp" as m`: its top-level names read as fields (`m.cosine(...)`).
public final class ModuleValue: OpaqueValue {
    /// The module's name (file name without extension).
    public let name: String
    let namespace: Namespace
    init(name: String, namespace: Namespace) { self.name = name; self.namespace = namespace }
    /// "module".
    public var typeName: String { "module" }
    /// "module schedules (cosine, linear, constant)".
    public var summary: String {
        let names = namespace.userNames
        return "module \(name) (\(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", …" : ""))"
    }
    /// A top-level name of the module.
    public func field(_ name: String) throws -> Value? {
        guard let c = namespace.cells[name], c.isDefined else { return nil }
        return c.value
    }
    /// The module's top-level names.
    public var fieldNames: [String] { namespace.userNames }
}

extension Interpreter {
    /// Runs a module once (cached by canonical path) and returns it. Bare names (`"schedules"`) are standard
    /// library modules; anything else is a path relative to the using script's folder.
    func loadModule(_ path: String, from source: Source) throws -> ModuleValue {
        // A bare name is a standard-library module; so is "name.sgp" when no such file is next to the script.
        let isStdlib = !path.contains("/") && !path.hasSuffix(".sgp")
        if !path.contains("/"), path.hasSuffix(".sgp"), Stdlib.moduleNames.contains(String(path.dropLast(4))),
           !FileManager.default.fileExists(atPath: absolutePath(path, relativeTo: source)) {
            return try loadModule(String(path.dropLast(4)), from: source)
        }
        let key: String
        let text: String
        let displayName: String
        if isStdlib {
            key = "stdlib:" + path
            if let m = modules[key] { return m }
            guard let t = Stdlib.source(named: path, override: options.stdlibPath) else {
                throw RuntimeError("no standard library module '\(path)'",
                                   help: didYouMean(path, Stdlib.moduleNames) ?? "modules: " + Stdlib.moduleNames.joined(separator: ", "))
            }
            text = t.text
            displayName = t.origin
        } else {
            let file = try checkRead(path, relativeTo: source)
            key = file
            if let m = modules[key] { return m }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RuntimeError("cannot read module '\(path)' (looked for \(file))")
            }
            text = String(decoding: data, as: UTF8.self)
            displayName = file
        }
        guard !loading.contains(key) else { throw RuntimeError("circular use of '\(path)'") }
        loading.insert(key)
        defer { loading.remove(key) }
        let src = Source(name: displayName, text: text)
        let block = try parseOrThrow(src)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let ns = Namespace(name: name, builtins: registry)
        let code = try Compiler(source: src, namespace: ns, rt: self).compileProgram(block, keepLast: false)
        let frame = Frame.make(slotCount: 0, parent: nil, rt: self)
        for s in code { _ = try s.exec(frame) }
        let m = ModuleValue(name: name, namespace: ns)
        modules[key] = m
        return m
    }
}
