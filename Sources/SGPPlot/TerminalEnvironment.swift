import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the terminal on standard output can show, detected from the process environment, never assumed.
public struct TerminalEnvironment: Sendable, Equatable {
    /// Columns available (80 when unknown).
    public var width: Int
    /// Rows available (24 when unknown).
    public var height: Int
    /// Whether the locale is UTF-8 (braille and box drawing can be shown).
    public var unicode: Bool
    /// Whether ANSI colour is wanted: a terminal, not `TERM=dumb`, and no `NO_COLOR`.
    public var color: Bool

    /// Makes an environment by hand (tests, notebooks).
    public init(width: Int, height: Int, unicode: Bool, color: Bool) {
        self.width = width
        self.height = height
        self.unicode = unicode
        self.color = color
    }

    /// Detects stdout's size (ioctl, then `COLUMNS`/`LINES`), UTF-8 from `LC_ALL`/`LC_CTYPE`/`LANG`, and colour
    /// from `isatty`, `TERM` and `NO_COLOR`.
    public static func detect(_ env: [String: String] = ProcessInfo.processInfo.environment) -> TerminalEnvironment {
        var width = Int(env["COLUMNS"] ?? "") ?? 80, height = Int(env["LINES"] ?? "") ?? 24
        let tty = isatty(STDOUT_FILENO) == 1
        #if canImport(Glibc) || canImport(Darwin)
        var size = winsize()
        if tty, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            width = Int(size.ws_col)
            height = Int(size.ws_row)
        }
        #endif
        // The first locale variable that is set wins, as in setlocale.
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let unicode = locale.uppercased().replacingOccurrences(of: "-", with: "").contains("UTF8")
        let color = tty && env["TERM"] != "dumb" && env["NO_COLOR"] == nil
        return TerminalEnvironment(width: max(20, width), height: max(8, height), unicode: unicode, color: color)
    }
}
