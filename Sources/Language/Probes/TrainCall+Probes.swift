import Learning

/// The `probes:` argument of `train`: probes measured during training into the run's history.
extension TrainCall {
    /// The position of `probes` among train's parameters.
    var probesParameter: Int { p.probes.index }

    /// The probes given, each a probe value; two with the same name are refused.
    func probeList() throws -> [ProbeValue] {
        let items = try a[p.probes]
        var seen = Set<String>()
        return try items.map { item in
            guard case .object(let p as ProbeValue) = item else {
                throw RuntimeError(Messages.probeListItem(item.typeName), parameter: probesParameter)
            }
            guard !RunValue.ownMembers.contains(p.name) else {
                throw RuntimeError(Messages.probeNameTaken(p.name), parameter: probesParameter)
            }
            guard seen.insert(p.name).inserted else {
                throw RuntimeError(Messages.probeRepeated(p.name), parameter: probesParameter)
            }
            return p
        }
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
