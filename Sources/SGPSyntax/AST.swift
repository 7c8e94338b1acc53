/// The syntax tree. Every node carries its `Span`; identifiers carry an interned `Name`.
///
/// The tree is the contract between the parser and the interpreter: the parser builds it, the evaluator walks it.

/// An identifier, interned so the evaluator can look names up by integer.
public struct Name: Sendable, Hashable, CustomStringConvertible {
    /// Stable for the life of the process (see `NameTable`).
    public let id: Int
    /// The identifier as written.
    public let text: String
    /// A name; use `NameTable.shared.intern` rather than inventing ids.
    public init(id: Int, text: String) { self.id = id; self.text = text }
    /// The identifier as written.
    public var description: String { text }
}

/// A program or a block: statements in order.
public struct Block: Sendable {
    /// The statements, in order.
    public var statements: [Stmt]
    /// From the first statement to the last (the whole source for a program).
    public var span: Span
    /// A block.
    public init(statements: [Stmt], span: Span) { self.statements = statements; self.span = span }
}

/// A function parameter: `name` or `name = default`.
public struct Param: Sendable {
    /// The parameter's name.
    public var name: Name
    /// The default, evaluated when the function is defined; nil for a required parameter.
    public var defaultValue: Expr?
    /// The name and its default.
    public var span: Span
    /// A parameter.
    public init(name: Name, defaultValue: Expr?, span: Span) { self.name = name; self.defaultValue = defaultValue; self.span = span }
}

/// A call argument: positional (`label == nil`) or keyword (`label = value`).
public struct Argument: Sendable {
    /// The keyword, for `label = value`.
    public var label: Name?
    /// Where the keyword is written.
    public var labelSpan: Span?
    /// The argument's value.
    public var value: Expr
    /// An argument.
    public init(label: Name?, labelSpan: Span?, value: Expr) { self.label = label; self.labelSpan = labelSpan; self.value = value }
}

/// One component inside `x[...]`: an index expression, or a slice `start:stop:step` with optional parts.
public enum Subscript: Sendable {
    case index(Expr)
    case slice(start: Expr?, stop: Expr?, step: Expr?, span: Span)
}

/// Pieces of an interpolated string literal.
public enum StringPart: Sendable {
    case text(String)
    case expr(Expr)
}

/// Binary operators; the raw value is the spelling. Precedence lives in `OperatorTable`.
///
/// The parser rewrites `|>` into calls, so `pipe` never reaches the evaluator.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%", pow = "^", matmul = "@"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case and = "and", or = "or"
    case range = ".."
    case pipe = "|>"
}

/// Prefix operators; the raw value is the spelling.
public enum UnaryOp: String, Sendable {
    case neg = "-", not = "not", plus = "+"
}

/// What an expression is.
public indirect enum ExprKind: Sendable {
    case number(Double)
    case string([StringPart])
    case bool(Bool)
    case `nil`
    case name(Name)
    /// `[a, b, c]`: a tensor when every element is numeric (or a numeric list literal), else a list.
    case list([Expr])
    /// `{a: 1, b: 2}`; keys in source order.
    case record([(key: Name, value: Expr)])
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    case call(callee: Expr, args: [Argument])
    case index(base: Expr, subscripts: [Subscript])
    case field(base: Expr, name: Name, nameSpan: Span)
    /// `(a, b=1) -> expr` or `x -> expr`, and `fn (a) ... end` as an expression.
    case lambda(params: [Param], body: Block)
    /// `if c then a else b` as an expression (both branches required).
    case conditional(cond: Expr, then: Expr, else: Expr)
}

/// An expression and where it is written.
public struct Expr: Sendable {
    /// What the expression is.
    public var kind: ExprKind
    /// Its source text.
    public var span: Span
    /// An expression.
    public init(_ kind: ExprKind, _ span: Span) { self.kind = kind; self.span = span }
}

/// Assignment targets: a name, a field (`r.lr = …`), or an index (`xs[0] = …`).
public indirect enum Target: Sendable {
    case name(Name, Span)
    case field(base: Expr, name: Name, nameSpan: Span)
    case index(base: Expr, subscripts: [Subscript], span: Span)
}

/// What a statement is.
public indirect enum StmtKind: Sendable {
    case expr(Expr)
    /// `target = value`; `op` is set for compound assignment (`+=`, `-=`, `*=`, `/=`).
    case assign(target: Target, op: BinaryOp?, value: Expr)
    /// `fn name(params) body end` or `fn name(params) = expr`.
    case function(name: Name, nameSpan: Span, params: [Param], body: Block)
    case `if`(branches: [(cond: Expr, body: Block)], elseBody: Block?)
    case `for`(variable: Name, variableSpan: Span, iterable: Expr, body: Block)
    case `while`(cond: Expr, body: Block)
    case `return`(Expr?)
    case `break`
    case `continue`
    /// `use "path.sgp"` or `use "path.sgp" as m`: runs a module once in its own namespace.
    case use(path: String, alias: Name?)
}

/// A statement and where it is written.
public struct Stmt: Sendable {
    /// What the statement is.
    public var kind: StmtKind
    /// Its source text (without the terminator).
    public var span: Span
    /// True when the statement ended with `;` (the REPL does not auto-print its value).
    public var suppressed: Bool
    /// A statement.
    public init(_ kind: StmtKind, _ span: Span, suppressed: Bool = false) { self.kind = kind; self.span = span; self.suppressed = suppressed }
}
