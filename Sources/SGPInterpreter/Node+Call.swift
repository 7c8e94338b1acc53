import SGPSyntax
import SGPTensor

/// `callee(args...)`. User functions get a fast path for all-positional calls: arguments are evaluated straight
/// into the new frame's slots.
final class CallNode: Node {
    let callee: Node
    let args: [Node]
    /// Keyword labels, parallel to `args` (nil = positional).
    let labels: [String?]
    let labelSpans: [Span?]
    let hasKeywords: Bool
    init(callee: Node, args: [Node], labels: [String?], labelSpans: [Span?], span: Span, source: Source) {
        self.callee = callee; self.args = args; self.labels = labels; self.labelSpans = labelSpans
        self.hasKeywords = labels.contains { $0 != nil }
        super.init(span: span, source: source)
    }

    override func eval(_ f: Frame) throws -> Value {
        let fv = try callee.eval(f)
        if case .function(let c) = fv, !hasKeywords {
            let code = c.code
            let n = args.count
            if n == code.params.count {
                let frame = Frame.make(slotCount: code.slotCount, parent: c.captured, rt: f.rt, assigned: n)
                // Parameters occupy slots 0..<n in order (the compiler declares them first).
                let slots = frame.slots
                for i in 0..<n { slots[i] = try args[i].eval(f) }
                return try Invoke.run(c, frame, callSpan: span, callSource: source)
            }
        }
        var positional: [Value] = []
        var keywords: [(name: String, value: Value)] = []
        positional.reserveCapacity(args.count)
        for i in 0..<args.count {
            let v = try args[i].eval(f)
            if let l = labels[i] { keywords.append((l, v)) } else { positional.append(v) }
        }
        do {
            return try Invoke.call(fv, positional, keywords, rt: f.rt, span: span, source: source, culprit: callee.culprit)
        } catch var e as RuntimeError where e.keyword != nil && e.stack.isEmpty {
            // Point an unknown keyword error at the keyword itself.
            if let i = labels.firstIndex(where: { $0 == e.keyword }), let s = labelSpans[i] { e.span = s; e.source = source }
            e.keyword = nil
            throw e
        }
    }
}

/// Calling values: the shared path for calls from scripts and from builtins (`map`, `grad`, planners).
enum Invoke {
    static func call(_ fv: Value, _ positional: [Value], _ keywords: [(name: String, value: Value)], rt: Interpreter,
                     span: Span?, source: Source?, culprit: String?) throws -> Value {
        let loc = { (e: any Error) -> RuntimeError in
            var r = RuntimeError.from(e)
            if let span, let source { r = r.located(span, source) }
            return r
        }
        switch fv {
        case .function(let c):
            let frame: Frame
            do { frame = try bind(c, positional, keywords, rt: rt) } catch {
                var e = loc(error)
                e.notes.append(("'\(c.code.name)' defined here", c.code.span, c.code.source))
                throw e
            }
            return try run(c, frame, callSpan: span, callSource: source)
        case .builtin(let b):
            do {
                let args = try b.bind(positional, keywords)
                return try b.body(args, CallContext(interpreter: rt, span: span, source: source))
            } catch { throw loc(error) }
        case .opaque(let o):
            do {
                return try o.call(Arguments(positional: positional, keywords: keywords), CallContext(interpreter: rt, span: span, source: source))
            } catch { throw loc(error) }
        default:
            let what = culprit.map { " (\($0))" } ?? ""
            throw loc(RuntimeError("attempt to call a \(fv.typeName) value\(what)"))
        }
    }

    /// Binds arguments to a user function's parameters, Python-style.
    static func bind(_ c: Closure, _ positional: [Value], _ keywords: [(name: String, value: Value)], rt: Interpreter) throws -> Frame {
        let code = c.code
        let frame = Frame.make(slotCount: code.slotCount, parent: c.captured, rt: rt, assigned: code.params.count)
        let n = code.params.count
        guard positional.count <= n else {
            throw RuntimeError("too many arguments to '\(code.name)': expected at most \(n), got \(positional.count)")
        }
        var given = [Bool](repeating: false, count: n)
        for (i, v) in positional.enumerated() { frame.slots[code.params[i].slot] = v; given[i] = true }
        for (k, v) in keywords {
            guard let i = code.params.firstIndex(where: { $0.name == k }) else {
                var e = RuntimeError("unknown keyword argument '\(k)' to '\(code.name)'",
                                     help: didYouMean(k, code.params.map { $0.name }))
                e.keyword = k
                throw e
            }
            guard !given[i] else { throw RuntimeError("argument '\(k)' to '\(code.name)' given twice") }
            frame.slots[code.params[i].slot] = v
            given[i] = true
        }
        for i in 0..<n where !given[i] {
            guard let d = c.defaults[i] else {
                throw RuntimeError("missing argument '\(code.params[i].name)' to '\(code.name)'")
            }
            frame.slots[code.params[i].slot] = d
        }
        return frame
    }

    /// Runs a bound frame: depth limit, cancellation, body, and a stack frame on the way out of an error.
    static func run(_ c: Closure, _ frame: Frame, callSpan: Span?, callSource: Source?) throws -> Value {
        let rt = frame.rt
        let code = c.code
        guard rt.depth < rt.limits.maxCallDepth else {
            var e = RuntimeError("call depth limit (\(rt.limits.maxCallDepth)) exceeded in '\(code.name)'",
                                 help: "is the recursion missing a base case?")
            if let callSpan, let callSource { e = e.located(callSpan, callSource) }
            throw e
        }
        try rt.tick(callSpan, callSource)
        if rt.stack.isExhausted() {
            var e = RuntimeError("out of stack space in '\(code.name)' (calls or expressions nested too deeply)",
                                 help: "simplify the nesting, or make the recursion shallower")
            if let callSpan, let callSource { e = e.located(callSpan, callSource) }
            throw e
        }
        rt.depth += 1
        defer { rt.depth -= 1 }
        do {
            let body = code.body
            // One-statement bodies (`fn f(x) = ...`, lambdas) are the common case.
            if body.count == 1 { return try body[0].exec(frame) == .returned ? frame.returnValue : .nil }
            for s in body {
                if try s.exec(frame) == .returned { return frame.returnValue }
            }
            return .nil
        } catch var e as RuntimeError {
            if let callSpan, let callSource {
                if e.stack.count < 64 { e.stack.append(StackFrame(function: code.name, span: callSpan, source: callSource)) }
                else { e.omittedFrames += 1 }
            }
            throw e
        }
    }
}

/// What a builtin can do besides computing: call script functions, print, check file access, draw random numbers.
public struct CallContext {
    /// The interpreter running the call.
    public let interpreter: Interpreter
    /// The call's location in the script, when called from a script.
    public let span: Span?
    /// The source `span` points into.
    public let source: Source?

    /// Calls a script value (function, builtin or opaque callable) with arguments.
    public func call(_ f: Value, _ args: [Value], keywords: [(name: String, value: Value)] = []) throws -> Value {
        try Invoke.call(f, args, keywords, rt: interpreter, span: span, source: source, culprit: nil)
    }

    /// Sends text to the host's output (the terminal, a notebook cell).
    public func print(_ text: String) { interpreter.emit(text) }

    /// The absolute path a script may read, or an error when the sandbox forbids it.
    /// The path is added to `Interpreter.filesRead`.
    public func checkRead(_ path: String) throws -> String {
        let p = try interpreter.checkRead(path, relativeTo: source)
        if !interpreter.filesRead.contains(p) { interpreter.filesRead.append(p) }
        return p
    }

    /// The absolute path a script may write, or an error when the sandbox forbids it.
    public func checkWrite(_ path: String) throws -> String { try interpreter.checkWrite(path, relativeTo: source) }

    /// Runs `body` with the interpreter's random stream `name` (derived from the run seed).
    public func withRandom<R>(_ name: String, _ body: (inout RandomStream) throws -> R) rethrows -> R {
        try interpreter.withRandom(name, body)
    }
}
