import SGPSyntax

/// The local variables of one function being compiled. Python scoping: a name assigned anywhere in a function
/// body (or a parameter, loop variable, nested `fn`) is local to it; other names are looked up in enclosing
/// functions, then in the module's globals.
final class FunctionScope {
    var slots: [String: Int] = [:]
    var count = 0
    let parent: FunctionScope?
    let name: String
    init(parent: FunctionScope?, name: String) { self.parent = parent; self.name = name }
    @discardableResult func declare(_ name: String) -> Int {
        if let s = slots[name] { return s }
        slots[name] = count
        count += 1
        return count - 1
    }
}

/// Turns the AST into executable nodes, resolving every name once.
final class Compiler {
    let source: Source
    let namespace: Namespace
    let rt: Interpreter
    /// Overrides still to apply (main script only).
    var overrides: [String: Value]
    var scope: FunctionScope?
    var loopDepth = 0
    var nesting = 0

    init(source: Source, namespace: Namespace, rt: Interpreter, overrides: [String: Value] = [:]) {
        self.source = source; self.namespace = namespace; self.rt = rt; self.overrides = overrides
    }

    func error(_ message: String, _ span: Span, help: String? = nil) -> RuntimeError {
        RuntimeError(message, help: help, span: span, source: source)
    }

    /// Compiles a module's top level; with `keepLast`, a trailing unsuppressed expression statement keeps its
    /// value for the REPL. With `showFigures` (the main program, not modules), unsuppressed expression statements
    /// hand figure values to the host: all of them in a batch run, the trailing one when `keepLast`.
    func compileProgram(_ block: Block, keepLast: Bool, showFigures: Bool = false) throws -> [StmtNode] {
        var out: [StmtNode] = []
        for (i, s) in block.statements.enumerated() {
            let last = i == block.statements.count - 1
            if case .expr(let e) = s.kind, !s.suppressed, (keepLast && last) || (showFigures && !keepLast) {
                out.append(ExprStmt(expr: try compileExpr(e), keepsValue: keepLast, showsFigure: showFigures))
            } else {
                out.append(try compileStmt(s))
            }
        }
        return out
    }

    func compileBlock(_ block: Block) throws -> [StmtNode] {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= rt.limits.maxNesting else {
            throw error("blocks nested deeper than \(rt.limits.maxNesting) levels", block.span)
        }
        return try block.statements.map { try compileStmt($0) }
    }

    func resolve(_ name: String) -> VarRef {
        var s = scope
        var depth = 0
        while let sc = s {
            if let slot = sc.slots[name] { return depth == 0 ? .local(slot) : .upvalue(depth: depth, slot: slot) }
            s = sc.parent
            depth += 1
        }
        return .global(namespace.cell(name))
    }

    func compileStmt(_ s: Stmt) throws -> StmtNode {
        let span = s.span
        switch s.kind {
        case .expr(let e):
            return ExprStmt(expr: try compileExpr(e), keepsValue: false)
        case .assign(let target, let op, let value):
            return try compileAssign(target, op, value, span)
        case .function(let name, let nameSpan, let params, let body):
            let ref = resolve(name.text)
            // The code's span is the name: notes say "'f' defined here" pointing at it.
            let lambda = try compileFunction(name: name.text, params: params, body: body, span: nameSpan)
            return FunctionStmt(ref: ref, lambda: lambda, span: span, source: source)
        case .if(let branches, let elseBody):
            let conds = try branches.map { try compileExpr($0.cond) }
            let bodies = try branches.map { try compileBlock($0.body) }
            return IfStmt(conds: conds, bodies: bodies, elseBody: try elseBody.map { try compileBlock($0) }, span: span, source: source)
        case .for(let variable, _, let iterable, let body):
            let ref = resolve(variable.text)
            let it = try compileExpr(iterable)
            var bounds: (Node, Node)?
            var rangeCall: (callee: Node, args: [Node])?
            if case .binary(.range, let a, let b) = iterable.kind { bounds = (try compileExpr(a), try compileExpr(b)) }
            if case .call(let callee, let args) = iterable.kind, case .name(let n) = callee.kind, n.text == "range",
               args.allSatisfy({ $0.label == nil }) {
                rangeCall = (try compileExpr(callee), try args.map { try compileExpr($0.value) })
            }
            loopDepth += 1
            defer { loopDepth -= 1 }
            let b = try compileBlock(body)
            return ForStmt(ref: ref, iterable: it, body: b, rangeBounds: bounds, rangeCall: rangeCall, span: span, source: source)
        case .while(let cond, let body):
            let c = try compileExpr(cond)
            loopDepth += 1
            defer { loopDepth -= 1 }
            return WhileStmt(cond: c, body: try compileBlock(body), span: span, source: source)
        case .return(let e):
            guard scope != nil else { throw error("'return' outside a function", span) }
            return ReturnStmt(value: try e.map { try compileExpr($0) }, span: span, source: source)
        case .break:
            guard loopDepth > 0 else { throw error("'break' outside a loop", span) }
            return BreakStmt(span: span, source: source)
        case .continue:
            guard loopDepth > 0 else { throw error("'continue' outside a loop", span) }
            return ContinueStmt(span: span, source: source)
        case .use(let path, let alias):
            return UseStmt(path: path, alias: alias.map { resolve($0.text) }, namespace: namespace, span: span, source: source)
        }
    }

    func compileAssign(_ target: Target, _ op: BinaryOp?, _ value: Expr, _ span: Span) throws -> StmtNode {
        switch target {
        case .name(let name, let nameSpan):
            var v: Node
            if case .lambda(let params, let body) = value.kind, op == nil {
                v = try compileFunction(name: name.text, params: params, body: body, span: value.span)
            } else {
                v = try compileExpr(value)
            }
            let ref = resolve(name.text)
            if let op {
                v = BinaryNode(op: op, a: try compileName(name.text, nameSpan), b: v, span: span, source: source)
            }
            if scope == nil, op == nil, let o = overrides[name.text], case .global(let cell) = ref {
                overrides[name.text] = nil
                rt.appliedOverrides.insert(name.text)
                return OverrideAssignStmt(cell: cell, value: v, override: o, span: span, source: source)
            }
            return AssignStmt(ref: ref, value: v, span: span, source: source)
        case .field(let base, let name, _):
            return SetFieldStmt(base: try compileExpr(base), name: name.text, op: op, value: try compileExpr(value), span: span, source: source)
        case .index(let base, let subs, _):
            var writeBack: WriteBack?
            switch base.kind {
            case .name(let n): writeBack = .variable(resolve(n.text))
            case .field(let owner, let n, _): writeBack = .field(try compileExpr(owner), n.text)
            default: break
            }
            return SetIndexStmt(base: try compileExpr(base), subs: try compileSubscripts(subs), op: op,
                                value: try compileExpr(value), writeBack: writeBack, span: span, source: source)
        }
    }

    func compileName(_ name: String, _ span: Span) throws -> Node {
        switch resolve(name) {
        case .local(let s): return LocalGet(slot: s, name: name, function: scope?.name ?? "", span: span, source: source)
        case .upvalue(let d, let s):
            var owner = scope
            for _ in 0..<d { owner = owner?.parent }
            return UpvalueGet(depth: d, slot: s, name: name, function: owner?.name ?? "", span: span, source: source)
        case .global(let c): return GlobalGet(cell: c, span: span, source: source)
        }
    }

    /// Compiles a function body in a new scope; defaults are compiled in the defining scope.
    func compileFunction(name: String, params: [Param], body: Block, span: Span) throws -> LambdaNode {
        let defaults = try params.map { try $0.defaultValue.map { try compileExpr($0) } }
        let fs = FunctionScope(parent: scope, name: name)
        var seen = Set<String>()
        var paramSlots: [(name: String, slot: Int)] = []
        for p in params {
            guard seen.insert(p.name.text).inserted else { throw error("duplicate parameter '\(p.name.text)' in '\(name)'", p.span) }
            // Parameters are declared first, so parameter i lives in slot i (the call fast path relies on it).
            paramSlots.append((p.name.text, fs.declare(p.name.text)))
        }
        var assigned: [String] = []
        collectAssigned(body, into: &assigned)
        for n in assigned { fs.declare(n) }

        let saved = (scope, loopDepth)
        scope = fs
        loopDepth = 0
        defer { (scope, loopDepth) = saved }
        var stmts: [StmtNode] = []
        for (i, s) in body.statements.enumerated() {
            // The last expression statement is the function's value (`fn f(x) = x^2`, lambdas).
            if i == body.statements.count - 1, case .expr(let e) = s.kind {
                stmts.append(ReturnStmt(value: try compileExpr(e), span: s.span, source: source))
            } else {
                stmts.append(try compileStmt(s))
            }
        }
        let code = FunctionCode(name: name, params: paramSlots, defaults: defaults, slotCount: fs.count, body: stmts,
                                span: span, source: source)
        return LambdaNode(code: code, capturesFrame: saved.0 != nil, span: span, source: source)
    }

    /// Names a function body assigns (its locals), not looking inside nested functions.
    func collectAssigned(_ block: Block, into out: inout [String]) {
        for s in block.statements {
            switch s.kind {
            case .assign(.name(let n, _), _, _): out.append(n.text)
            case .function(let n, _, _, _): out.append(n.text)
            case .for(let v, _, _, let body): out.append(v.text); collectAssigned(body, into: &out)
            case .while(_, let body): collectAssigned(body, into: &out)
            case .if(let branches, let e):
                for b in branches { collectAssigned(b.body, into: &out) }
                if let e { collectAssigned(e, into: &out) }
            case .use(_, let alias?): out.append(alias.text)
            default: break
            }
        }
    }
}

/// Top-level names a program assigns (for `--set` validation and notebook tooling).
func topLevelAssignedNames(_ block: Block) -> [String] {
    var out: [String] = []
    for s in block.statements {
        switch s.kind {
        case .assign(.name(let n, _), nil, _): if !out.contains(n.text) { out.append(n.text) }
        case .function(let n, _, _, _): if !out.contains(n.text) { out.append(n.text) }
        default: break
        }
    }
    return out
}
