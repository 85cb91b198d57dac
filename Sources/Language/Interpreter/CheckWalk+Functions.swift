extension CheckWalk {
    /// The names assigned inside some function or lambda body among `statements`: a call may
    /// change them at any point, so the walk never trusts what they hold.
    static func assignedInFunctions(_ statements: [Stmt]) -> Set<String> {
        var scan = AssignmentScan()
        scan.statements(statements, inFunction: false)
        return scan.names
    }

    /// The name an assignment target starts from (`d` in `d`, `d.x`, `d[0]`): what it holds
    /// changes.
    static func assignedName(_ target: Expr) -> String? {
        switch target.kind {
        case .name(let ref): return ref.name
        case .member(let base, _, _), .index(let base, _): return assignedName(base)
        default: return nil
        }
    }
}

/// Collects the names that function and lambda bodies assign to (`x = ...`, `x.a = ...`,
/// `x[0] += ...` all change what `x` holds).
private struct AssignmentScan {
    var names: Set<String> = []

    mutating func statements(_ list: [Stmt], inFunction: Bool) {
        for s in list { statement(s, inFunction) }
    }

    mutating func statement(_ s: Stmt, _ inFunction: Bool) {
        switch s.kind {
        case .function(let d, _): statements(d.body, inFunction: true)
        case .variable(let v): expression(v.value)
        case .probe(let d, _): expression(d.value)
        case .print(let es): es.forEach { expression($0) }
        case .expression(let e): expression(e)
        case .returnValue(let e): if let e { expression(e) }
        case .assign(let target, _, let value):
            if inFunction, let name = CheckWalk.assignedName(target) { names.insert(name) }
            expression(target)
            expression(value)
        case .ifElse(let condition, let then, let otherwise):
            expression(condition)
            statements(then.statements, inFunction: inFunction)
            if let otherwise { statement(otherwise, inFunction) }
        case .block(let b): statements(b.statements, inFunction: inFunction)
        case .forIn(_, _, _, let iterable, let body):
            expression(iterable)
            statements(body.statements, inFunction: inFunction)
        case .whileLoop(let condition, let body):
            expression(condition)
            statements(body.statements, inFunction: inFunction)
        default: return
        }
    }

    mutating func expression(_ e: Expr) {
        switch e.kind {
        case .lambda(let d): statements(d.body, inFunction: true)
        case .list(let items): items.forEach { expression($0) }
        case .record(let fields): fields.forEach { expression($0.value) }
        case .unary(_, let a), .member(let a, _, _): expression(a)
        case .binary(_, let a, let b), .logical(_, let a, let b), .range(let a, let b, _), .index(let a, let b):
            expression(a)
            expression(b)
        case .call(let callee, let args):
            expression(callee)
            args.forEach { expression($0.value) }
        case .string(let parts):
            for case .expression(let inner) in parts { expression(inner) }
        default: return
        }
    }
}
