import Learning
import Probes

extension CheckCosts {
    /// Reports every probe or train call inside `e` (arguments first, as they run first).
    mutating func calls(in e: Expr) {
        switch e.kind {
        case .call(let callee, let args):
            calls(in: callee)
            args.forEach { calls(in: $0.value) }
            if case .name(let ref) = callee.kind {
                checkFits(ref.name, args)
                if ref.name == "train" {
                    report(e, "train", train(args))
                    recordedProbes(e, args)
                }
                if Self.experimentRunners.contains(ref.name) { report(e, ref.name, experiment(ref.name, args)) }
                // A probe call without a network makes a probe value for train(probes:); it runs there.
                if ref.name == "shannon_information" { report(e, ref.name, shannon(args)) }
                if let kind = ProbeRequest.Kind(rawValue: ref.name), probeValue(e) == nil {
                    report(e, ref.name, probe(kind, args))
                }
            }
        case .member(let base, let name, let range):
            calls(in: base)
            // A member a dataset does not have fails when the line runs; the text tells already.
            if !DatasetValue.members.contains(name), datasetFacts(base) != nil {
                errors.append(Diagnostic(Messages.noMember("dataset", name), at: range,
                                         notes: Messages.memberNotes(name, DatasetValue.members)))
            }
        case .index(let a, let b), .binary(_, let a, let b), .logical(_, let a, let b): calls(in: a); calls(in: b)
        case .unary(_, let a): calls(in: a)
        case .list(let items): items.forEach { calls(in: $0) }
        default: return
        }
    }

    /// One line: the estimate, or why there is none; a refusal is said up front.
    mutating func report(_ e: Expr, _ name: String, _ result: Result<CostEstimate, UnknownCost>) {
        let place = "  line \(e.range.line)\(loopDepth > 0 ? " (in a loop, each time)" : ""): "
        defer { note = nil }
        let assumption = note.map { " (\($0))" } ?? ""
        switch result {
        case .success(let estimate):
            do {
                try estimate.check()
                lines.append(place + estimate.summary(as: name) + assumption + "\n")
            } catch {
                // The run would refuse it before any work: an error here too.
                let message = (error as? ProbeError).map(LanguageError.message) ?? "\(error)"
                errors.append(Diagnostic(message, at: e.range))
            }
        case .failure(let unknown):
            lines.append(place + unknown.message + "\n")
        }
    }

    /// The argument labelled `label`, else the positional one at `position`.
    func argument(_ args: [Argument], _ label: String, _ position: Int) -> Expr? {
        if let named = args.first(where: { $0.label == label }) { return named.value }
        let positional = args.filter { $0.label == nil }
        return position >= 0 && position < positional.count ? positional[position].value : nil
    }

    /// A non-negative whole number literal.
    func literal(_ e: Expr?) -> Int? {
        guard let e, case .number(let x) = e.kind, x >= 0, x < Double(1 << 53), x.rounded() == x else { return nil }
        return Int(x)
    }

    /// A string literal without interpolation.
    func text(_ e: Expr?) -> String? {
        guard let e, case .string(let s)? = Resolver.literalValue(e) else { return nil }
        return s
    }

    /// What `check` knows of the dataset `e` gives, from the facts its builtins declare (see
    /// `ParameterList.makesDataset`); nil when `e` is not recognisably a dataset.
    func datasetFacts(_ e: Expr) -> DatasetFacts? {
        switch e.kind {
        case .name(let ref):
            if case .dataset(let facts) = known(ref.name) { return facts }
            return nil
        case .call(let callee, let args):
            guard case .name(let ref) = callee.kind, case .builtin(let i)? = ref.binding else { return nil }
            let builtin = evaluator.builtins[i]
            guard let facts = builtin.datasetFacts,
                  case .success(let bound) = bindArguments(labels: args.map(\.label), to: builtin.shapes) else { return nil }
            return facts(StaticArguments(function: builtin, arguments: args, bound: bound, factsOf: { self.datasetFacts($0) }))
        default:
            return nil
        }
    }

    /// A schedule declaration's batch and epochs, when written as numbers (phases add up).
    func schedule(_ d: ScheduleDecl) -> Known {
        var batch: Int?, epochs: Int?, phases = 0, allPhasesKnown = true, hasPhases = false
        for item in d.items {
            switch item.kind {
            case .batch(let e): batch = literal(e)
            case .epochs(let e): epochs = literal(e)
            case .phase(let count, let unit, _):
                hasPhases = true
                if unit == .epoch, let n = literal(count) { phases += n } else { allPhasesKnown = false }
            default: continue
            }
        }
        if hasPhases { epochs = allPhasesKnown ? phases : nil }
        return .schedule(batch: batch, epochs: epochs)
    }
}
