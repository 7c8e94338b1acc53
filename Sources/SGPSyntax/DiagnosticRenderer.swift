/// Turns diagnostics into text: the one place that decides how errors look.
///
/// ```
/// demo.sgp:3:11: error: expected ')' after arguments
///  3 | print(a, b
///    |           ^
/// demo.sgp:3:6: note: '(' opened here
///  3 | print(a, b
///    |      ^
/// help: did you mean 'foo'?
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Whether to emit ANSI colour codes (the CLI passes `isatty`).
    public var color: Bool

    /// A renderer; colour is off unless asked for.
    public init(color: Bool = false) { self.color = color }

    /// All diagnostics, each followed by a blank line.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0) + "\n" }.joined()
    }

    /// One diagnostic: header, excerpt with underline, then notes and help, newline-terminated.
    public func render(_ d: Diagnostic) -> String {
        var out = header(d.source, d.span, d.severity.rawValue, severityStyle(d.severity), d.message)
        out += excerpt(d.source, d.span, style: severityStyle(d.severity))
        for note in d.notes {
            if let span = note.span {
                let source = note.source ?? d.source
                out += header(source, span, "note", Style.note, note.message)
                out += excerpt(source, span, style: Style.note)
            } else {
                out += paint("note", Style.note) + ": " + note.message + "\n"
            }
        }
        if let help = d.help { out += paint("help", Style.help) + ": " + help + "\n" }
        return out
    }

    private enum Style {
        static let error = "1;31", warning = "1;33", note = "1;36", help = "1;32", bold = "1", gutter = "34"
    }

    private func severityStyle(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: return Style.error
        case .warning: return Style.warning
        case .note: return Style.note
        }
    }

    private func paint(_ text: String, _ style: String) -> String {
        color ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }

    private func header(_ source: Source, _ span: Span, _ label: String, _ style: String, _ message: String) -> String {
        let (line, column) = source.location(of: span.start)
        return paint("\(source.name):\(line):\(column):", Style.bold) + " " + paint(label, style) + ": "
            + paint(message, Style.bold) + "\n"
    }

    /// The source line of the span's start with a gutter, and `^~~~` under the span (to the end of that line when
    /// the span continues onto later lines).
    private func excerpt(_ source: Source, _ span: Span, style: String) -> String {
        let start = min(max(0, span.start), source.bytes.count)
        let end = min(max(start, span.end), source.bytes.count)
        let (line, column) = source.location(of: start)
        let text = source.lineText(line)
        let chars = Array(text)
        let (endLine, endColumn) = source.location(of: end)
        let lastColumn = endLine == line ? endColumn : chars.count + 1
        let width = max(1, lastColumn - column)
        // Copy tabs from the line so the caret lines up however the terminal expands them.
        var pad = ""
        for c in chars.prefix(column - 1) { pad.append(c == "\t" ? "\t" : " ") }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        let marker = "^" + String(repeating: "~", count: width - 1)
        return " " + paint(number + " |", Style.gutter) + " " + text + "\n"
            + " " + paint(gutter + " |", Style.gutter) + " " + pad + paint(marker, style) + "\n"
    }
}
