extension Lexer {
    /// The Unicode scalar encoded at byte `i` and its length, or nil for malformed UTF-8.
    func scalar(at i: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard i < bytes.count else { return nil }
        let lead = bytes[i]
        let length: Int
        var value: UInt32
        switch lead {
        case 0..<0x80: return Unicode.Scalar(UInt32(lead)).map { ($0, 1) }
        case 0xC2..<0xE0: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0..<0xF5: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        // Reject overlong encodings and surrogates, which `Unicode.Scalar` refuses anyway.
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        guard value >= minimum, let s = Unicode.Scalar(value) else { return nil }
        return (s, length)
    }

    /// Whether a non-ASCII scalar may appear in a name: letters and other visible characters yes; spaces and
    /// invisible format characters (no-break space, zero-width space, byte-order mark) no, since pasted text
    /// would otherwise turn them into silently different names.
    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        !(s.properties.isWhitespace || s.properties.generalCategory == .format || s.properties.generalCategory == .control)
    }

    /// Lexes a non-ASCII character outside a string: the start of a name, or an error for an invisible or
    /// malformed one (a byte-order mark at the very start is skipped silently).
    mutating func lexNonASCII() {
        guard let (s, length) = scalar(at: pos) else {
            error("invalid UTF-8 byte 0x\(String(bytes[pos], radix: 16, uppercase: true))", Span(pos, pos + 1),
                  help: "save the file as UTF-8")
            pos += 1
            return
        }
        if Lexer.isNameScalar(s) {
            lexIdentifier()
            return
        }
        if !(pos == 0 && s == "\u{FEFF}") {
            let code = String(s.value, radix: 16, uppercase: true)
            error("unexpected invisible character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)",
                  Span(pos, pos + length), help: "replace it with a normal space or delete it")
        }
        pos += length
    }

    /// The end of the name starting at `start`: ASCII letters, digits, `_`, and visible non-ASCII characters.
    func nameEnd(from start: Int) -> Int {
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c < 0x80 {
                guard Lexer.isIdentifierPart(c) else { break }
                i += 1
            } else {
                guard let (s, length) = scalar(at: i), Lexer.isNameScalar(s) else { break }
                i += length
            }
        }
        return i
    }
}
