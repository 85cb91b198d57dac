import Foundation
import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// k up to which "auto" curvature takes the exact eigen-decomposition (k² Doubles = 32 MB);
    /// above it, the O(k) diagonal bound.
    static var autoExactLimit: Int { CurvatureOperator<Float>.defaultMaxExactParameters }
    /// Up to this k the Hessian-Fisher gap uses the exact matrices (k products each).
    static let exactGapLimit = 500
    /// Stochastic Lanczos quadrature for info_in_weights: 30 steps resolve the log-spectrum of
    /// the small networks this tool trains; 10 probe vectors give a usable standard error.
    static let lanczosSteps = 30, lanczosProbes = 10

    /// Measures `net`: checks first, then runs the probe on the worker pool. With `interrupt`,
    /// Ctrl-C stops the measurement (during training the trainer stops between steps instead).
    func run(on net: NetworkValue, pool: WorkerPool?, interrupt: InterruptFlag? = nil) throws -> ProbeResultValue {
        try check(net)
        do {
            return try TensorThreading.withPool(pool) {
                var model = try ProbeModel(network: net.network)
                if let interrupt { model = try model.stopping(when: interrupt) }
                let samples = try probeData()
                let files = Dictionary(ProbeModel<Float>.parameterNames(net.network).map { ($0.display, $0.file) },
                                       uniquingKeysWith: { first, _ in first })
                switch settings {
                case .fisher(let f): return try fisher(model, samples, f, files: files)
                case .weights(let w): return try weightInformation(model, samples, w)
                case .hessian(let h): return try hessian(model, samples, h)
                case .variational(let v): return try variational(model, samples, v, files: files)
                case .invariance(let i): return try invariance(net.network, samples, i)
                case .activation(let layer, let s): return try activationInformation(model, samples, layer: layer, s)
                case .none: throw RuntimeError("\(kind.rawValue): its settings were not read")
                }
            }
        } catch {
            throw LanguageError.bridge(error, context: kind.rawValue, parameter: (error as? ProbeError).map(parameter))
        }
    }

    /// The argument a probe's error is about: the layers for an unknown layer, the curvature for
    /// a refusal, the network for the model adapter's, else the data.
    private func parameter(_ e: ProbeError) -> Int {
        switch (e, settings) {
        case (.unknownLayer, .fisher(let f)): return f.layersParameter
        case (.unknownLayer, .activation(let layer, _)): return layer.parameter
        case (.tooLarge, .weights(let w)): return w.curvatureParameter
        case (.invalidArgument(let probe, _), _) where probe == "model": return netParameter
        default: return dataParameter
        }
    }

    private func fisher(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ f: FisherSettings,
                        files: [String: String]) throws -> ProbeResultValue {
        let estimator: FisherEstimator = kind == .empiricalFisher ? .empirical : f.exact ? .exact : .monteCarlo(seed: seed)
        let diagonal = kind == .fisherDiagonal
        let r = try FisherProbe.estimate(model, on: samples, estimator: estimator, diagonal: diagonal, layers: f.layers)
        let unitNote = "none (the Fisher scales with the parameterisation)"
        var settings: [(key: String, value: String)] = [("unit", unitNote), ("per-sample gradients", r.method.rawValue)]
        if r.standardError != nil { settings.append(("±", "one standard error over inputs")) }
        var extras: [(name: String, value: Value)] = [("samples", .number(Double(r.samples))), ("estimator", .string(r.estimator.label))]
        var tensors = Record()
        for t in r.tensors { tensors[t.name] = .number(t.trace) }
        extras.append(("tensors", .record(tensors)))
        extras.append(("parameter_names", parameterNames(r.tensors.map(\.name), files)))
        let shown: ProbeTable
        if diagonal, let diag = r.diagonal {
            let names = model.tensorNames
            // Each tensor's diagonal is flat in row-major order; `shapes` gives the layout to restore.
            var record = Record(), shapes = Record()
            for (i, values) in diag.enumerated() where r.tensors.contains(where: { $0.name == names[i] }) {
                record[names[i]] = .list(values.map { .number($0) })
                shapes[names[i]] = .list(model.parameters[i].shape.map { .number(Double($0)) })
            }
            extras += [("diagonal", .record(record)), ("shapes", .record(shapes))]
            shown = diagonalTable(r, diag, model, settings)
        } else {
            var rows: [[ProbeCell]] = r.layers.map { [.text($0.name), .number($0.trace), .share($0.share)] }
            rows.append([.text("total"), totalCell(r)])
            shown = ProbeTable(title: r.table.title, settings: settings, columns: ["layer", "tr F", "share"], rows: rows)
        }
        return ProbeResultValue(probe: kind.rawValue, shown: shown, exported: r.table, total: r.total, standardError: r.standardError,
                                unit: nil, layers: r.layers.map { .init(name: $0.name, value: $0.trace, share: $0.share) }, extras: extras)
    }

    /// The tensors a result lists (`"dense1.weight"`) mapped to their parameter names in weight
    /// files and `net.parameters` (`"0.weight"`), so the two can be matched by a script or a reader.
    func parameterNames(_ tensors: [String], _ files: [String: String]) -> Value {
        var record = Record()
        for name in tensors { record[name] = .string(files[name] ?? name) }
        return .record(record)
    }

    private func totalCell(_ r: FisherResult) -> ProbeCell {
        r.standardError.map { .estimate(r.total, standardError: $0) } ?? .number(r.total)
    }

    /// Per layer the sum and the largest entry of diag F, then the total.
    private func diagonalTable(_ r: FisherResult, _ diag: [[Double]], _ model: ProbeModel<Float>,
                               _ settings: [(key: String, value: String)]) -> ProbeTable {
        let largest = model.layers.map { layer in diag[layer.range].flatMap { $0 }.max() ?? 0 }
        var rows: [[ProbeCell]] = r.layers.map { e in
            let index = model.layers.firstIndex { $0.name == e.name } ?? 0
            return [.text(e.name), .number(e.trace), .number(largest[index]), .share(e.share)]
        }
        rows.append([.text("total"), totalCell(r), .number(largest.max() ?? 0)])
        let heading = r.table.title.components(separatedBy: " — ").dropFirst().joined(separator: " — ")
        return ProbeTable(title: "Fisher information, diagonal — " + heading, settings: settings,
                          columns: ["layer", "sum diag F", "max diag F", "share"], rows: rows)
    }

    private func weightInformation(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ s: WeightSettings) throws -> ProbeResultValue {
        let code = s.code
        let estimator: WeightInformationEstimator
        switch s.curvature {
        case "full": estimator = .exact(maxParameters: Self.autoExactLimit)
        case "block": estimator = .layerBlocks(maxBlockParameters: Self.autoExactLimit)
        case "diagonal": estimator = .diagonal
        case "lanczos": estimator = .lanczos(steps: Self.lanczosSteps, probes: Self.lanczosProbes, seed: seed)
        default: estimator = model.parameterCount <= Self.autoExactLimit ? .exact(maxParameters: Self.autoExactLimit) : .diagonal
        }
        let w = try WeightInformation.estimate(model, on: samples, code: code, estimator: estimator, seed: seed)
        var settings: [(key: String, value: String)] = [
            ("unit", "nats"), ("β", "\(formatNumber(code.beta)) (mean-loss convention)"), ("λ", formatNumber(code.lambda)),
            ("posterior", code.form == .corrected ? "corrected Σ*" : "the paper's printed Σ* (not the optimum)"),
            ("inputs", "\(samples.count)"),
        ]
        if w.isUpperBound { settings.append(("bound", "upper bound (ignores curvature across blocks)")) }
        if let check = w.check { settings.append(check.setting) }
        if w.standardError != nil { settings.append(("±", "one standard error over probe vectors")) }
        let total = w.nats
        var rows: [[ProbeCell]] = w.groups.map { [.text($0.name), .number($0.nats), .share(total > 0 ? $0.nats / total : 0)] }
        rows.append([.text("total"), w.standardError.map { .estimate(total, standardError: $0) } ?? .number(total)])
        // The exact and Lanczos estimators measure the whole network: no layer rows, so no share column.
        let columns = w.groups.isEmpty ? ["layer", "nats"] : ["layer", "nats", "share"]
        let shown = ProbeTable(title: w.table.title, settings: settings, columns: columns, rows: rows, notes: w.table.notes)
        // The check's members are none for Lanczos, which never forms Σ* to draw from.
        let extras: [(name: String, value: Value)] = [
            ("lagrangian", .number(w.lagrangian)), ("loss", .number(w.loss)), ("upper_bound", .bool(w.isUpperBound)),
            ("estimator", .string(w.estimator)), ("samples", .number(Double(samples.count))),
            ("quadratic_loss", w.check.map { .number($0.predicted) } ?? Value.none),
            ("sampled_loss", w.check.map { .number($0.sampled) } ?? Value.none),
            ("sampled_loss_se", w.check.map { .number($0.standardError) } ?? Value.none),
            ("quadratic_ok", w.check.map { .bool($0.agrees) } ?? Value.none),
        ]
        return ProbeResultValue(probe: kind.rawValue, shown: shown, exported: w.table, total: total, standardError: w.standardError,
                                unit: "nats", layers: w.groups.map { .init(name: $0.name, value: $0.nats, share: total > 0 ? $0.nats / total : 0) },
                                extras: extras)
    }
}
