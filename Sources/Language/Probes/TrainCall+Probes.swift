import Learning

/// The `probes:` argument of `train`: probes measured during training into the run's history.
extension TrainCall {
    /// The position of `probes` among train's parameters.
    var probesParameter: Int { p.probes.index }

    /// The probes given, each a probe value or a function probe; two with the same name are refused.
    func probeList() throws -> [any NamedProbe] {
        let items = try a[p.probes]
        var seen = Set<String>()
        return try items.map { item in
            guard case .object(let object) = item, let probe = object as? any NamedProbe else {
                throw RuntimeError(Messages.probeListItem(item.typeName), parameter: probesParameter)
            }
            let name = probe.name
            guard !RunValue.ownMembers.contains(name) else {
                throw RuntimeError(Messages.probeNameTaken(name), parameter: probesParameter)
            }
            guard seen.insert(name).inserted else {
                throw RuntimeError(Messages.probeRepeated(name), parameter: probesParameter)
            }
            return probe
        }
    }

    /// The trainer's probe for a builtin probe or a function probe.
    func trainingProbe(_ probe: any NamedProbe, net: NetworkValue, every: TrainingInterval) throws -> TrainingProbe {
        if let p = probe as? FunctionProbeValue { return functionProbe(p, net: net, every: every) }
        guard let p = probe as? ProbeValue else { throw RuntimeError(Messages.probeListItem(probe.typeName), parameter: probesParameter) }
        return try trainingProbe(p, net: net, every: every)
    }

    /// The trainer's probe for `p`: its total under the probe's name and each layer's value under
    /// `name.layer`. The network's weights are the trainer's (shared parameters), read as they are.
    func trainingProbe(_ p: ProbeValue, net: NetworkValue, every: TrainingInterval) throws -> TrainingProbe {
        let pool = a.evaluator.session.pool
        return TrainingProbe(name: p.name, every: every, atStart: true) { _ in
            let r = try atProbes { try p.request.run(on: net, pool: pool) }
            var values = ["": r.total]
            for row in r.layers { values[row.name] = row.value }
            return values
        }
    }

    /// The trainer's probe for a function: the function called with the network between steps;
    /// its number, list or record recorded as numbers, the same shape at every measurement.
    func functionProbe(_ p: FunctionProbeValue, net: NetworkValue, every: TrainingInterval) -> TrainingProbe {
        let arguments = a
        var shape: Set<String>?
        return TrainingProbe(name: p.name, every: every, atStart: true) { context in
            // The run goes on from the weights the function was given: it may read them only.
            let before = Self.fingerprint(context.model)
            let values = try p.recorded(try arguments.call(p.function, [.object(net)]))
            guard Self.fingerprint(context.model) == before else { throw RuntimeError(Messages.functionProbeChangedWeights) }
            let keys = Set(values.keys)
            if let shape, shape != keys {
                throw RuntimeError(Messages.functionProbeChanged(shape.count, keys.count))
            }
            shape = keys
            return values
        }
    }

    /// A hash of every parameter's bits (running statistics too): equal before and after a call
    /// that left the network as it was.
    static func fingerprint(_ model: any TrainableModel) -> Int {
        var hasher = Hasher()
        for parameter in model.parameters { parameter.value.scalars.withUnsafeBytes { hasher.combine(bytes: $0) } }
        return hasher.finalize()
    }

    /// Runs `body`, pointing any argument error of a probe at train's `probes` argument (the
    /// probe's own arguments are not in this call).
    func atProbes<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var e as RuntimeError {
            if e.range == nil { e.parameterIndex = probesParameter }
            throw e
        }
    }
}

/// A value `train(..., probes: [...])` records: a builtin probe without its network or a function
/// probe, under its name.
protocol NamedProbe: ObjectValue {
    /// The name its measurements are recorded under (`run.NAME`).
    var name: String { get }
}

extension ProbeValue: NamedProbe {}
extension FunctionProbeValue: NamedProbe {}
