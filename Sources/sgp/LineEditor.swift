// The only file that imports GNU readline.
@preconcurrency import CReadline
import Foundation

/// Interactive line input through GNU readline: editing, persistent capped history, reverse search (readline's
/// Ctrl-R), and tab completion supplied by the REPL.
final class LineEditor {
    /// Called with (text before the cursor on the whole line, word being completed); returns full candidates.
    nonisolated(unsafe) static var completer: ((String, String) -> [String])?

    let historyPath: String?
    /// Entries kept on disk (readline's `stifle_history`).
    static let historyLimit = 5000

    init(historyPath: String?) {
        self.historyPath = historyPath
        sgp_rl_set_name("sgp")
        sgp_rl_set_catch_signals(0)  // our SIGINT handler decides: clear the line, or cancel running work
        // Break words on spaces and punctuation, but not on '.', '/', '_' so fields and paths complete whole.
        sgp_rl_set_word_breaks(" \t\n\"'`@$><=;|&{(,[+-*^%!")
        sgp_rl_set_completer(sgpComplete)
        stifle_history(Int32(LineEditor.historyLimit))
        if let p = historyPath { _ = read_history(p) }
    }

    /// Readline housekeeping after Ctrl-C at the prompt: drop the line, start a fresh prompt.
    static let clearLineAfterInterrupt: @convention(c) () -> Void = { sgp_rl_cleanup_after_sigint() }

    /// Reads one line; nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let c = readline(prompt) else { return nil }
        defer { free(c) }
        return String(cString: c)
    }

    /// Adds a non-empty entry to history and appends it to the history file.
    func remember(_ entry: String) {
        let e = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !e.isEmpty else { return }
        add_history(e)
        if let p = historyPath {
            _ = write_history(p)
            _ = history_truncate_file(p, Int32(LineEditor.historyLimit))
        }
    }

}

/// The per-user history file in the XDG state directory, created on demand.
func defaultHistoryPath() -> String? {
    let env = ProcessInfo.processInfo.environment
    let base: String
    if let s = env["XDG_STATE_HOME"], !s.isEmpty { base = s } else if let h = env["HOME"] { base = h + "/.local/state" } else { return nil }
    let dir = base + "/sgp"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/history"
}

/// readline's attempted-completion hook: builds the NULL-terminated match array readline expects
/// (element 0 = the longest common prefix of all matches).
func sgpComplete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    sgp_rl_suppress_default_completion()
    guard let text, let completer = LineEditor.completer else { return nil }
    let word = String(cString: text)
    let line = String(cString: sgp_rl_line_buffer())
    let before = String(line.utf8.prefix(Int(start))) ?? ""
    let matches = completer(before, word)
    guard !matches.isEmpty else { return nil }
    let common = matches.dropFirst().reduce(matches[0]) { $0.commonPrefix(with: $1) }
    let arr = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: matches.count + 2)
    arr[0] = strdup(common)
    for (i, m) in matches.enumerated() { arr[i + 1] = strdup(m) }
    arr[matches.count + 1] = nil
    if matches.count == 1 { sgp_rl_set_completion_append(matches[0].hasSuffix("(") || matches[0].hasSuffix("/") ? 0 : 32) }
    return arr
}
