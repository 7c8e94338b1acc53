/// Named limits the evaluator enforces, each with the reason it exists.
///
/// Scripts come from colleagues and typos happen: a limit turns a runaway script into a clear error instead of a
/// crashed process or an exhausted machine.
public struct InterpreterLimits: Sendable {
    /// Maximum depth of nested calls of user functions (200).
    ///
    /// Why: each interpreted call uses several Swift stack frames; without a limit, unbounded recursion overflows
    /// the stack and kills the process. Measured (StackDepthTests): a debug build uses 6–10 KiB of stack per
    /// interpreted call level, so 200 levels take about 2 MiB of the 8 MiB main-thread stack, leaving room for
    /// nested expressions and builtins that call back into the language (off the main thread the evaluator runs
    /// on a 64 MiB helper thread). Independently, every call checks the remaining stack (`StackGuard`) and stops
    /// with "out of stack space" when less than 1 MiB is left, which covers call levels made large by deeply
    /// nested expressions.
    public var maxCallDepth = 200

    /// Maximum nesting of expressions and blocks inside one statement (256), checked when a script is compiled.
    ///
    /// Why: compiling and evaluating walk the tree recursively, so a generated script with thousands of nested
    /// parentheses would overflow the stack the same way deep recursion does.
    public var maxNesting = 256

    /// Maximum number of elements in a list (10⁸).
    ///
    /// Why: `range(1e12)` or a runaway `append` loop should fail fast with a message, not swap the machine.
    public var maxListLength = 100_000_000

    /// Maximum length of a string in bytes (2²⁸ = 256 MiB).
    ///
    /// Why: repeated concatenation in a loop can grow quadratically; past this size it is a bug, not a report.
    public var maxStringLength = 1 << 28

    /// Maximum number of elements of a tensor created from a script (2³¹, SGPTensor's limit).
    ///
    /// Why: a mistyped shape (`zeros([100000, 100000])`) must be an error before anything is allocated.
    public var maxTensorElements = 1 << 31

    /// Maximum number of loop iterations plus calls in one `run` (nil = unlimited, the default).
    ///
    /// Why: loops may legitimately run for hours, so there is no default guard (Ctrl-C cancels instead); hosts
    /// that run untrusted or generated code unattended (the fuzz tests, a notebook server) set one.
    public var maxSteps: Int? = nil

    /// The defaults above.
    public init() {}
}
