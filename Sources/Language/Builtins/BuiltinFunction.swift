/// A function implemented in Swift and visible in the language, with its documentation.
public final class BuiltinFunction {
    /// The name the language uses.
    public let name: String
    /// Parameters in order.
    public let parameters: [BuiltinParameter]
    /// Documentation shown by `:help name`.
    public let doc: BuiltinDoc
    let body: (BuiltinArguments) throws -> Value

    init(_ name: String, _ parameters: [BuiltinParameter], doc: BuiltinDoc,
         body: @escaping (BuiltinArguments) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.doc = doc
        self.body = body
    }
}

/// One parameter of a builtin: required, defaulted, or variadic (collects the remaining positionals).
public struct BuiltinParameter {
    /// The parameter name (usable as a named argument).
    public let name: String
    /// The default when omitted; nil means required (unless variadic).
    public let defaultValue: Value?
    /// Whether the parameter collects all remaining positional arguments into a list.
    public let variadic: Bool

    static func required(_ name: String) -> BuiltinParameter { BuiltinParameter(name: name, defaultValue: nil, variadic: false) }
    static func optional(_ name: String, _ value: Value) -> BuiltinParameter {
        BuiltinParameter(name: name, defaultValue: value, variadic: false)
    }
    static func rest(_ name: String) -> BuiltinParameter { BuiltinParameter(name: name, defaultValue: .list([]), variadic: true) }
}

/// The documentation record every builtin carries.
public struct BuiltinDoc {
    /// The call form, e.g. `round(x, digits: 0)`.
    public let signature: String
    /// One line saying what it does.
    public let summary: String
    /// A few sentences on arguments, results and errors.
    public let description: String
    /// A runnable example with its result.
    public let example: String
    /// The help group (math, lists, strings, ...).
    public let category: String
}

/// The bound arguments of one builtin call, with typed accessors that raise clear errors.
struct BuiltinArguments {
    let function: BuiltinFunction
    let values: [Value]
    let evaluator: Evaluator

    subscript(i: Int) -> Value { values[i] }

    func fail(_ i: Int, expected: String) -> RuntimeError {
        RuntimeError(Messages.argumentType(function.name, function.parameters[i].name, expected, values[i].typeName),
                     parameter: i)
    }

    func number(_ i: Int) throws -> Double {
        guard case .number(let x) = values[i] else { throw fail(i, expected: "a number") }
        return x
    }

    func integer(_ i: Int) throws -> Int {
        let x = try number(i)
        guard x == x.rounded(), abs(x) < 9e15 else { throw fail(i, expected: "an integer") }
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
