import Foundation
import Ink

/// What running one notebook cell produced, in order.
struct CellResult {
    enum Output {
        case text(String)
        /// An SVG figure (without XML declaration, ready to inline) and the file name it was saved under in the
        /// run directory.
        case figure(svg: String, file: String)
        /// A rendered diagnostic (plain text, no colour).
        case error(String)
    }
    var cell: Notebook.Cell
    var outputs: [Output] = []
    var seconds: Double = 0
}

/// Renders executed notebooks as one self-contained HTML file (no external JS, CSS or fonts) or as Markdown with
/// figures saved beside it.
enum ReportRenderer {
    static func html(title: String, cells: [CellResult], footer: [(String, String)], highlight: (String) -> String) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(title))</title>
        <style>\(css)</style></head><body><main>
        <h1 class="doc-title">\(escape(title))</h1>

        """
        let parser = MarkdownParser()
        for (i, r) in cells.enumerated() {
            switch r.cell.kind {
            case .markdown:
                h += "<section class=\"cell md\">\(parser.html(from: r.cell.text))</section>\n"
            case .code:
                h += "<section class=\"cell code\" id=\"cell-\(i + 1)\">\n"
                let label = r.cell.title.isEmpty ? "In [\(i + 1)]" : escape(r.cell.title)
                h += "<div class=\"cell-head\"><span>\(label)</span><span class=\"time\">\(formatSeconds(r.seconds))</span></div>\n"
                h += "<pre class=\"src\"><code>\(highlight(r.cell.text))</code></pre>\n"
                for o in r.outputs {
                    switch o {
                    case .text(let t): if !t.isEmpty { h += "<pre class=\"out\">\(escape(t))</pre>\n" }
                    case .figure(let svg, let file): h += "<figure class=\"fig\" title=\"\(escape(file))\">\(svg)</figure>\n"
                    case .error(let e): h += "<pre class=\"err\">\(escape(e.trimmingCharacters(in: .whitespacesAndNewlines)))</pre>\n"
                    }
                }
                h += "</section>\n"
            }
        }
        h += "<footer><h2>Provenance</h2><table>\n"
        for (k, v) in footer { h += "<tr><th>\(escape(k))</th><td>\(escape(v))</td></tr>\n" }
        h += "</table></footer>\n</main></body></html>\n"
        return h
    }

    static func markdown(title: String, cells: [CellResult], footer: [(String, String)]) -> String {
        var m = "# \(title)\n\n"
        for r in cells {
            switch r.cell.kind {
            case .markdown: m += r.cell.text + "\n\n"
            case .code:
                if !r.cell.title.isEmpty { m += "**\(r.cell.title)** · \(formatSeconds(r.seconds))\n\n" }
                m += "```sgp\n\(r.cell.text)\n```\n\n"
                for o in r.outputs {
                    switch o {
                    case .text(let t): if !t.isEmpty { m += "```\n\(t)\n```\n\n" }
                    case .figure(_, let file): m += "![\(file)](\(file))\n\n"
                    case .error(let e): m += "```\n\(e.trimmingCharacters(in: .whitespacesAndNewlines))\n```\n\n"
                    }
                }
            }
        }
        m += "## Provenance\n\n| | |\n|---|---|\n"
        for (k, v) in footer { m += "| \(k) | \(v.replacingOccurrences(of: "|", with: "\\|")) |\n" }
        return m
    }

    static func escape(_ s: String) -> String {
        var r = ""
        r.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            default: r.append(c)
            }
        }
        return r
    }

    static func formatSeconds(_ s: Double) -> String {
        s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s)
    }

    static let css = """
    body{margin:0;background:#fafafa;color:#1b1b1b;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
    main{max-width:960px;margin:0 auto;padding:24px}
    .doc-title{font-size:1.6em;border-bottom:1px solid #ddd;padding-bottom:8px}
    .cell{margin:18px 0}
    .cell.md{padding:0 4px}
    .cell-head{display:flex;justify-content:space-between;color:#666;font-size:.85em;margin-bottom:2px}
    pre{margin:0;padding:10px 12px;overflow-x:auto;font:13px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;border-radius:4px}
    pre.src{background:#f0f3f7;border-left:3px solid #4a78b5}
    pre.out{background:#fff;border-left:3px solid #bbb;margin-top:4px}
    pre.err{background:#fdf0f0;border-left:3px solid #c0392b;color:#7d1d12;margin-top:4px}
    figure.fig{margin:8px 0;background:#fff;padding:6px;border:1px solid #e3e3e3;border-radius:4px;overflow-x:auto}
    figure.fig svg{max-width:100%;height:auto}
    .kw{color:#8e3fb0;font-weight:600}.num{color:#b35c00}.str{color:#2a7f3e}.com{color:#777;font-style:italic}.fn{color:#1d5fa8}
    footer{margin-top:32px;border-top:1px solid #ddd;font-size:.85em;color:#444}
    footer table{border-collapse:collapse}footer th{text-align:left;padding:2px 12px 2px 0;vertical-align:top}
    footer td{font-family:ui-monospace,monospace;word-break:break-all}
    """
}
