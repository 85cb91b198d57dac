/// The bound arguments of one builtin call, with typed accessors that raise clear errors.
struct BuiltinArguments {
    let function: BuiltinFunction
    let values: [Value]
    let evaluator: Evaluator

    subscript(i: Int) -> Value { values[i] }

    /// Argument `i` is not what the builtin takes: the message names the argument, what it must be,
    /// and what was given (a number, boolean or short string by value, anything else by its type),
    /// so "must be a number in [0, 1)" says "got 1", not "got number".
    func fail(_ i: Int, expected: String) -> RuntimeError {
        RuntimeError(Messages.argumentType(function.name, function.parameters[i].name, expected, Self.given(values[i])),
                     parameter: i)
    }

    /// A value as an error shows what was given.
    static func given(_ value: Value) -> String {
        switch value {
        case .number(let x): return formatNumber(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s.count <= 24 ? "\"\(s)\"" : "\"\(s.prefix(23))…\""
        default: return value.typeName
        }
    }

    func number(_ i: Int) throws -> Double {
        guard case .number(let x) = values[i] else { throw fail(i, expected: "a number") }
        return x
    }

    func integer(_ i: Int) throws -> Int {
        let x = try number(i)
        guard isExactInteger(x) else {
            // A whole number this large is not exact as a Double, so it cannot name one integer.
            throw fail(i, expected: x == x.rounded() && x.isFinite ? "an integer of magnitude below 9e15" : "an integer")
        }
        return Int(x)
    }

    func string(_ i: Int) throws -> String {
        guard case .string(let s) = values[i] else { throw fail(i, expected: "a string") }
        return s
    }

    func bool(_ i: Int) throws -> Bool {
        guard case .bool(let b) = values[i] else { throw fail(i, expected: "a boolean") }
        return b
    }

    /// A list, or the elements of a range (so `sum(0..<10)` works).
    func list(_ i: Int) throws -> [Value] {
        switch values[i] {
        case .list(let items): return items
        case .range(let r):
            try evaluator.checkRangeSize(r)
            return (0..<r.count).map { .number(Double(r.element($0))) }
        default: throw fail(i, expected: "a list")
        }
    }

    func callable(_ i: Int) throws -> Value {
        switch values[i] {
        case .function, .builtin: return values[i]
        default: throw fail(i, expected: "a function")
        }
    }

    /// Calls a function value given to this builtin (map, filter, sort...).
    func call(_ f: Value, _ args: [Value]) throws -> Value {
        try evaluator.callFromBuiltin(f, args)
    }
}
