import Foundation

extension Evaluator {
    /// Arithmetic on numbers and tensors, `+` also joins strings and lists; comparisons on numbers
    /// and strings; `==`/`!=` on anything (deep equality).
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
        do {
            if let result = try TensorValue.arithmetic(op, a, b) { return result }
        } catch var e as RuntimeError {
            if e.range == nil { e.range = range }
            throw e
        }
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)):
            try checkCombinedSize(strings: x.utf8.count + y.utf8.count, range)
            return .string(x + y)
        case (.add, .list(let x), .list(let y)):
            try checkCombinedSize(list: x.count + y.count, range)
            return .list(x + y)
        case (.less, .string(let x), .string(let y)): return .bool(x < y)
        case (.lessEqual, .string(let x), .string(let y)): return .bool(x <= y)
        case (.greater, .string(let x), .string(let y)): return .bool(x > y)
        case (.greaterEqual, .string(let x), .string(let y)): return .bool(x >= y)
        default:
            var notes: [String] = []
            if op == .add, case .string = a { notes = [Messages.useInterpolation] }
            if op == .add, case .string = b { notes = [Messages.useInterpolation] }
            throw RuntimeError(Messages.binaryMismatch(op.rawValue, a.typeName, b.typeName), at: range, notes: notes)
        }
    }

    private func checkCombinedSize(list count: Int = 0, strings bytes: Int = 0, _ range: SourceRange) throws {
        if count > Self.maxListElements { throw RuntimeError(Messages.listTooLarge(String(count)), at: range) }
        if bytes > Self.maxStringBytes { throw RuntimeError(Messages.stringTooLarge(String(bytes)), at: range) }
    }

    /// Assignment to a `var` name, or into an element/field of a `var` (lists and records are values,
    /// so `xs[0] = 1` rebuilds the variable's list).
    func assign(_ target: Expr, op: BinaryOperator?, value: Expr) throws {
        var newValue = try evaluate(value)
        if let op {
            if case .name(let ref) = target.kind, case .local(let hops, let slot)? = ref.binding {
                try updateInPlace(scope.ancestor(hops), slot, op, newValue, target.range.through(value.range))
                return
            }
            newValue = try binary(op, try evaluate(target), newValue, target.range.through(value.range))
        }
        try store(newValue, into: target)
    }

    /// `name op= value` with the variable's value taken out of its slot first, so `xs += [x]`
    /// and `s += "x"` extend a uniquely referenced buffer instead of copying it (linear, not
    /// quadratic, when building a list in a loop).
    private func updateInPlace(_ owner: Scope, _ slot: Int, _ op: BinaryOperator, _ operand: Value, _ range: SourceRange) throws {
        var current = owner.get(slot)
        owner.set(slot, .none)
        if op == .add, case .list(let more) = operand, case .list(var items) = current {
            do { try checkCombinedSize(list: items.count + more.count, range) } catch { owner.set(slot, current); throw error }
            current = .none
            items.append(contentsOf: more)
            owner.set(slot, .list(items))
        } else if op == .add, case .string(let more) = operand, case .string(var text) = current {
            do { try checkCombinedSize(strings: text.utf8.count + more.utf8.count, range) } catch { owner.set(slot, current); throw error }
            current = .none
            text += more
            owner.set(slot, .string(text))
        } else {
            do {
                owner.set(slot, try binary(op, current, operand, range))
            } catch {
                owner.set(slot, current)
                throw error
            }
        }
    }

    /// Runs `body` on the value of a `var` taken out of its slot (so the mutation does not copy),
    /// putting the result back; on error the original value is restored.
    private func mutateVariable(_ ref: NameRef, _ body: (inout Value) throws -> Void) throws -> Bool {
        guard case .local(let hops, let slot)? = ref.binding else { return false }
        let owner = scope.ancestor(hops)
        var value = owner.get(slot)
        owner.set(slot, .none)
        // `body` only changes `value` once it cannot fail any more, so on error it is intact.
        defer { owner.set(slot, value) }
        try body(&value)
        return true
    }

    private func store(_ value: Value, into target: Expr) throws {
        switch target.kind {
        case .name(let ref):
            if case .local(let hops, let slot)? = ref.binding { scope.ancestor(hops).set(slot, value) }
        case .index(let base, let index):
            let key = try evaluate(index)
            if case .name(let ref) = base.kind {
                if try mutateVariable(ref, { try setElement(&$0, key, value, base, index) }) { return }
            }
            var container = try evaluate(base)
            try setElement(&container, key, value, base, index)
            try store(container, into: base)
        case .member(let base, let name, let nameRange):
            let container = try evaluate(base)
            if case .object(let o as any AssignableObject) = container {
                do { try o.setMember(name, value) } catch var e as RuntimeError {
                    if e.range == nil { e.range = nameRange.through(target.range) }
                    throw e
                }
                return
            }
            guard case .record(var r) = container else {
                throw RuntimeError(Messages.assignIndexOf(container.typeName), at: base.range)
            }
            r[name] = value
            try store(.record(r), into: base)
        default:
            throw RuntimeError(Messages.invalidAssignmentTarget, at: target.range)
        }
    }

    /// Sets `container[key] = value`; the container is cleared before mutating its buffer so the
    /// buffer is uniquely referenced and updated without a copy.
    private func setElement(_ container: inout Value, _ key: Value, _ value: Value, _ base: Expr, _ index: Expr) throws {
        if case .list(var items) = container {
            let p = try position(key, count: items.count, kind: "list", index.range)
            container = .none
            items[p] = value
            container = .list(items)
        } else if case .record(var r) = container {
            guard case .string(let name) = key else {
                throw RuntimeError(Messages.indexType("a record", key.typeName), at: index.range)
            }
            container = .none
            r[name] = value
            container = .record(r)
        } else {
            throw RuntimeError(Messages.assignIndexOf(container.typeName), at: base.range)
        }
    }
}
