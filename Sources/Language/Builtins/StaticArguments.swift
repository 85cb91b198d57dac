import Learning
import Probes
import TensorRuntime

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
/// arguments (and of defaults), and what the walk knows of the networks, datasets and schedules
/// given, read through the same handles the builtin's body reads. A builtin's static facts (the
/// data it makes, its cost) are written against this.
struct StaticArguments {
    let function: BuiltinFunction
    let arguments: [Argument]
    /// The arguments bound to each parameter (`bindArguments`).
    let bound: [[Int]]
    /// The call: where its cost line and its errors point when no argument is to blame.
    let call: Expr
    /// The walk that met the call, which knows what the script's names hold.
    let walk: CheckWalk

    /// The expression given for the parameter at `index`, if any.
    func expression(_ index: Int) -> Expr? {
        bound[index].first.map { arguments[$0].value }
    }

    /// The expression given for `parameter`, if any.
    func expression<T>(_ parameter: Param<T>) -> Expr? { expression(parameter.index) }

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

    /// How many elements the list written for `parameter` has; nil when it is not a list literal.
    func listLength<T>(_ parameter: Param<T>) -> Int? {
        guard let e = expression(parameter.index), case .list(let items) = e.kind else { return nil }
        return items.count
    }

    /// The facts of the dataset given for `parameter`.
    func dataset<T>(_ parameter: Param<T>) -> DatasetFacts? {
        expression(parameter.index).flatMap(walk.datasetFacts)
    }

    /// The network given for `parameter`, when the script's text makes it (built with its
    /// declaration's defaults).
    func network<T>(_ parameter: Param<T>) -> Network? {
        expression(parameter.index).flatMap(walk.networkOf)
    }

    /// The network a recipe given for `parameter` makes when called without arguments, as the
    /// experiment runners call it.
    func recipeNetwork<T>(_ parameter: Param<T>) -> Network? {
        expression(parameter.index).flatMap { walk.networkOf(Expr(kind: .call($0, []), range: $0.range)) }
    }

    /// The batch size and epochs of the schedule named for `parameter`, as far as its declaration
    /// writes them as numbers.
    func schedule<T>(_ parameter: Param<T>) -> (batch: Int?, epochs: Int?)? {
        guard let e = expression(parameter.index), case .name(let ref) = e.kind,
              case .schedule(let batch, let epochs)? = walk.known(ref.name) else { return nil }
        return (batch, epochs)
    }

    /// A cost line for the call.
    func line(_ result: Result<CostEstimate, UnknownCost>, as name: String? = nil, note: String? = nil) -> CostLine {
        CostLine(at: call, name: name ?? function.name, result: result, note: note)
    }

    /// The line that says the cost is known only when the script runs, and why.
    func unknown(_ why: String) -> CostLine {
        line(.failure(UnknownCost(message: "\(function.name): cost unknown until the script runs (\(why))")))
    }

    /// Reports an error the run would stop with, at the argument of `parameter` (else the call).
    func error<T>(_ message: String, at parameter: Param<T>) {
        walk.errors.append(Diagnostic(message, at: (expression(parameter) ?? call).range))
    }

    /// Reports the literal argument of `parameter` as not `expected`, in the words the body's
    /// `fail` uses, for a rule between arguments that no kind can state.
    func refuse<T>(_ parameter: Param<T>, expected: String) {
        guard let given = expression(parameter).flatMap(Resolver.literalValue) else { return }
        let name = function.parameters[parameter.index].name
        error(Messages.argumentType(function.name, name, expected, BuiltinArguments.given(given)), at: parameter)
    }

    /// Reports the data given for `parameter` when it does not fit `network`, as the run's
    /// `DataFit` check would; a network without an input line is built for the first data it
    /// meets, as the run builds it.
    func checkFit<T>(_ network: Network, data parameter: Param<T>, role: String, prefix: String = "") {
        guard let data = expression(parameter), let facts = walk.datasetFacts(data) else { return }
        if !network.isBuilt, let shape = facts.shape { try? network.build(inputShape: shape, random: RandomStream(seed: 0)) }
        if let problem = DataFit.problem(network, name: network.kind, shape: facts.shape, classes: facts.classes, role: role) {
            walk.errors.append(Diagnostic(prefix + problem, at: data.range))
        }
    }
}

/// A value's type and every member it has, known before the script runs.
struct StaticMembers {
    let type: String
    let names: [String]
}

/// One line of `check`'s cost report: the estimate of a call (or why there is none) and the
/// assumption it rests on.
struct CostLine {
    let at: Expr
    let name: String
    let result: Result<CostEstimate, UnknownCost>
    var note: String?
}
