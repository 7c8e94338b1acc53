import ArgumentParser
import Foundation
import SGPInterpreter

/// `sgp notebook file.sgp -o report.html|report.md`: runs a `# %%` notebook and renders a self-contained report.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notebook",
        abstract: "Run a .sgp notebook and render it as one self-contained HTML file (or Markdown with figures beside it).")

    @Argument(help: "The .sgp notebook.") var script: String
    @Option(name: .shortAndLong, help: "Report file: .html or .md.") var output: String
    @OptionGroup var options: ScriptOptions
    @Flag(help: "Keep running later cells after a cell fails.") var continueOnError = false
    @Flag(help: "Allow reads and writes outside the script's folder, --data paths and the run directory.") var noSandbox = false

    func run() throws {
        guard output.hasSuffix(".html") || output.hasSuffix(".md") else {
            eprint("sgp: the report must end in .html or .md, got '\(output)'\n"); throw ExitCode(Exit.usage)
        }
        guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
            eprint("sgp: cannot read '\(script)'\n"); throw ExitCode(Exit.usage)
        }
        let (values, raw): ([String: Value], [String: String])
        do { (values, raw) = try options.overrides() } catch { eprint("sgp: \(error)\n"); throw ExitCode(Exit.usage) }
        let dir: RunDirectory
        do { dir = try RunDirectory(scriptPath: script, scriptText: text, out: options.out, seed: options.seed, overrides: raw) } catch {
            eprint("sgp: \(error)\n"); throw ExitCode(Exit.usage)
        }
        let sandbox = noSandbox ? nil : makeSandbox(script: script, data: options.dataPaths, runDir: dir.path)
        let session = Session(seed: options.seed, sandbox: sandbox, overrides: values, runDirectory: dir)
        Interrupts.install()
        ProgressRenderer(quiet: options.quiet, metricsCSV: dir.path + "/metrics.csv").install()

        let notebook = Notebook(text: text)
        var results: [CellResult] = []
        var worst: Int32 = 0
        var status = "ok"
        let plain = ErrorPrinter(color: false), tty = ErrorPrinter.forStderr
        if let bad = session.validateOverrides(cells: notebook.cells, name: script) {
            eprint(tty.render(bad))
            dir.finish(status: "error", interpreter: session.interpreter, error: plain.render(bad))
            throw ExitCode(Exit.usage)
        }
        for (i, cell) in notebook.cells.enumerated() {
            var result = CellResult(cell: cell)
            guard cell.kind == .code else { results.append(result); continue }
            if !options.quiet { eprint("cell \(i + 1)/\(notebook.cells.count)\(cell.title.isEmpty ? "" : ": " + cell.title)\n") }
            var printed = ""
            session.output = { printed += $0 + "\n" }
            session.figureHook = { fig, name in
                if !printed.isEmpty { result.outputs.append(.text(String(printed.dropLast()))); printed = "" }
                do {
                    let file = dir.saveFigure(svg: try fig.svg(xmlDeclaration: true), name: name)
                    // Inline SVG has no XML declaration: it sits inside the HTML document.
                    result.outputs.append(.figure(svg: try fig.svg(xmlDeclaration: false), file: file))
                } catch {
                    result.outputs.append(.error("\(error)"))
                }
            }
            let start = Date()
            let outcome = session.execute(cell.text, name: script, firstLine: cell.firstLine, interactive: true)
            result.seconds = Date().timeIntervalSince(start)
            if case .ok(let v) = outcome, let v { session.display(v) }
            if !printed.isEmpty { result.outputs.append(.text(String(printed.dropLast()))) }
            switch outcome {
            case .ok: break
            case .syntax(let d):
                result.outputs.append(.error(plain.render(d))); eprint(tty.render(d))
            case .runtime(let e):
                result.outputs.append(.error(plain.render(e))); eprint(tty.render(e))
            case .interrupted:
                result.outputs.append(.error("interrupted"))
            }
            dir.cellTimings.append(["cell": i + 1, "title": cell.title, "seconds": (result.seconds * 1000).rounded() / 1000])
            results.append(result)
            if outcome.exitCode != 0 {
                worst = worst == 0 ? outcome.exitCode : worst
                if case .interrupted = outcome { status = "interrupted"; break }
                status = "error"
                if !continueOnError { break }
            }
        }
        dir.finish(status: status, interpreter: session.interpreter)
        let title = ((script as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            if output.hasSuffix(".html") {
                try AtomicFile.write(ReportRenderer.html(title: title, cells: results, footer: dir.footerRows, highlight: Highlighter.html), to: output)
            } else {
                let folder = (output as NSString).deletingLastPathComponent
                for r in results { for o in r.outputs { if case .figure(let svg, let file) = o {
                    try AtomicFile.write(svg, to: folder.isEmpty ? file : folder + "/" + file)
                } } }
                try AtomicFile.write(ReportRenderer.markdown(title: title, cells: results, footer: dir.footerRows), to: output)
            }
            try? FileManager.default.removeItem(atPath: dir.path + "/report" + (output.hasSuffix(".html") ? ".html" : ".md"))
            try AtomicFile.write(Data(contentsOf: URL(fileURLWithPath: output)), to: dir.path + "/report" + (output.hasSuffix(".html") ? ".html" : ".md"))
        } catch {
            eprint("sgp: \(error)\n"); throw ExitCode(Exit.runtime)
        }
        if !options.quiet { eprint("report: \(output)\nrun directory: \(dir.path)\n") }
        if worst != 0 { throw ExitCode(worst) }
    }
}
