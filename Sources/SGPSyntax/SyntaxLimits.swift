/// Named limits of the syntax front end. Exceeding one gives a diagnostic, never a crash.
public enum SyntaxLimits {
    /// Deepest nesting of expressions and blocks the parser follows.
    ///
    /// The parser is recursive descent: each level of `(`, `[`, `{`, prefix operator, or block costs a handful of
    /// stack frames. 256 levels is far beyond what readable code needs, and keeps the parser well inside a
    /// 512 KiB secondary-thread stack even in debug builds (a test checks this).
    public static let maxNestingDepth = 256

    /// Largest source text accepted, in bytes.
    ///
    /// Scripts are hand-written; anything past 16 MiB is almost certainly a data file passed by mistake, and
    /// refusing it early avoids building a token array of hundreds of megabytes.
    public static let maxSourceBytes = 16 << 20

    /// Longest string literal, in bytes after decoding escapes.
    ///
    /// Literals live in the script text and are copied into every value built from them; data belongs in files
    /// read by builtins. 1 MiB leaves room for embedded templates.
    public static let maxStringLiteralBytes = 1 << 20

    /// Errors reported by one parse before it stops.
    ///
    /// Panic-mode recovery finds independent errors, but after a score of them the rest are mostly cascades of
    /// the first ones and would bury the useful messages.
    public static let maxErrors = 20
}
