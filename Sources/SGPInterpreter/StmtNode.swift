import SGPSyntax
import SGPTensor

/// A compiled statement.
class StmtNode {
    let span: Span
    let source: Source
    init(span: Span, source: Source) { self.span = span; self.source = source }
    func exec(_ f: Frame) throws -> Flow { .normal }
}

/// Runs statements in order, stopping at the first that leaves the block.
@inline(__always)
func execBlock(_ body: [StmtNode], _ f: Frame) throws -> Flow {
    for s in body {
        let r = try s.exec(f)
        if r != .normal { return r }
    }
    return .normal
}

final class ExprStmt: StmtNode {
    let expr: Node
    /// For the REPL: the last value computed by this statement (only the trailing statement keeps it).
    let keepsValue: Bool
    /// For hosts: a figure value is handed to `InterpreterOptions.figureSink` (top-level statements only).
    let showsFigure: Bool
    init(expr: Node, keepsValue: Bool, showsFigure: Bool = false) {
        self.expr = expr; self.keepsValue = keepsValue; self.showsFigure = showsFigure
        super.init(span: expr.span, source: expr.source)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let v = try expr.eval(f)
        if keepsValue { f.rt.lastValue = v }
        if showsFigure, case .opaque(let o as FigureValue) = v { f.rt.showFigure(o, name: nil) }
        return .normal
    }
}

final class AssignStmt: StmtNode {
    let ref: VarRef
    let value: Node
    init(ref: VarRef, value: Node, span: Span, source: Source) { self.ref = ref; self.value = value; super.init(span: span, source: source) }
    override func exec(_ f: Frame) throws -> Flow {
        let v = try value.eval(f)
        if case .local(let s) = ref { f.slots[s] = v } else { store(ref, v, f) }
        return .normal
    }
}

/// A top-level assignment whose value the host overrides (`sgp run --set name=value`): the script's own value
/// is still computed, and the override must have the same kind.
final class OverrideAssignStmt: StmtNode {
    let cell: GlobalCell
    let value: Node
    let override: Value
    init(cell: GlobalCell, value: Node, override: Value, span: Span, source: Source) {
        self.cell = cell; self.value = value; self.override = override; super.init(span: span, source: source)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let v = try value.eval(f)
        guard kindMatches(v, override) else {
            throw RuntimeError("--set \(cell.name): the script assigns a \(v.typeName) but the override is a \(override.typeName)",
                               span: span, source: source)
        }
        cell.value = override
        cell.isDefined = true
        return .normal
    }
    private func kindMatches(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number, .number), (.bool, .bool), (.string, .string), (.list, .list), (.record, .record), (.nil, _): return true
        case (.tensor, .tensor), (.tensor, .number), (.number, .tensor): return true
        default: return false
        }
    }
}

final class SetFieldStmt: StmtNode {
    let base: Node
    let name: String
    let op: BinaryOp?
    let value: Node
    init(base: Node, name: String, op: BinaryOp?, value: Node, span: Span, source: Source) {
        self.base = base; self.name = name; self.op = op; self.value = value; super.init(span: span, source: source)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let b = try base.eval(f)
        guard case .record(let r) = b else {
            throw RuntimeError("attempt to set field '\(name)' of a \(b.typeName) value\(base.culprit.map { " (\($0))" } ?? "")",
                               span: span, source: source)
        }
        var v = try value.eval(f)
        if let op {
            do {
                let old = try FieldNode.get(b, name, culprit: base.culprit)
                v = try Operators.binary(op, old, v)
            } catch { throw RuntimeError.from(error).located(span, source) }
        }
        r.set(name, v)
        return .normal
    }
}

/// Where `x[i] = v` stores the updated tensor when `x` holds a tensor (tensors are values, so the variable or
/// field is rebound to a new tensor).
enum WriteBack {
    case variable(VarRef)
    case field(Node, String)
}

final class SetIndexStmt: StmtNode {
    let base: Node
    let subs: [SubscriptNode]
    let op: BinaryOp?
    let value: Node
    let writeBack: WriteBack?
    init(base: Node, subs: [SubscriptNode], op: BinaryOp?, value: Node, writeBack: WriteBack?, span: Span, source: Source) {
        self.base = base; self.subs = subs; self.op = op; self.value = value; self.writeBack = writeBack
        super.init(span: span, source: source)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let b = try base.eval(f)
        let idx = try evalSubscripts(subs, f)
        var v = try value.eval(f)
        do {
            if let op { v = try Operators.binary(op, try Indexing.get(b, idx, culprit: base.culprit), v) }
            if case .tensor(let t) = b, let writeBack {
                guard let nv = try v.asTensor() else { throw RuntimeError("cannot assign a \(v.typeName) into a tensor") }
                let updated = Value.tensor(try TensorBridge.replacing(t, try Indexing.tensorIndices(idx), with: nv))
                switch writeBack {
                case .variable(let ref): store(ref, updated, f)
                case .field(let owner, let name):
                    guard case .record(let r) = try owner.eval(f) else { throw RuntimeError("cannot update field '\(name)'") }
                    r.set(name, updated)
                }
                return .normal
            }
            try Indexing.set(b, idx, v, culprit: base.culprit)
        } catch { throw RuntimeError.from(error).located(span, source) }
        return .normal
    }
}

final class IfStmt: StmtNode {
    let conds: [Node]
    let bodies: [[StmtNode]]
    let elseBody: [StmtNode]?
    init(conds: [Node], bodies: [[StmtNode]], elseBody: [StmtNode]?, span: Span, source: Source) {
        self.conds = conds; self.bodies = bodies; self.elseBody = elseBody; super.init(span: span, source: source)
    }
    override func exec(_ f: Frame) throws -> Flow {
        for i in 0..<conds.count {
            let c = try conds[i].eval(f)
            let t: Bool
            if case .bool(let b) = c { t = b } else { t = try conds[i].located { try c.truthy() } }
            if t { return try execBlock(bodies[i], f) }
        }
        if let e = elseBody { return try execBlock(e, f) }
        return .normal
    }
}

final class WhileStmt: StmtNode {
    let cond: Node
    let body: [StmtNode]
    init(cond: Node, body: [StmtNode], span: Span, source: Source) { self.cond = cond; self.body = body; super.init(span: span, source: source) }
    override func exec(_ f: Frame) throws -> Flow {
        while true {
            let c = try cond.eval(f)
            let t: Bool
            if case .bool(let b) = c { t = b } else { t = try cond.located { try c.truthy() } }
            if !t { return .normal }
            switch try execBlock(body, f) {
            case .breakLoop: return .normal
            case .returned: return .returned
            case .normal, .continueLoop: break
            }
            try f.rt.tick(span, source)
        }
    }
}

final class ReturnStmt: StmtNode {
    let value: Node?
    init(value: Node?, span: Span, source: Source) { self.value = value; super.init(span: span, source: source) }
    override func exec(_ f: Frame) throws -> Flow {
        f.returnValue = try value?.eval(f) ?? .nil
        return .returned
    }
}

final class BreakStmt: StmtNode {
    override func exec(_ f: Frame) throws -> Flow { .breakLoop }
}

final class ContinueStmt: StmtNode {
    override func exec(_ f: Frame) throws -> Flow { .continueLoop }
}

/// `fn name(...) ... end`: binds a new closure.
final class FunctionStmt: StmtNode {
    let ref: VarRef
    let lambda: LambdaNode
    init(ref: VarRef, lambda: LambdaNode, span: Span, source: Source) { self.ref = ref; self.lambda = lambda; super.init(span: span, source: source) }
    override func exec(_ f: Frame) throws -> Flow {
        store(ref, try lambda.eval(f), f)
        return .normal
    }
}

/// `use "path"` / `use "path" as m`.
final class UseStmt: StmtNode {
    let path: String
    let alias: VarRef?
    /// Cells of the importing namespace, for plain `use` (imports every top-level name).
    let namespace: Namespace
    init(path: String, alias: VarRef?, namespace: Namespace, span: Span, source: Source) {
        self.path = path; self.alias = alias; self.namespace = namespace; super.init(span: span, source: source)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let module: ModuleValue
        do { module = try f.rt.loadModule(path, from: source) } catch { throw RuntimeError.from(error).located(span, source) }
        if let alias { store(alias, .opaque(module), f) } else {
            for name in module.namespace.userNames {
                if let v = try module.field(name) { namespace.set(name, v) }
            }
        }
        return .normal
    }
}
