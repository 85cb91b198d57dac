extension Evaluator {
    /// `probe name = expr`: the expression must give a probe (a probe call without its network);
    /// the probe is bound under the declared name, which is also the name its measurements are
    /// recorded under in a run (`run.name`).
    func probeDeclaration(_ d: ProbeDecl, slot: Int) throws {
        let value = try evaluate(d.value)
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
        for note in result.shown.notes { output.write(Messages.probeWarning(result.probe, note) + "\n", to: .standardError) }
        return .object(result)
    }
}
