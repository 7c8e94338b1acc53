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

/// Closest candidate to `name` within a small edit distance, for "did you mean" hints (nil unless unique).
func closestName(_ name: String, among candidates: [String]) -> String? {
    let a = Array(name.lowercased())
    let limit = max(1, min(3, a.count / 3))
    var best: String?
    var bestD = Int.max
    var tie = false
    for c in Set(candidates) where c != name {
        let d = editDistance(a, Array(c.lowercased()))
        if d < bestD { bestD = d; best = c; tie = false } else if d == bestD { tie = true }
    }
    guard bestD <= limit, !tie else { return nil }
    return best
}

private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev2 = [Int](repeating: 0, count: b.count + 1)
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            // Adjacent transposition ("lenght" -> "length") counts as one edit.
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cur[j] = min(cur[j], prev2[j - 2] + 1) }
        }
        (prev2, prev, cur) = (prev, cur, prev2)
    }
    return prev[b.count]
}

/// The "did you mean" help line for `name`, if there is one close candidate.
func didYouMean(_ name: String, _ candidates: [String]) -> String? {
    closestName(name, among: candidates).map { "did you mean '\($0)'?" }
}
