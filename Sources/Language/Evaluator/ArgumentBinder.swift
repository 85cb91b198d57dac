/// The shape of one parameter, shared by builtins and language functions for argument matching.
struct ParameterShape {
    let name: String
    let hasDefault: Bool
    let variadic: Bool
}

/// Why a call's arguments do not fit the parameters.
enum BindingProblem: Error {
    case tooMany(max: Int, got: Int, argument: Int)
    case unknown(String, argument: Int)
    case duplicate(String, argument: Int)
    case missing(String)

    func message(function: String) -> String {
        switch self {
        case .tooMany(let max, let got, _): return Messages.tooManyArguments(function, max: max, got: got)
        case .unknown(let n, _): return Messages.unknownParameter(function, n)
        case .duplicate(let n, _): return Messages.duplicateArgument(n)
        case .missing(let n): return Messages.missingArgument(function, n)
        }
    }

    /// The argument the problem is about, if any (for the caret).
    var argument: Int? {
        switch self {
        case .tooMany(_, _, let a), .unknown(_, let a), .duplicate(_, let a): return a
        case .missing: return nil
        }
    }
}

/// Matches call arguments to parameters: positionals in order (a variadic parameter takes the
/// rest), then named arguments by name. Used by the checker (statically) and the evaluator.
/// Returns, for each parameter, the indices of the arguments bound to it.
func bindArguments(labels: [String?], to parameters: [ParameterShape]) -> Result<[[Int]], BindingProblem> {
    var bound = Array(repeating: [Int](), count: parameters.count)
    var next = 0
    for (i, label) in labels.enumerated() where label == nil {
        while next < parameters.count, !parameters[next].variadic, !bound[next].isEmpty { next += 1 }
        guard next < parameters.count else {
            let max = parameters.filter { !$0.variadic }.count
            return .failure(.tooMany(max: max, got: labels.filter { $0 == nil }.count, argument: i))
        }
        bound[next].append(i)
        if !parameters[next].variadic { next += 1 }
    }
    for (i, label) in labels.enumerated() {
        guard let label else { continue }
        guard let p = parameters.firstIndex(where: { $0.name == label }) else { return .failure(.unknown(label, argument: i)) }
        guard bound[p].isEmpty else { return .failure(.duplicate(label, argument: i)) }
        bound[p].append(i)
    }
    for (p, shape) in parameters.enumerated() where bound[p].isEmpty && !shape.hasDefault && !shape.variadic {
        return .failure(.missing(shape.name))
    }
    return .success(bound)
}

extension BuiltinFunction {
    var shapes: [ParameterShape] {
        parameters.map { ParameterShape(name: $0.name, hasDefault: $0.defaultValue != nil, variadic: $0.variadic) }
    }
}

extension FunctionDecl {
    var shapes: [ParameterShape] {
        parameters.map { ParameterShape(name: $0.name, hasDefault: $0.defaultValue != nil, variadic: false) }
    }
}
