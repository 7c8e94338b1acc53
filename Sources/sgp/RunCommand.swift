import ArgumentParser
import Foundation
import SGPInterpreter
import SGPTensor

/// Options shared by `run` and `notebook`.
struct ScriptOptions: ParsableArguments {
    @Option(help: "Run seed: every random stream derives from it.") var seed: UInt64 = 0
    @Option(name: .customLong("set"), help: "Override a top-level assignment: name=value (repeatable).")
    var sets: [String] = []
    @Option(help: "Run directory (default runs/<script>-<timestamp>).") var out: String?
    @Flag(help: "No progress output.") var quiet = false
    @Option(name: .customLong("data"), help: "Extra folder or file the script may read under the sandbox (repeatable).")
    var dataPaths: [String] = []

    func overrides() throws -> ([String: Value], [String: String]) {
        var values: [String: Value] = [:], raw: [String: String] = [:]
        for s in sets {
            let (k, v) = try parseOverride(s)
            values[k] = v
            raw[k] = String(s[s.index(after: s.firstIndex(of: "=") ?? s.startIndex)...])
        }
        return (values, raw)
    }
}

/// `sgp run file.sgp`: batch execution with a run directory and manifest.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a script in batch ('-' reads standard input).")

    @Argument(help: "The .sgp script, or '-' for standard input.") var script: String
    @OptionGroup var options: ScriptOptions
    @Flag(help: "Confine reads to the script's folder and --data paths, and writes to the run directory.") var sandbox = false

    func run() throws {
        let text: String
        if script == "-" {
            var lines: [String] = []
            while let l = readLine(strippingNewline: false) { lines.append(l) }
            text = lines.joined()
        } else {
            guard let t = try? String(contentsOfFile: script, encoding: .utf8) else {
                eprint("sgp: cannot read '\(script)'\n")
                throw ExitCode(Exit.usage)
            }
            text = t
        }
        let (values, raw): ([String: Value], [String: String])
        do { (values, raw) = try options.overrides() } catch {
            eprint("sgp: \(error)\n"); throw ExitCode(Exit.usage)
        }
        let dir: RunDirectory
        do { dir = try RunDirectory(scriptPath: script, scriptText: text, out: options.out, seed: options.seed, overrides: raw) } catch {
            eprint("sgp: \(error)\n"); throw ExitCode(Exit.usage)
        }
        let session = Session(seed: options.seed, sandbox: sandbox ? makeSandbox(script: script, data: options.dataPaths, runDir: dir.path) : nil,
                              overrides: values, runDirectory: dir)
        Interrupts.install()
        ProgressRenderer(quiet: options.quiet, metricsCSV: dir.path + "/metrics.csv").install()
        var log = ""
        session.output = { line in print(line); log += line + "\n" }
        let quiet = options.quiet
        session.figureHook = { fig, name in
            do {
                let file = dir.saveFigure(svg: try fig.svg(xmlDeclaration: true), name: name)
                log += "[figure \(file)]\n"
                if !quiet { eprint("figure: \(dir.path)/\(file)\n") }
            } catch {
                eprint("warning: \(error)\n")
            }
        }
        let name = script == "-" ? "<stdin>" : script
        var outcome = Session.Outcome.ok(nil)
        if Notebook.hasCells(text) {
            // A notebook runs cell by cell (one global scope), so the manifest gets per-cell timings; the whole
            // file is parsed and the --set names checked first, so a syntax error in a late cell costs nothing.
            if let bad = session.validateOverrides(wholeScript: text, name: name) {
                outcome = bad
            } else {
                for (i, cell) in Notebook(text: text).cells.enumerated() where cell.kind == .code {
                    let start = Date()
                    outcome = session.execute(cell.text, name: name, firstLine: cell.firstLine, interactive: false)
                    dir.cellTimings.append(["cell": i + 1, "title": cell.title,
                                            "seconds": (Date().timeIntervalSince(start) * 1000).rounded() / 1000])
                    if outcome.exitCode != 0 { break }
                }
            }
        } else {
            let start = Date()
            outcome = session.execute(text, name: name, interactive: false)
            dir.cellTimings = [["cell": "all", "seconds": (Date().timeIntervalSince(start) * 1000).rounded() / 1000]]
        }
        try? AtomicFile.write(log, to: dir.path + "/output.log")
        let printer = ErrorPrinter.forStderr
        switch outcome {
        case .ok:
            dir.finish(status: "ok", interpreter: session.interpreter)
        case .syntax(let d):
            eprint(printer.render(d))
            dir.finish(status: "syntax-error", interpreter: session.interpreter, error: ErrorPrinter(color: false).render(d))
        case .runtime(let e):
            eprint(printer.render(e))
            dir.finish(status: "error", interpreter: session.interpreter, error: ErrorPrinter(color: false).render(e))
        case .interrupted(let e):
            eprint("interrupted\n")
            dir.finish(status: "interrupted", interpreter: session.interpreter, error: e?.message)
        }
        if !options.quiet { eprint("run directory: \(dir.path)\n") }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

/// Reads: the script's folder, the stdlib and --data paths; writes: the run directory.
func makeSandbox(script: String, data: [String], runDir: String) -> Sandbox {
    let scriptDir = script == "-" ? FileManager.default.currentDirectoryPath
        : (URL(fileURLWithPath: script).standardizedFileURL.deletingLastPathComponent().path)
    return Sandbox(readRoots: [scriptDir, runDir] + data, writeRoot: runDir)
}
