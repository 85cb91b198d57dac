extension Evaluator {
    /// `probe name = expr`: the expression must give a probe (a probe call without its network);
    /// the probe is bound under the declared name, which is also the name its measurements are
    /// recorded under in a run (`run.name`).
    func probeDeclaration(_ d: ProbeDecl, slot: Int) throws {
        let value = try evaluate(d.value)
        if case .function(let closure) = value {
            let count = closure.declaration.parameters.count
            guard count == 1 else { throw RuntimeError(Messages.functionProbeArity(d.name, count), at: d.value.range) }
            scope.set(slot, .object(FunctionProbeValue(value, name: d.name)))
            return
        }
        guard case .object(let probe as ProbeValue) = value else {
            throw RuntimeError(Messages.probeDeclarationValue(d.name, value.typeName), at: d.value.range,
                               notes: [Messages.probeDeclarationHint])
        }
        scope.set(slot, .object(probe.named(d.name)))
    }
}

extension Evaluator {
    /// A measured probe as a value, its notes also written as warnings on standard error: a
    /// script that keeps only `.total` still hears that an assumption behind it failed.
    func warned(_ result: ProbeResultValue) -> Value {
        warned(result, by: result.probe)
    }

    /// An experiment's result (or a probe's) with the notes of its table written as warnings.
    func warned(_ result: some ObjectValue & NotedResult, by name: String) -> Value {
        for note in result.notes { output.write(Messages.probeWarning(name, note) + "\n", to: .standardError) }
        return .object(result)
    }
}

/// A result whose printed table may carry notes on doubtful numbers.
protocol NotedResult {
    var notes: [String] { get }
}

extension ProbeResultValue: NotedResult {
    var notes: [String] { shown.notes }
}

extension ExperimentResultValue: NotedResult {
    var notes: [String] { summary.notes }
}
