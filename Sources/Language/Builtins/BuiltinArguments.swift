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

    /// Whether argument `i` was left out (or given as `none`).
    func isNone(_ i: Int) -> Bool {
        if case .none = values[i] { return true }
        return false
    }

    /// Calls a function value given to this builtin (map, filter, sort...).
    func call(_ f: Value, _ args: [Value]) throws -> Value {
        try evaluator.callFromBuiltin(f, args)
    }
}
