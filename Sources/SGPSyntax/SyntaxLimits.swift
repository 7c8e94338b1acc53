/// Named limits of the syntax front end. Exceeding one gives a diagnostic, never a crash.
public enum SyntaxLimits {
    /// Deepest nesting of expressions and blocks the parser follows, and so the deepest tree it builds.
    ///
    /// The parser is recursive descent: each level of `(`, `[`, `{`, prefix operator, or block costs a handful of
    /// stack frames (up to 8.5 KiB in a debug build, so 2.2 MiB at the limit; see `LargeStack`). Chains such as
    /// `1 + 1 + ...` or `a.b.c` cost the parser no stack but nest the tree, which the evaluator and the tree's
    /// deallocation walk recursively, so each link counts as a level too. 256 levels is far beyond what
    /// readable code needs and matches the interpreter's `InterpreterLimits.maxNesting`.
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
