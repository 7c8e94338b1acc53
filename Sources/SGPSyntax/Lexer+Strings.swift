extension Lexer {
    /// Lexes string text from `pos` up to the closing quote (emitting `string`) or an interpolation's `{`
    /// (emitting `interpolation` and leaving the lexer in code mode until the matching `}`).
    mutating func lexStringPiece(quote: UInt8, pieceStart: Int, openQuote: Int) {
        var text: [UInt8] = []
        var tooLong = false
        func append(_ c: UInt8) {
            if text.count < SyntaxLimits.maxStringLiteralBytes { text.append(c) } else { tooLong = true }
        }
        while true {
            guard pos < bytes.count, bytes[pos] != UInt8(ascii: "\n") else {
                // Strings end on their own line, so a missing quote cannot swallow the rest of the file.
                if pos >= bytes.count { unterminatedAtEnd = true }
                error("unterminated string", Span(openQuote, pos),
                      notes: [Diagnostic.Note("strings end on the line they start; use '\\n' for a line break")])
                emit(.string(decode(text)), from: pieceStart)
                return
            }
            let c = bytes[pos]
            switch c {
            case quote:
                pos += 1
                if tooLong { stringTooLong(openQuote) }
                emit(.string(decode(text)), from: pieceStart)
                return
            case UInt8(ascii: "\\"):
                lexEscape(into: &text)
            case UInt8(ascii: "{") where byte(at: pos + 1) == UInt8(ascii: "{"),
                 UInt8(ascii: "}") where byte(at: pos + 1) == UInt8(ascii: "}"):
                append(c)
                pos += 2
            case UInt8(ascii: "{"):
                if interpolationDepth >= SyntaxLimits.maxNestingDepth {
                    error("string interpolation nested too deeply (limit \(SyntaxLimits.maxNestingDepth))",
                          Span(pos, pos + 1))
                    append(c)
                    pos += 1
                    continue
                }
                pos += 1
                if tooLong { stringTooLong(openQuote) }
                emit(.interpolation(decode(text)), from: pieceStart)
                beginInterpolation(quote: quote, openQuote: openQuote)
                return
            default:
                append(c)
                pos += 1
            }
        }
    }

    private mutating func stringTooLong(_ openQuote: Int) {
        error("string literal is too long (limit \(SyntaxLimits.maxStringLiteralBytes) bytes)",
              Span(openQuote, openQuote + 1), help: "read large text from a file instead")
    }

    private func decode(_ text: [UInt8]) -> String { String(decoding: text, as: UTF8.self) }

    /// `\n \t \r \0 \\ \" \' \{ \}`; anything else is reported and kept as written.
    private mutating func lexEscape(into text: inout [UInt8]) {
        let start = pos
        let next = byte(at: pos + 1)
        let decoded: UInt8?
        switch next {
        case UInt8(ascii: "n"): decoded = UInt8(ascii: "\n")
        case UInt8(ascii: "t"): decoded = UInt8(ascii: "\t")
        case UInt8(ascii: "r"): decoded = UInt8(ascii: "\r")
        case UInt8(ascii: "0"): decoded = 0
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            decoded = next
        default: decoded = nil
        }
        if pos + 1 >= bytes.count || next == UInt8(ascii: "\n") {
            // A backslash at the end of the line: leave the newline for the unterminated-string check.
            pos += 1
            return
        }
        if text.count < SyntaxLimits.maxStringLiteralBytes {
            if let d = decoded {
                text.append(d)
            } else {
                text.append(UInt8(ascii: "\\"))
                if pos + 1 < bytes.count { text.append(next) }
            }
        }
        if decoded == nil {
            let width = pos + 1 < bytes.count ? utf8Width(next) : 0
            let shown = String(decoding: bytes[start..<min(bytes.count, start + 1 + width)], as: UTF8.self)
            error("unknown escape sequence '\(shown)'", Span(start, start + 1 + width),
                  help: "escapes are \\n \\t \\r \\0 \\\\ \\\" \\' \\{ \\}")
            pos += 1 + width
            return
        }
        pos += 2
    }

    /// Byte length of the UTF-8 sequence led by `c` (1 for stray continuation bytes), clamped to the input.
    private func utf8Width(_ c: UInt8) -> Int {
        let w = c < 0xC0 ? 1 : (c < 0xE0 ? 2 : (c < 0xF0 ? 3 : 4))
        return min(w, bytes.count - (pos + 1))
    }
}
