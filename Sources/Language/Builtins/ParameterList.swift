/// A builtin's parameter, declared once with its kind; the builtin's body reads the argument
/// through this handle (`try a[samples]`), never by position, so a parameter cannot be read under
/// the wrong name or index.
struct Param<T> {
    /// The parameter's position in the builtin's list.
    let index: Int
    /// The value of a literal argument, for `check`; nil when no literal can be one.
    let literal: ((Value) -> T?)?
    fileprivate let get: (BuiltinArguments) throws -> T

    /// The same parameter read through `transform` (e.g. a defaulted count as an optional one).
    func map<U>(_ transform: @escaping (T) throws -> U) -> Param<U> {
        let get = self.get
        return Param<U>(index: index, literal: literal.map { read in { read($0).flatMap { try? transform($0) } } }) {
            try transform(try get($0))
        }
    }
}

/// Declares a builtin's parameters in order, each with its kind (`ArgumentKind`), and hands back
/// the handles its body reads them by.
final class ParameterList {
    private(set) var parameters: [BuiltinParameter] = []
    /// What `check` can know of the dataset the builtin makes (see `makesDataset`).
    private(set) var datasetFacts: ((StaticArguments) -> DatasetFacts?)?

    /// Declares what `check` can know of the dataset the builtin makes, from its arguments.
    func makesDataset(_ facts: @escaping (StaticArguments) -> DatasetFacts?) { datasetFacts = facts }

    /// What `check` says of a call (see `BuiltinFunction.staticCheck`).
    private(set) var staticCheck: ((StaticArguments) -> [CostLine])?

    /// Declares what `check` says of a call before it runs: its cost lines and data errors.
    func checks(_ check: @escaping (StaticArguments) -> [CostLine]) { staticCheck = check }

    /// The type and members of the value the builtin gives (see `BuiltinFunction.resultMembers`).
    private(set) var resultMembers: ((StaticArguments) -> StaticMembers?)?

    /// Declares the type of the value the builtin gives and, when its arguments fix them, its
    /// members, so that `check` can refuse a member the value will not have.
    func returns(_ type: String, members: @escaping (StaticArguments) -> [String]?) {
        resultMembers = { s in members(s).map { StaticMembers(type: type, names: $0) } }
    }

    /// The parameter of a probe's network (see `BuiltinFunction.probeNetwork`).
    private(set) var probeNetwork: Int?

    /// Declares `net` the probe's network: without it the call makes a probe value.
    func makesProbe(withoutNetwork net: Param<Value?>) { probeNetwork = net.index }

    /// A parameter that must be given.
    func required<T>(_ name: String, _ kind: ArgumentKind<T>) -> Param<T> {
        let index = add(.required(name), kind, noneAllowed: false)
        return Param(index: index, literal: kind.readLiteral) { try $0.read(index, kind) }
    }

    /// A parameter with a default value (which must itself be of the kind).
    func optional<T>(_ name: String, _ kind: ArgumentKind<T>, default value: Value) -> Param<T> {
        let index = add(.optional(name, value), kind, noneAllowed: false)
        return Param(index: index, literal: kind.readLiteral) { try $0.read(index, kind) }
    }

    /// A parameter that may be left out (or given as `none`): nil then.
    func optional<T>(_ name: String, _ kind: ArgumentKind<T>) -> Param<T?> {
        let index = add(.optional(name, .none), kind, noneAllowed: true)
        let literal = kind.readLiteral.map { read in
            { (value: Value) -> T?? in
                if case .none = value { return .some(nil) }
                return read(value).map { .some($0) }
            }
        }
        return Param(index: index, literal: literal) { a in a.isNone(index) ? nil : try a.read(index, kind) }
    }

    /// A variadic parameter: it collects the remaining positional arguments, and its handle reads
    /// them as a list (`max(1, 2, 3)` reads [1, 2, 3]). Its elements are the body's to check.
    func rest(_ name: String) -> Param<[Value]> {
        parameters.append(.rest(name))
        let index = parameters.count - 1
        return Param(index: index, literal: nil) { try $0.read(index, .list) }
    }

    /// The path of a file the builtin writes. A literal one is checked before the script runs;
    /// any one is checked when read, before the builtin does its work, with the same message.
    func output(_ name: String) -> Param<String> {
        let handle = required(name, .path)
        parameters[handle.index].isOutputPath = true
        return handle.map { try Self.writable($0, at: handle.index) }
    }

    /// An optional path of a file the builtin writes, checked as `output`'s.
    func optionalOutput(_ name: String) -> Param<String?> {
        let handle = optional(name, .path)
        parameters[handle.index].isOutputPath = true
        return handle.map { try $0.map { try Self.writable($0, at: handle.index) } }
    }

    /// The path of a file the builtin reads. A literal one is checked before the script runs;
    /// any one is checked when read, with the same message.
    func input(_ name: String) -> Param<String> {
        let handle = required(name, .path)
        parameters[handle.index].isInputPath = true
        return handle.map { try Self.readable($0, at: handle.index) }
    }

    /// An optional path of a file the builtin reads, checked as `input`'s.
    func optionalInput(_ name: String) -> Param<String?> {
        let handle = optional(name, .path)
        parameters[handle.index].isInputPath = true
        return handle.map { try $0.map { try Self.readable($0, at: handle.index) } }
    }

    private static func readable(_ path: String, at index: Int) throws -> String {
        if let problem = InputPath.problem(path) { throw RuntimeError(Messages.cannotReadFile(path, problem), parameter: index) }
        return path
    }

    private static func writable(_ path: String, at index: Int) throws -> String {
        if let problem = OutputPath.problem(path) { throw RuntimeError(Messages.cannotWrite(path, problem), parameter: index) }
        return path
    }

    private func add<T>(_ parameter: BuiltinParameter, _ kind: ArgumentKind<T>, noneAllowed: Bool) -> Int {
        var p = parameter
        p.expected = kind.expected(for:)
        // A kind no literal can be (a dataset, a function) refuses every literal but an allowed none.
        p.acceptsLiteral = { value in
            if case .none = value, noneAllowed { return true }
            return kind.acceptsLiteral(value) ?? false
        }
        parameters.append(p)
        return parameters.count - 1
    }
}

extension BuiltinArguments {
    /// The argument of `parameter`, as its kind reads it.
    subscript<T>(_ parameter: Param<T>) -> T {
        get throws { try parameter.get(self) }
    }

    /// Whether the argument of `parameter` was left out or given as `none`.
    func isNone<T>(_ parameter: Param<T>) -> Bool { isNone(parameter.index) }

    /// A failure of the argument of `parameter`: it is not `expected`.
    func fail<T>(_ parameter: Param<T>, expected: String) -> RuntimeError { fail(parameter.index, expected: expected) }

    /// Argument `i` read as `kind`, or the error that says what it must be and what it was.
    func read<T>(_ i: Int, _ kind: ArgumentKind<T>) throws -> T {
        guard let value = try kind.read(values[i], self) else { throw fail(i, expected: kind.expected(for: values[i])) }
        return value
    }
}

extension BuiltinRegistry {
    /// Declares a builtin whose parameters are declared, with their kinds, by `declare`, which
    /// returns the body; the body reads its arguments through the handles it declared.
    static func def(_ name: String, _ category: String, _ summary: String, _ description: String, example: String,
                    signature: String? = nil,
                    parameters declare: (ParameterList) -> (BuiltinArguments) throws -> Value) -> BuiltinFunction {
        let list = ParameterList()
        let body = declare(list)
        let function = def(name, list.parameters, category, summary, description, example: example, signature: signature, body)
        function.datasetFacts = list.datasetFacts
        function.staticCheck = list.staticCheck
        function.probeNetwork = list.probeNetwork
        function.resultMembers = list.resultMembers
        return function
    }
}

extension BuiltinFunction {
    /// A method of a value (`r.save(path)`, `p.apply(net)`), its parameters declared as a
    /// builtin's are and read through their handles.
    static func method(_ name: String, doc: BuiltinDoc,
                       parameters declare: (ParameterList) -> (BuiltinArguments) throws -> Value) -> BuiltinFunction {
        let list = ParameterList()
        let body = declare(list)
        return BuiltinFunction(name, list.parameters, doc: doc, body: body)
    }
}
