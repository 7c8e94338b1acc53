/// A message about a place in a source: data only; `DiagnosticRenderer` turns it into text.
public struct Diagnostic: Sendable, Error, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    /// A secondary message, optionally pointing at its own span ("'(' opened here").
    public struct Note: Sendable {
        /// Lowercase, no trailing period.
        public var message: String
        /// Where the note points, if anywhere.
        public var span: Span?
        /// The source `span` points into; nil means the diagnostic's own source.
        public var source: Source?
        /// A note with an optional location.
        public init(_ message: String, span: Span? = nil, source: Source? = nil) {
            self.message = message
            self.span = span
            self.source = source
        }
    }

    /// Error, warning or note.
    public var severity: Severity
    /// Lowercase, no trailing period, naming the culprit ("expected ')' after arguments").
    public var message: String
    /// The offending text.
    public var span: Span
    /// The source `span` points into.
    public var source: Source
    /// Secondary messages, in order.
    public var notes: [Note]
    /// A suggestion ("did you mean 'foo'?").
    public var help: String?

    /// A diagnostic; notes and help are optional.
    public init(_ severity: Severity = .error, _ message: String, span: Span, source: Source,
                notes: [Note] = [], help: String? = nil) {
        self.severity = severity
        self.message = message
        self.span = span
        self.source = source
        self.notes = notes
        self.help = help
    }

    /// 1-based line and column of the span's start.
    public var location: (line: Int, column: Int) { source.location(of: span.start) }

    /// `file:line:col: error: message`, without the source excerpt.
    public var description: String {
        let (line, column) = location
        return "\(source.name):\(line):\(column): \(severity.rawValue): \(message)"
    }
}
