import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// P3 and P4 as result values.
    /// `files` maps the tensors' names in results to their parameter names (`"dense1.weight"` to `"0.weight"`).
    func variational(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ v: VariationalSettings,
                     files: [String: String]) throws -> ProbeResultValue {
        if let bound = v.bound { return try self.bound(model, samples, v.options, bound, files: files) }
        if kind == .betaSweep { return try sweep(model, samples, v.options, betas: v.betas, spreadsRuns: v.spreadsRuns) }
        return lagrangianValue(model, try VariationalLagrangian.optimise(model, on: samples, options: v.options), inputs: samples.count,
                               files: files)
    }

    /// P3: KL per layer with its share, the total, E_Q L_D with its standard error and the Lagrangian.
    func lagrangianValue(_ model: ProbeModel<Float>, _ r: VariationalResult, inputs: Int, files: [String: String]) -> ProbeResultValue {
        let o = r.options, kl = r.kl
        var settings = variationalSettings(o, inputs: inputs)
        settings.insert(("β", "\(formatNumber(o.beta)) (mean-loss convention)"), at: 1)
        settings.append(convergenceSetting(r.convergence))
        settings.append(("±", "one standard error over \(VariationalLagrangian.evaluationPairs) antithetic weight draws"))
        var rows: [[ProbeCell]] = r.layers.map { [.text($0.name), .number($0.kl), .share(kl > 0 ? $0.kl / kl : 0)] }
        rows.append([.text("total KL(Q‖P)"), .number(kl)])
        rows.append([.text("E_Q L_D"), .estimate(r.expectedLoss, standardError: r.expectedLossStandardError), .empty])
        rows.append([.text("Lagrangian E_Q L_D + β·KL"), .number(r.lagrangian), .empty])
        let shown = ProbeTable(title: "Information Lagrangian, variational — information in the weights KL(Q‖P)",
                               settings: settings, columns: ["layer", "KL nats", "share"], rows: rows,
                               notes: convergenceNote([(nil, r.convergence)], steps: o.steps).map { [$0] } ?? [])
        let extras: [(name: String, value: Value)] = [
            ("kl", .number(kl)), ("expected_loss", .number(r.expectedLoss)), ("expected_loss_stderr", .number(r.expectedLossStandardError)),
            ("lagrangian", .number(r.lagrangian)), ("beta", .number(o.beta)), ("lambda", .number(o.lambda)),
            ("mean", perTensor(model, r.mean)), ("variances", perTensor(model, r.variances)), ("implied_curvature", perTensor(model, r.impliedCurvature)),
            ("parameter_names", parameterNames(model.tensorNames, files)),
            ("samples", .number(Double(inputs))), ("prior_scales", priorScales(model, r)),
        ] + convergenceMembers(r)
        var exported = r.table
        exported.notes = shown.notes
        let value = ProbeResultValue(probe: kind.rawValue, shown: shown, exported: exported, total: kl, standardError: nil, unit: "nats",
                                     layers: r.layers.map { .init(name: $0.name, value: $0.kl, share: kl > 0 ? $0.kl / kl : 0) }, extras: extras)
        value.posterior = WeightPosterior(mean: r.mean, variances: r.variances, beta: o.beta, kl: kl)
        return value
    }

    /// λ of each layer (the first weight's prior variance: one per layer).
    func priorScales(_ model: ProbeModel<Float>, _ r: VariationalResult) -> Value {
        var record = Record(), offset = 0
        for layer in model.layers {
            record[layer.name] = .number(r.priorVariances[offset].squareRoot())
            offset += model.parameters[layer.range].reduce(0) { $0 + $1.count }
        }
        return .record(record)
    }

    /// A flat per-weight vector as a record of lists, one per weight tensor (row-major).
    func perTensor(_ model: ProbeModel<Float>, _ flat: [Double]) -> Value {
        var record = Record(), offset = 0
        for (name, tensor) in zip(model.tensorNames, model.parameters) {
            record[name] = .list(flat[offset..<(offset + tensor.count)].map { .number($0) })
            offset += tensor.count
        }
        return .record(record)
    }

    /// The trade-off curve: one row per β; r.curve lists records of beta, kl, expected_loss, lagrangian.
    private func sweep(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ options: VariationalOptions,
                       betas: [Double], spreadsRuns: Bool) throws -> ProbeResultValue {
        let s = try BetaSweep.run(model, on: samples, betas: betas, options: options, spreadsRuns: spreadsRuns)
        // Δ objective: the objective's relative change over the last quarter of each run's steps.
        let rows: [[ProbeCell]] = s.results.map { r in
            [.number(r.options.beta), .number(r.kl), .estimate(r.expectedLoss, standardError: r.expectedLossStandardError), .number(r.lagrangian),
             .share(r.convergence.relativeChange)]
        }
        var settings = variationalSettings(options, inputs: samples.count)
        settings.insert(("β", "mean-loss convention"), at: 1)
        settings.append(("Δ objective", "relative change of E_Q L_D + β·KL from the third quarter of the steps to the fourth (settled: at most \(Self.percent(Convergence.tolerance)))"))
        settings.append(("±", "one standard error over \(VariationalLagrangian.evaluationPairs) antithetic weight draws"))
        let note = convergenceNote(s.results.map { ("β = \(formatNumber($0.options.beta))", $0.convergence) }, steps: options.steps)
        let shown = ProbeTable(title: "Information Lagrangian β sweep — expected loss against information in the weights",
                               settings: settings, columns: ["β", "KL nats", "E_Q L_D", "Lagrangian", "Δ objective"], rows: rows,
                               notes: note.map { [$0] } ?? [])
        let curve: [Value] = s.results.map { r in
            var record = Record()
            record["beta"] = .number(r.options.beta)
            record["kl"] = .number(r.kl)
            record["expected_loss"] = .number(r.expectedLoss)
            record["expected_loss_stderr"] = .number(r.expectedLossStandardError)
            record["lagrangian"] = .number(r.lagrangian)
            for (name, value) in convergenceMembers(r) { record[name] = value }
            return .record(record)
        }
        let extras: [(name: String, value: Value)] = [
            ("curve", .list(curve)), ("betas", .list(s.results.map { .number($0.options.beta) })),
            ("kl", .list(s.results.map { .number($0.kl) })), ("expected_loss", .list(s.results.map { .number($0.expectedLoss) })),
            ("lagrangian", .list(s.results.map { .number($0.lagrangian) })), ("samples", .number(Double(samples.count))),
            ("converged", .bool(s.results.allSatisfy(\.convergence.converged))),
            ("relative_change", .list(s.results.map { .number($0.convergence.relativeChange) })),
            ("objective_trace", .list(s.results.map { .list($0.objectiveTrace.map(Value.number)) })),
        ]
        let exported = ProbeTable(title: s.table.title, settings: s.table.settings, columns: shown.columns, rows: rows, notes: shown.notes)
        return ProbeResultValue(probe: kind.rawValue, shown: shown, exported: exported, total: s.results.first?.kl ?? 0,
                                standardError: nil, unit: "nats", layers: [], extras: extras)
    }
}
