/// Builds the builtin table; every entry carries its documentation for `:help`.
enum BuiltinRegistry {
    /// All builtins, in help order.
    static var all: [BuiltinFunction] { math + collections + search + higherOrder + strings + randomness + misc + valueFiles + tensors + datasets + transforms + layers + weightFiles + weightValues + optimizers + training + inference + probes + experiments + plots + imagePlots }

    /// Shorthand for declaring a builtin with its documentation.
    static func def(_ name: String, _ params: [BuiltinParameter], _ category: String,
                    _ summary: String, _ description: String, example: String, signature written: String? = nil,
                    _ body: @escaping (BuiltinArguments) throws -> Value) -> BuiltinFunction {
        let signature = written ?? name + "(" + params.map { p in
            p.variadic ? p.name + "..." : p.defaultValue.map { "\(p.name): \($0.repr)" } ?? p.name
        }.joined(separator: ", ") + ")"
        let doc = BuiltinDoc(signature: signature, summary: summary, description: description,
                             example: example, category: category)
        return BuiltinFunction(name, params, doc: doc, body: body)
    }

    /// The numbers of a list argument, or of a variadic one: `max(1, 2, 3)` or `max([1, 2, 3])`.
    static func numbers(_ a: BuiltinArguments, _ values: Param<[Value]>) throws -> [Double] {
        try numbers(a, of: try a[values], parameter: values.index)
    }

    static func numbers(_ a: BuiltinArguments, of given: [Value], parameter i: Int) throws -> [Double] {
        var items = given
        // A variadic parameter given one list (or range) takes its elements: max([1, 2]) is max(1, 2).
        if items.count == 1, a.function.parameters[i].variadic {
            switch items[0] {
            case .list(let inner): items = inner
            case .range(let r):
                try a.evaluator.checkRangeSize(r)
                items = (0..<r.count).map { .number(Double(r.element($0))) }
            default: break
            }
        }
        return try items.map { v in
            guard case .number(let x) = v else {
                throw RuntimeError(Messages.argumentType(a.function.name, a.function.parameters[i].name, "numbers", v.typeName), parameter: i)
            }
            return x
        }
    }
}
