import Probes

extension ProbeRequest {
    /// P6: the Hutchinson trace, the top eigenvalues or the gap to the Fisher, as a result value.
    func hessian(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ h: HessianSettings) throws -> ProbeResultValue {
        let (probes, eigenvalues, steps) = (h.probes, h.eigenvalues, h.steps)
        let op = try CurvatureOperator(model: model, data: samples)
        var settings: [(key: String, value: String)] = [("unit", "none (the Hessian scales with the parameterisation)"),
                                                        ("weights", "\(op.dimension)"), ("inputs", "\(samples.count)"), ("seed", "\(seed)")]
        let title: String, rows: [[ProbeCell]], total: Double, error: Double?
        var extras: [(name: String, value: Value)] = [("samples", .number(Double(samples.count)))]
        switch kind {
        case .hessianTrace:
            let t = try HessianProbe.hutchinsonTrace(op, probes: probes, seed: seed)
            title = "Hessian of the mean loss L_D, trace — Hutchinson, \(probes) Rademacher probes"
            settings.append(("±", "one standard error over probe vectors"))
            rows = [[.text("tr H"), .estimate(t.value, standardError: t.standardError)]]
            (total, error) = (t.value, t.standardError)
        case .hessianEigenvalues:
            let top = try HessianProbe.topEigenvalues(op, count: eigenvalues, steps: steps, seed: seed)
            title = "Hessian of the mean loss L_D, largest eigenvalues — Lanczos, \(min(steps, op.dimension)) steps"
            settings.append(("residual", "‖H v − λ v‖ bound of each Ritz pair"))
            rows = top.enumerated().map { [.text("λ\($0 + 1)"), .number($1.value), .number($1.residual)] }
            (total, error) = (top.first?.value ?? 0, nil)
            extras += [("values", .list(top.map { .number($0.value) })), ("residuals", .list(top.map { .number($0.residual) }))]
        default:
            let gap = try HessianProbe.fisherGap(op, exactMaxParameters: Self.exactGapLimit, probes: probes, seed: seed)
            title = "Hessian and Fisher, relative gap ‖H − F‖_F / ‖F‖_F — "
                + (gap.exact ? "exact matrices" : "stochastic, \(probes) Rademacher probes")
            settings.append(("F", "true Fisher (the Gauss-Newton part of H)"))
            rows = [[.text("‖H − F‖_F / ‖F‖_F"), .number(gap.value)]]
            (total, error) = (gap.value, nil)
            extras.append(("exact", .bool(gap.exact)))
        }
        let columns = kind == .hessianEigenvalues ? ["eigenvalue", "value", "residual"] : ["quantity", "value"]
        let table = ProbeTable(title: title, settings: settings, columns: columns, rows: rows)
        return ProbeResultValue(probe: kind.rawValue, shown: table, exported: table, total: total, standardError: error,
                                unit: nil, layers: [], extras: extras)
    }
}
