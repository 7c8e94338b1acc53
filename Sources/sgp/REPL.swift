import ArgumentParser
import Foundation
import SGPInterpreter
import SGPPlot
import SGPSyntax
import SGPTensor

/// `sgp` with no subcommand: the interactive REPL.
struct REPLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the interactive REPL (the default).")

    @Option(help: "Run seed: every random stream derives from it.") var seed: UInt64 = 0
    @Flag(help: "Do not read or write the history file.") var noHistory = false

    func run() throws {
        let repl = REPL(seed: seed, history: noHistory ? nil : defaultHistoryPath())
        repl.loop()
    }
}

/// The read–eval–print loop. Errors never end the session; Ctrl-C cancels running work and keeps every binding.
final class REPL {
    let session: Session
    let editor: LineEditor?
    let errors = ErrorPrinter.forStderr
    /// Inputs that ran without error, for `:save`.
    var accepted: [String] = []
    var counter = 0
    static let prompt = "sgp> ", continuation = "...> "

    init(seed: UInt64, history: String?) {
        session = Session(seed: seed, sandbox: nil)
        session.figureHook = { fig, _ in REPL.drawFigure(fig) }
        editor = isatty(0) != 0 ? LineEditor(historyPath: history) : nil
        LineEditor.completer = { [unowned self] before, word in self.complete(before: before, word: word) }
        Interrupts.install()
        Interrupts.onPromptInterrupt = LineEditor.clearLineAfterInterrupt
        ProgressRenderer(quiet: false, metricsCSV: nil).install()
    }

    func loop() {
        if editor != nil { print("sgp \(Provenance.version) — :help for commands, :quit or Ctrl-D to exit") }
        while let input = readInput() {
            let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix(":") {
                if !command(trimmed) { break }
                continue
            }
            evaluate(input)
        }
    }

    /// Reads one complete input: keeps reading continuation lines while the text is an unfinished expression or
    /// block. Prompts pasted with a transcript are stripped.
    func readInput() -> String? {
        var text = ""
        var prompt = REPL.prompt
        while true {
            Interrupts.atPrompt.store(true, ordering: .relaxed)
            let line: String?
            if let editor { line = editor.readLine(prompt: prompt) } else { line = Swift.readLine(strippingNewline: true) }
            Interrupts.atPrompt.store(false, ordering: .relaxed)
            guard var l = line else { return text.isEmpty ? nil : text }
            if Interrupts.promptInterrupted.exchange(false, ordering: .relaxed) { text = "" }
            for p in [REPL.prompt, REPL.continuation] where l.hasPrefix(p) { l.removeFirst(p.count) }
            text += text.isEmpty ? l : "\n" + l
            if text.trimmingCharacters(in: .whitespaces).hasPrefix(":") || !Parser.isIncomplete(text) {
                editor?.remember(text)
                return text
            }
            prompt = REPL.continuation
        }
    }

    func evaluate(_ text: String) {
        counter += 1
        let start = Date()
        let outcome = session.execute(text, name: "<repl:\(counter)>", interactive: true)
        let elapsed = Date().timeIntervalSince(start)
        switch outcome {
        case .ok(let v):
            accepted.append(text)
            if let v { session.display(v) }
        case .syntax(let d): eprint(errors.render(d))
        case .runtime(let e): eprint(errors.render(e))
        case .interrupted(let e):
            accepted.append(text)
            let detail = e.map { $0.message == "interrupted" ? "" : ": " + $0.message } ?? ""
            eprint("interrupted\(detail) (bindings kept)\n")
        }
        if elapsed >= 1 { eprint(String(format: "(%.2f s)\n", elapsed)) }
    }

    /// Draws a figure inline, sized to the terminal (braille and colour when the terminal supports them, plain
    /// ASCII otherwise); a drawing error is reported, never fatal.
    static func drawFigure(_ fig: FigureValue) {
        let env = TerminalEnvironment.detect()
        let width = min(env.width, 120)
        let height = max(TerminalRenderer.minimumSize.height, min(env.height - 2, width * 2 / 5))
        do { print(try fig.text(width: width, height: height, unicode: env.unicode, color: env.color)) } catch {
            eprint("error: \(error)\n")
        }
    }

    /// Runs a `:command`; returns false to quit.
    func command(_ line: String) -> Bool {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let arg = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts[0] {
        case ":q", ":quit", ":exit": return false
        case ":help", ":h":
            if arg.isEmpty { print(REPL.helpText) } else { _ = session.execute("help(\"\(arg)\")", name: "<help>", interactive: false) }
        case ":vars":
            for name in session.interpreter.globalNames.sorted() {
                if let v = session.interpreter.global(name) { print("\(name) = \(v.summaryLine)") }
            }
        case ":time":
            let start = Date()
            evaluate(arg)
            eprint(String(format: "time: %.4f s\n", Date().timeIntervalSince(start)))
        case ":load":
            guard !arg.isEmpty else { eprint("usage: :load file.sgp\n"); break }
            guard let text = try? String(contentsOfFile: arg, encoding: .utf8) else {
                eprint("error: cannot read '\(arg)'\n"); break
            }
            let outcome = session.execute(text, name: arg, interactive: false)
            switch outcome {
            case .ok: accepted.append(text)
            case .syntax(let d): eprint(errors.render(d))
            case .runtime(let e): eprint(errors.render(e))
            case .interrupted: eprint("interrupted (bindings kept)\n")
            }
        case ":save":
            guard !arg.isEmpty else { eprint("usage: :save file.sgp\n"); break }
            let script = "# sgp session saved \(ISO8601DateFormatter().string(from: Date()))\n\n" +
                accepted.enumerated().map { "# %% In [\($0.offset + 1)]\n\($0.element)\n" }.joined(separator: "\n")
            do { try AtomicFile.write(script, to: arg); print("saved \(accepted.count) inputs to \(arg)") } catch { eprint("error: \(error)\n") }
        case ":reset":
            session.resetState()
            accepted = []
            print("state cleared")
        default:
            let known = [":help", ":vars", ":time", ":load", ":save", ":reset", ":quit"]
            let hint = Suggest.closest(parts[0], among: known).map { " (did you mean '\($0)'?)" } ?? ""
            eprint("error: unknown command '\(parts[0])'\(hint); :help lists commands\n")
        }
        return true
    }

    /// Tab completion: keyword arguments inside a call, record/opaque fields after '.', paths inside strings, else names.
    func complete(before: String, word: String) -> [String] {
        let quotes = before.filter { $0 == "\"" }.count
        if quotes % 2 == 1 { return completePath(word) }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot]), partial = String(word[word.index(after: dot)...])
            guard let v = session.interpreter.global(base) else { return [] }
            return v.completionFields.filter { $0.hasPrefix(partial) }.map { base + "." + $0 }
        }
        var names = session.interpreter.completions(for: word)
        if let callee = REPL.enclosingCall(before) {
            let kws = session.interpreter.registry.parameterNames(of: callee).filter { $0.hasPrefix(word) }.map { $0 + "=" }
            names = kws + names
        }
        return names
    }

    func completePath(_ word: String) -> [String] {
        let dir = word.contains("/") ? String(word[...(word.lastIndex(of: "/") ?? word.startIndex)]) : ""
        let prefix = String(word.dropFirst(dir.count))
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return [] }
        return items.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }.sorted().map { name in
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: dir + name, isDirectory: &isDir)
            return dir + name + (isDir.boolValue ? "/" : "")
        }
    }

    /// The name of the innermost unclosed call in `text` (`train(data, ep` → "train").
    static func enclosingCall(_ text: String) -> String? {
        var depth = 0
        let chars = Array(text)
        var i = chars.count - 1
        while i >= 0 {
            let c = chars[i]
            if c == ")" || c == "]" { depth += 1 } else if c == "(" || c == "[" {
                if depth == 0 {
                    guard c == "(" else { return nil }
                    var j = i - 1
                    while j >= 0, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j -= 1 }
                    let name = String(chars[(j + 1)..<i])
                    return name.isEmpty ? nil : name
                }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }

    static let helpText = """
    Enter sgp code; an unfinished block or expression continues on the next line.
      :help [name]   help for a builtin (signature, defaults, example)
      :vars          list your variables
      :time expr     evaluate and time an expression
      :load file     run a file in this session
      :save file     write this session's inputs as a replayable .sgp notebook
      :reset         clear all variables
      :quit          exit (or Ctrl-D)
    Ctrl-C stops running work at the next iteration and keeps your variables; at the prompt it clears the line.
    End a line with ';' to suppress printing. `ans` holds the last value.
    """
}
