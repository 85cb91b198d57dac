import Learning
import Probes

extension CheckWalk {
    /// Asks every builtin call inside `e` (arguments first, as they run first) what its
    /// declaration can tell before anything runs, and reports it.
    func calls(in e: Expr) {
        switch e.kind {
        case .call(let callee, let args):
            calls(in: callee)
            args.forEach { calls(in: $0.value) }
            guard let arguments = staticArguments(e) else { return }
            arguments.function.staticCheck?(arguments).forEach(report)
        case .member(let base, let name, let range):
            calls(in: base)
            // A member a value does not have fails when the line runs; the text tells already.
            if let known = members(of: base), !known.names.contains(name) {
                errors.append(Diagnostic(Messages.noMember(known.type, name), at: range,
                                         notes: Messages.memberNotes(name, known.names)))
            }
        case .index(let a, let b), .binary(_, let a, let b), .logical(_, let a, let b): calls(in: a); calls(in: b)
        case .unary(_, let a): calls(in: a)
        case .list(let items): items.forEach { calls(in: $0) }
        default: return
        }
    }

    /// The arguments of a call of a builtin, bound to its parameters as the run binds them; nil
    /// for any other call, or one whose arguments do not bind (the resolver reports that).
    func staticArguments(_ call: Expr, with extra: [Argument] = []) -> StaticArguments? {
        guard case .call(let callee, let given) = call.kind, case .name(let ref) = callee.kind,
              case .builtin(let i)? = ref.binding else { return nil }
        let function = evaluator.builtins[i], args = extra + given
        guard case .success(let bound) = bindArguments(labels: args.map(\.label), to: function.shapes) else { return nil }
        return StaticArguments(function: function, arguments: args, bound: bound, call: call, walk: self)
    }

    /// One line: the estimate, or why there is none; a refusal is said up front, as an error.
    func report(_ line: CostLine) {
        let place = "  line \(line.at.range.line)\(loopDepth > 0 ? " (in a loop, each time)" : ""): "
        let assumption = line.note.map { " (\($0))" } ?? ""
        switch line.result {
        case .success(let estimate):
            do {
                try estimate.check()
                lines.append(place + estimate.summary(as: line.name) + assumption + "\n")
            } catch {
                // The run would refuse it before any work: an error here too.
                let message = (error as? ProbeError).map(LanguageError.message) ?? "\(error)"
                errors.append(Diagnostic(message, at: line.at.range))
            }
        case .failure(let unknown):
            lines.append(place + unknown.message + "\n")
        }
    }

    /// The type and members of the value `e` gives, when the text fixes them.
    func members(of e: Expr) -> StaticMembers? {
        if case .name(let ref) = e.kind, case .value(let members)? = known(ref.name) { return members }
        if datasetFacts(e) != nil { return StaticMembers(type: "dataset", names: DatasetValue.members) }
        if networkOf(e) != nil { return StaticMembers(type: "network", names: NetworkValue.members) }
        if probeValue(e) != nil { return StaticMembers(type: "probe", names: ProbeValue.members) }
        if case .name(let ref) = e.kind, case .schedule? = known(ref.name) { return StaticMembers(type: "schedule", names: ScheduleValue.members) }
        if let s = staticArguments(e) { return s.function.resultMembers?(s) }
        return nil
    }

    /// A probe call without a network (`fisher_trace(on: test)`, or a dataset in the network's
    /// place as in `info_in_weights(train, beta: 0.1)`): the probe value it makes.
    func probeValue(_ e: Expr) -> Known? {
        guard let s = staticArguments(e), let net = s.function.probeNetwork else { return nil }
        guard let given = s.expression(net) else { return .probe(e) }
        return datasetFacts(given) == nil ? nil : .probe(e)
    }

    /// A non-negative whole number literal.
    func literal(_ e: Expr?) -> Int? {
        guard let e, case .number(let x) = e.kind, x >= 0, x < Double(1 << 53), x.rounded() == x else { return nil }
        return Int(x)
    }

    /// What `check` knows of the dataset `e` gives, from the facts its builtins declare (see
    /// `ParameterList.makesDataset`); nil when `e` is not recognisably a dataset.
    func datasetFacts(_ e: Expr) -> DatasetFacts? {
        switch e.kind {
        case .name(let ref):
            if case .dataset(let facts) = known(ref.name) { return facts }
            return nil
        case .call:
            guard let s = staticArguments(e), let facts = s.function.datasetFacts else { return nil }
            return facts(s)
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
