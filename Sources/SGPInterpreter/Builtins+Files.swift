import Foundation

extension BuiltinRegistry {
    /// File builtins. Every one names its path and passes it through the sandbox check; there are no builtins
    /// that start processes or open network connections.
    func registerSystem() {
        add("read_text", "files", [.req("path", "string")],
            "The contents of a text file (relative paths are relative to the script's folder; sandbox-checked).",
            example: "notes = read_text(\"notes.txt\")") { a, ctx in
            let p = try ctx.checkRead(try a.string("path"))
            guard let data = FileManager.default.contents(atPath: p) else { throw RuntimeError("cannot read '\(p)'") }
            guard data.count <= ctx.interpreter.limits.maxStringLength else { throw RuntimeError("'\(p)' is larger than the string size limit") }
            return .string(String(decoding: data, as: UTF8.self))
        }
        add("write_text", "files", [.req("path", "string"), .req("text", "string")],
            "Writes `text` to a file (sandbox-checked: under `--sandbox` only inside the run directory).",
            example: "write_text(\"summary.txt\", \"cost \" + str(c))") { a, ctx in
            let p = try ctx.checkWrite(try a.string("path"))
            do { try Data(try a.string("text").utf8).write(to: URL(fileURLWithPath: p)) } catch {
                throw RuntimeError("cannot write '\(p)': \(error.localizedDescription)")
            }
            return .nil
        }
        add("file_exists", "files", [.req("path", "string")], "Whether a file exists (sandbox-checked).",
            example: "if file_exists(\"cache.npz\") then print(\"cached\") else print(\"fresh\")") { a, ctx in
            .bool(FileManager.default.fileExists(atPath: try ctx.checkRead(try a.string("path"))))
        }
    }
}
