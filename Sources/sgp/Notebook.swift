import Foundation

/// A `.sgp` file split into cells (the jupytext / VS Code percent format).
///
/// `# %%` starts a code cell (text after it is the cell title); `# %% [markdown]` starts a Markdown cell whose lines
/// are comments (`# ` is stripped). Code before the first marker is a cell of its own unless it is blank. A file
/// without markers is one code cell.
struct Notebook {
    enum Kind: String { case code, markdown }

    struct Cell {
        var kind: Kind
        var title: String
        /// The cell's text (markdown cells: comment markers stripped).
        var text: String
        /// 1-based line of the cell's first text line in the file, so diagnostics point into the file.
        var firstLine: Int
    }

    var cells: [Cell] = []

    init(text: String) {
        var current = Cell(kind: .code, title: "", text: "", firstLine: 1)
        var lines: [Substring] = []
        var sawMarker = false
        func flush() {
            var body = lines
            while let l = body.last, l.trimmingCharacters(in: .whitespaces).isEmpty { body.removeLast() }
            if current.kind == .markdown {
                body = body.map { l in l.hasPrefix("# ") ? l.dropFirst(2) : (l.hasPrefix("#") ? l.dropFirst() : l) }
            }
            current.text = body.joined(separator: "\n")
            let blank = current.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            if !blank || (sawMarker && !current.title.isEmpty) { cells.append(current) }
        }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("# %%") else { lines.append(line); continue }
            flush()
            sawMarker = true
            var rest = t.dropFirst(4).trimmingCharacters(in: .whitespaces)
            var kind = Kind.code
            if rest.hasPrefix("[markdown]") || rest.hasPrefix("[md]") {
                kind = .markdown
                rest = String(rest.drop(while: { $0 != "]" }).dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            current = Cell(kind: kind, title: rest, text: "", firstLine: i + 2)
            lines = []
        }
        flush()
    }

    /// True when the file uses cell markers at all.
    static func hasCells(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("# %%") }
    }
}
