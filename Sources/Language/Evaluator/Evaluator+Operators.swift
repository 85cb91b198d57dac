import Foundation

extension Evaluator {
    /// Arithmetic on numbers, `+` also joins strings and lists; comparisons on numbers and strings;
    /// `==`/`!=` on anything (deep equality).
    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws -> Value {
        switch op {
        case .equal: return .bool(valuesEqual(a, b))
        case .notEqual: return .bool(!valuesEqual(a, b))
        default: break
        }
        if case .number(let x) = a, case .number(let y) = b {
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide:
                guard y != 0 else { throw RuntimeError(Messages.divisionByZero, at: range) }
                return .number(x / y)
            case .remainder:
                guard y != 0 else { throw RuntimeError(Messages.divisionByZero, at: range) }
                // Floored modulo so `-1 % 3` is 2, matching how indices wrap.
                let r = x.truncatingRemainder(dividingBy: y)
                return .number(r != 0 && (r < 0) != (y < 0) ? r + y : r)
            case .power: return .number(pow(x, y))
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .equal, .notEqual: break
            }
        }
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)): return .string(x + y)
        case (.add, .list(let x), .list(let y)): return .list(x + y)
        case (.less, .string(let x), .string(let y)): return .bool(x < y)
        case (.lessEqual, .string(let x), .string(let y)): return .bool(x <= y)
        case (.greater, .string(let x), .string(let y)): return .bool(x > y)
        case (.greaterEqual, .string(let x), .string(let y)): return .bool(x >= y)
        default:
            var notes: [String] = []
            if op == .add, case .string = a { notes = ["use interpolation, e.g. \"{x}\", to join a value into a string"] }
            if op == .add, case .string = b { notes = ["use interpolation, e.g. \"{x}\", to join a value into a string"] }
            throw RuntimeError(Messages.binaryMismatch(op.rawValue, a.typeName, b.typeName), at: range, notes: notes)
        }
    }

    /// Assignment to a `var` name, or into an element/field of a `var` (lists and records are values,
    /// so `xs[0] = 1` rebuilds the variable's list).
    func assign(_ target: Expr, op: BinaryOperator?, value: Expr) throws {
        var newValue = try evaluate(value)
        if let op { newValue = try binary(op, try evaluate(target), newValue, target.range.through(value.range)) }
        try store(newValue, into: target)
    }

    private func store(_ value: Value, into target: Expr) throws {
        switch target.kind {
        case .name(let ref):
            if case .local(let hops, let slot)? = ref.binding { scope.ancestor(hops).set(slot, value) }
        case .index(let base, let index):
            var container = try evaluate(base)
            let key = try evaluate(index)
            switch container {
            case .list(var items):
                items[try position(key, count: items.count, kind: "list", index.range)] = value
                container = .list(items)
            case .record(var r):
                guard case .string(let name) = key else {
                    throw RuntimeError(Messages.indexType("a record", key.typeName), at: index.range)
                }
                r[name] = value
                container = .record(r)
            default:
                throw RuntimeError(Messages.assignIndexOf(container.typeName), at: base.range)
            }
            try store(container, into: base)
        case .member(let base, let name, _):
            guard case .record(var r) = try evaluate(base) else {
                throw RuntimeError(Messages.assignIndexOf(try evaluate(base).typeName), at: base.range)
            }
            r[name] = value
            try store(.record(r), into: base)
        default:
            throw RuntimeError(Messages.invalidAssignmentTarget, at: target.range)
        }
    }
}
