import SGPSyntax
@testable import SGPInterpreter

/// Builds syntax trees by hand, so evaluator tests do not depend on the parser.
enum AST {
    nonisolated(unsafe) static var nextID = 0
    static let sp = Span(0, 1)
    static func name(_ s: String) -> Name { nextID += 1; return Name(id: nextID, text: s) }
    static func num(_ d: Double) -> Expr { Expr(.number(d), sp) }
    static func str(_ s: String) -> Expr { Expr(.string([.text(s)]), sp) }
    static func v(_ s: String) -> Expr { Expr(.name(name(s)), sp) }
    static func bin(_ op: BinaryOp, _ a: Expr, _ b: Expr) -> Expr { Expr(.binary(op, a, b), sp) }
    static func call(_ f: Expr, _ args: [Expr], kw: [(String, Expr)] = []) -> Expr {
        Expr(.call(callee: f, args: args.map { Argument(label: nil, labelSpan: nil, value: $0) }
                   + kw.map { Argument(label: name($0.0), labelSpan: sp, value: $0.1) }), sp)
    }
    static func call(_ f: String, _ args: Expr..., kw: [(String, Expr)] = []) -> Expr { call(v(f), args, kw: kw) }
    static func list(_ xs: [Expr]) -> Expr { Expr(.list(xs), sp) }
    static func field(_ b: Expr, _ n: String) -> Expr { Expr(.field(base: b, name: name(n), nameSpan: sp), sp) }
    static func lambda(_ ps: [String], _ body: Expr) -> Expr {
        Expr(.lambda(params: ps.map { Param(name: name($0), defaultValue: nil, span: sp) },
                     body: Block(statements: [expr(body)], span: sp)), sp)
    }
    static func expr(_ e: Expr) -> Stmt { Stmt(.expr(e), sp) }
    static func assign(_ n: String, _ e: Expr, op: BinaryOp? = nil) -> Stmt { Stmt(.assign(target: .name(name(n), sp), op: op, value: e), sp) }
    static func fn(_ n: String, _ ps: [(String, Expr?)], _ body: [Stmt]) -> Stmt {
        Stmt(.function(name: name(n), nameSpan: sp, params: ps.map { Param(name: name($0.0), defaultValue: $0.1, span: sp) },
                       body: Block(statements: body, span: sp)), sp)
    }
    static func forIn(_ n: String, _ it: Expr, _ body: [Stmt]) -> Stmt {
        Stmt(.for(variable: name(n), variableSpan: sp, iterable: it, body: Block(statements: body, span: sp)), sp)
    }
    static func ret(_ e: Expr) -> Stmt { Stmt(.return(e), sp) }
    static func ifs(_ c: Expr, _ t: [Stmt], _ e: [Stmt]? = nil) -> Stmt {
        Stmt(.if(branches: [(c, Block(statements: t, span: sp))], elseBody: e.map { Block(statements: $0, span: sp) }), sp)
    }
    static func block(_ s: [Stmt]) -> Block { Block(statements: s, span: sp) }
}
