import SGPSyntax
import SGPTensor

/// One frame of a runtime call stack: the function's name and the span of the call that entered it.
public struct StackFrame: Sendable {
    /// The called function's name ("<lambda>" for anonymous ones).
    public var function: String
    /// Where the call happened.
    public var span: Span
    /// The source the span points into.
    public var source: Source
}

/// An error raised while running a script: a message naming the culprit, where it happened, and how we got there.
///
/// Builtins throw it without a location; the evaluator attaches the span of the failing node and, as the error
/// leaves each user function, a stack frame.
public struct RuntimeError: Error, CustomStringConvertible {
    /// Lowercase, no trailing period, naming the culprit.
    public var message: String
    /// The failing node, once known.
    public var span: Span?
    /// The source `span` points into.
    public var source: Source?
    /// Extra lines ("'f' defined here").
    public var notes: [(message: String, span: Span?, source: Source?)]
    /// A suggestion ("did you mean 'length'?").
    public var help: String?
    /// Innermost call first.
    public var stack: [StackFrame]
    /// Calls beyond the 64 kept in `stack` (deep recursion), counted but not kept.
    public var omittedFrames = 0
    /// Set on "unknown keyword argument" errors so the call can point at the keyword.
    var keyword: String?

    /// An error with a message and optional help; the location is attached by the evaluator.
    public init(_ message: String, help: String? = nil, span: Span? = nil, source: Source? = nil) {
        self.message = message
        self.help = help
        self.span = span
        self.source = source
        self.notes = []
        self.stack = []
    }

    /// `file:line:col: error: message` (without source excerpt); the full rendering goes through the renderer.
    public var description: String {
        guard let span, let source else { return "error: \(message)" }
        let (l, c) = source.location(of: span.start)
        return "\(source.name):\(l):\(c): error: \(message)"
    }

    /// Converts any error thrown inside the evaluator or a builtin into a `RuntimeError`.
    static func from(_ error: any Error) -> RuntimeError {
        if let e = error as? RuntimeError { return e }
        if let e = error as? TensorError { return RuntimeError(e.description) }
        if error is Cancellation.Cancelled { return RuntimeError("interrupted") }
        return RuntimeError(String(describing: error))
    }

    /// Returns the error with its location set when it has none yet.
    func located(_ span: Span, _ source: Source) -> RuntimeError {
        guard self.span == nil else { return self }
        var e = self
        e.span = span
        e.source = source
        return e
    }
}

/// Closest candidate to `name` (SGPSyntax's `Suggest` rule). For one- and two-letter names only a doubled or
/// dropped letter counts (`nn` → `n`): replacing a letter of `y` gives every other one-letter name.
func closestName(_ name: String, among candidates: [String]) -> String? {
    guard let best = Suggest.closest(name, among: candidates) else { return nil }
    if name.count <= 2 && best.count == name.count { return nil }
    return best
}

/// The "did you mean" help line for `name`, if there is one close candidate.
func didYouMean(_ name: String, _ candidates: [String]) -> String? {
    closestName(name, among: candidates).map { "did you mean '\($0)'?" }
}
