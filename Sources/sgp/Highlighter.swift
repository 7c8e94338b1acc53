/// Syntax highlighting of sgp source for HTML reports: comments, strings, numbers, keywords, called names.
enum Highlighter {
    static let keywords: Set<String> = ["fn", "end", "if", "then", "elif", "else", "for", "in", "while", "do", "return",
                                        "break", "continue", "and", "or", "not", "true", "false", "nil", "use", "as"]

    static func html(_ code: String) -> String {
        let chars = Array(code)
        var out = ""
        var i = 0
        func span(_ cls: String, _ s: String) { out += "<span class=\"\(cls)\">\(ReportRenderer.escape(s))</span>" }
        while i < chars.count {
            let c = chars[i]
            if c == "#" {
                var j = i
                while j < chars.count, chars[j] != "\n" { j += 1 }
                span("com", String(chars[i..<j])); i = j
            } else if c == "\"" || c == "'" {
                var j = i + 1
                while j < chars.count, chars[j] != c, chars[j] != "\n" { j += chars[j] == "\\" ? 2 : 1 }
                j = min(j + 1, chars.count)
                span("str", String(chars[i..<j])); i = j
            } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber && (i == 0 || !chars[i - 1].isLetter)) {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "_" || chars[j] == "e" ||
                      ((chars[j] == "-" || chars[j] == "+") && j > i && chars[j - 1] == "e") {
                    if chars[j] == ".", j + 1 < chars.count, chars[j + 1] == "." { break }
                    j += 1
                }
                span("num", String(chars[i..<j])); i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                let word = String(chars[i..<j])
                if keywords.contains(word) { span("kw", word) } else if j < chars.count, chars[j] == "(" { span("fn", word) } else { out += ReportRenderer.escape(word) }
                i = j
            } else {
                out += ReportRenderer.escape(String(c)); i += 1
            }
        }
        return out
    }
}
