/// What `check` knows of a dataset before anything runs: each field is nil when only a run can
/// know it (a size computed by the script, a file read only then).
struct DatasetFacts: Equatable {
    /// How many samples.
    var count: Int?
    /// The per-sample shape, e.g. [1, 28, 28].
    var shape: [Int]?
    /// How many classes.
    var classes: Int?
}

/// A builtin call's arguments as `check` sees them, before anything runs: the values of literal
/// arguments (and of defaults), and the facts of the datasets given, read through the same
/// handles the builtin's body reads.
struct StaticArguments {
    let function: BuiltinFunction
    let arguments: [Argument]
    /// The arguments bound to each parameter (`bindArguments`).
    let bound: [[Int]]
    /// The facts of a dataset expression, as the checker knows them.
    let factsOf: (Expr) -> DatasetFacts?

    /// The expression given for the parameter at `index`, if any.
    func expression(_ index: Int) -> Expr? {
        bound[index].first.map { arguments[$0].value }
    }

    /// The literal value given for `parameter` (or its default when left out); nil when computed.
    private func literal(_ index: Int) -> Value? {
        guard let e = expression(index) else { return function.parameters[index].defaultValue }
        return Resolver.literalValue(e)
    }

    /// The argument's value when a literal or the default gives it.
    func value<T>(_ parameter: Param<T>) -> T? {
        literal(parameter.index).flatMap { value in parameter.literal?(value) }
    }

    /// The argument's value when a literal or the default gives it (nil also when it is none).
    func value<T>(_ parameter: Param<T?>) -> T? {
        literal(parameter.index).flatMap { value in parameter.literal?(value) } ?? nil
    }

    /// Whether `check` knows the argument's value: left out (the default), or a literal.
    func isKnown<T>(_ parameter: Param<T>) -> Bool {
        expression(parameter.index).map { Resolver.literalValue($0) != nil } ?? true
    }

    /// The facts of the dataset given for `parameter`.
    func dataset<T>(_ parameter: Param<T>) -> DatasetFacts? {
        expression(parameter.index).flatMap(factsOf)
    }
}
