/// A named piece of source text (a file, a REPL input, a notebook cell) with line lookup for diagnostics.
public final class Source: @unchecked Sendable {
    /// Display name: a path, "<repl:3>", "<stdin>".
    public let name: String
    /// The text as UTF-8 bytes; spans are byte offsets into it.
    public let bytes: [UInt8]
    /// Line number offset: a notebook cell starting at line 40 of its file reports lines from 40.
    public let firstLine: Int
    private let lineStarts: [Int]

    /// A source; `firstLine` numbers the first line (a notebook cell starting at line 40 passes 40).
    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.firstLine = firstLine
        var starts = [0]
        // A plain index loop: `enumerated()` costs a generic-metadata lookup per byte in debug builds.
        let newline = UInt8(ascii: "\n")
        bytes.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where buffer[i] == newline { starts.append(i + 1) }
        }
        self.lineStarts = starts
    }

    /// The text, decoded from `bytes`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// 1-based line and column (in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let o = min(max(0, offset), bytes.count)
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        let col = String(decoding: bytes[lineStarts[lo]..<o], as: UTF8.self).count + 1
        return (lo + firstLine, col)
    }

    /// The text of 1-based `line` (as numbered by `location`), without its newline.
    public func lineText(_ line: Int) -> String {
        let i = line - firstLine
        guard i >= 0, i < lineStarts.count else { return "" }
        let start = lineStarts[i]
        let end = i + 1 < lineStarts.count ? lineStarts[i + 1] - 1 : bytes.count
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// A half-open byte range `start..<end` in a `Source`.
public struct Span: Sendable, Equatable, Hashable {
    /// First byte.
    public var start: Int
    /// One past the last byte.
    public var end: Int
    /// A span; an `end` before `start` is clamped to an empty span.
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = max(start, end) }
    /// The smallest span covering both.
    public func to(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }
}
