/// Literal arguments are checked against the kinds their builtins declare before anything runs:
/// `fisher_trace(net, on: d, samples: -5)` is refused by `check` (and before a script's first
/// line runs) with the message the call itself would give.
extension Resolver {
    /// Reports each literal argument of a builtin call that its parameter's kind refuses.
    func checkLiteralArguments(_ builtin: BuiltinFunction, _ args: [Argument], bound: [[Int]]) {
        for (parameter, indices) in zip(builtin.parameters, bound) {
            guard let accepts = parameter.acceptsLiteral, let expected = parameter.expected, !parameter.variadic else { continue }
            for i in indices {
                guard let value = Self.literalValue(args[i].value), !accepts(value) else { continue }
                let at = args[i].labelRange.map { $0.through(args[i].value.range) } ?? args[i].value.range
                report(Messages.argumentType(builtin.name, parameter.name, expected(value), BuiltinArguments.given(value)), at: at)
            }
        }
    }

    /// The value of an expression made of literals only (numbers, a sign, strings without
    /// interpolation, booleans, `none`, lists of these); nil for anything computed.
    static func literalValue(_ e: Expr) -> Value? {
        switch e.kind {
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        case .none: return Value.none
        case .unary(.negate, let inner):
            guard case .number(let x)? = literalValue(inner) else { return nil }
            return .number(-x)
        case .string(let parts):
            var text = ""
            for part in parts {
                guard case .text(let t) = part else { return nil }
                text += t
            }
            return .string(text)
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let v = literalValue(item) else { return nil }
                values.append(v)
            }
            return .list(values)
        default:
            return nil
        }
    }
}
