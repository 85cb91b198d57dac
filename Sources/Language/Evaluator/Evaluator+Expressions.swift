extension Evaluator {
    func evaluate(_ expr: Expr) throws -> Value {
        switch expr.kind {
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .string(let parts):
            var s = ""
            for part in parts {
                switch part {
                case .text(let t): s += t
                case .expression(let e): s += try evaluate(e).text
                }
            }
            return .string(s)
        case .name(let ref): return lookup(ref)
        case .list(let items): return .list(try items.map { try evaluate($0) })
        case .record(let fields):
            var r = Record()
            for f in fields { r[f.name] = try evaluate(f.value) }
            return .record(r)
        case .unary(let op, let operand): return try unary(op, operand, expr.range)
        case .binary(let op, let l, let r):
            return try binary(op, try evaluate(l), try evaluate(r), expr.range)
        case .logical(let op, let l, let r):
            let left = try truth(l, context: op.rawValue)
            if op == .and ? !left : left { return .bool(left) }
            return .bool(try truth(r, context: op.rawValue))
        case .range(let l, let u, let inclusive):
            return .range(RangeValue(lower: try rangeBound(l), upper: try rangeBound(u), inclusive: inclusive))
        case .call(let callee, let args): return try callExpression(callee, args, expr.range)
        case .index(let base, let index): return try subscriptValue(try evaluate(base), try evaluate(index), index.range)
        case .member(let base, let name, let nameRange): return try member(try evaluate(base), name, nameRange)
        case .lambda(let decl): return .function(Closure(declaration: decl, scope: scope))
        }
    }

    func lookup(_ ref: NameRef) -> Value {
        switch ref.binding {
        case .local(let hops, let slot)?: return scope.ancestor(hops).get(slot)
        case .builtin(let i)?: return i < builtins.count ? .builtin(builtins[i]) : .none
        case nil: return .none
        }
    }

    private func rangeBound(_ e: Expr) throws -> Int {
        let v = try evaluate(e)
        guard case .number(let x) = v, isExactInteger(x) else {
            throw RuntimeError(Messages.rangeBound(v.repr), at: e.range)
        }
        return Int(x)
    }

    private func unary(_ op: UnaryOperator, _ operand: Expr, _ range: SourceRange) throws -> Value {
        if op == .not { return .bool(!(try truth(operand, context: "not"))) }
        let v = try evaluate(operand)
        if case .object(let t as TensorValue) = v {
            do {
                if let result = try TensorValue.unary(op, t) { return result }
            } catch var e as RuntimeError {
                if e.range == nil { e.range = range }
                throw e
            }
        }
        guard case .number(let x) = v else { throw RuntimeError(Messages.unaryMismatch(op.rawValue, v.typeName), at: range) }
        return .number(op == .negate ? -x : x)
    }

    /// `base[index]`: lists and strings by integer (negative counts from the end), records by name.
    func subscriptValue(_ base: Value, _ index: Value, _ indexRange: SourceRange) throws -> Value {
        switch base {
        case .list(let items):
            return items[try position(index, count: items.count, kind: "list", indexRange)]
        case .string(let s):
            let chars = Array(s)
            return .string(String(chars[try position(index, count: chars.count, kind: "string", indexRange)]))
        case .range(let r):
            return .number(Double(r.element(try position(index, count: r.count, kind: "range", indexRange))))
        case .object(let t as TensorValue):
            return try t.subscripted(index, at: indexRange)
        case .object(let o as any IndexedObject):
            return o.element(try position(index, count: o.elementCount, kind: o.typeName, indexRange))
        case .record(let r):
            guard case .string(let key) = index else {
                throw RuntimeError(Messages.indexType("a record", index.typeName), at: indexRange)
            }
            guard let v = r[key] else {
                throw RuntimeError(Messages.noField(key), at: indexRange, notes: suggestion(key, r.keys, noun: "fields"))
            }
            return v
        default:
            throw RuntimeError(Messages.cannotIndex(base.typeName), at: indexRange)
        }
    }

    /// Converts an index value to a checked position in a collection of `count` elements.
    func position(_ index: Value, count: Int, kind: String, _ range: SourceRange) throws -> Int {
        guard case .number(let x) = index else {
            throw RuntimeError(Messages.indexType("a \(kind)", index.typeName), at: range)
        }
        guard isExactInteger(x) else { throw RuntimeError(Messages.indexNotInteger(formatNumber(x)), at: range) }
        let i = Int(x)
        let p = i < 0 ? count + i : i
        guard p >= 0, p < count else {
            throw RuntimeError(Messages.indexOutOfRange(String(i), kind, count), at: range)
        }
        return p
    }

    /// `base.name`: record fields, a few list/string/range properties, object members.
    func member(_ base: Value, _ name: String, _ range: SourceRange) throws -> Value {
        switch base {
        case .record(let r):
            if let v = r[name] { return v }
            throw RuntimeError(Messages.noField(name), at: range, notes: suggestion(name, r.keys, noun: "fields"))
        case .list(let items):
            switch name {
            case "count": return .number(Double(items.count))
            case "first", "last":
                guard let v = name == "first" ? items.first : items.last else {
                    throw RuntimeError(Messages.indexOutOfRange(name == "first" ? "0" : "-1", "list", 0), at: range)
                }
                return v
            default: break
            }
        case .string(let s):
            if name == "count" { return .number(Double(s.count)) }
        case .range(let r):
            switch name {
            case "count": return .number(Double(r.count))
            case "start": return .number(Double(r.lower))
            case "end": return .number(Double(r.upper))
            default: break
            }
        case .object(let o):
            if let v = o.member(name) { return v }
            throw RuntimeError(Messages.noMember(o.typeName, name), at: range, notes: suggestion(name, o.memberNames))
        default: break
        }
        let known = Self.memberNames(of: base)
        throw RuntimeError(Messages.noMember(base.typeName, name), at: range, notes: suggestion(name, known))
    }

    /// Member names of a value, for errors and REPL completion.
    static func memberNames(of value: Value) -> [String] {
        switch value {
        case .record(let r): return r.keys
        case .list: return ["count", "first", "last"]
        case .string: return ["count"]
        case .range: return ["count", "start", "end"]
        case .object(let o): return o.memberNames
        default: return []
        }
    }

    func suggestion(_ name: String, _ candidates: [String], noun: String = "members") -> [String] {
        Messages.memberNotes(name, candidates, noun: noun)
    }
}
