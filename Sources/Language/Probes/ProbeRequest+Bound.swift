import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// Rows per forward pass when counting errors: bounds the activations held at once, and is the
    /// block that one weight draw from Q judges.
    static let errorChunk = GibbsErrorEstimate.maximumBlockRows

    /// P4: fits Q on the training data, by the variational Lagrangian at β or to the bound itself
    /// (`VariationalObjective.bound`), estimates E_Q of the 0-1 error there from weights drawn
    /// afresh for each block of rows (`draws` passes), and puts the kl-form certificate
    /// (`PACBayesCertificate`, every term bounded) and, for a fixed β, McAllester's bound
    /// (β_PAC = N·β) beside the measured test error of Q (drawn the same way) and of w*.
    func bound(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ options: VariationalOptions,
               _ boundSettings: BoundSettings, files: [String: String]) throws -> ProbeResultValue {
        let test = boundSettings.test, draws = boundSettings.draws
        let held = try ProbeData(inputs: Tensor<Float>(shape: [test.count] + test.sampleShape, scalars: test.features),
                                 labels: test.labels.map(Int.init))
        var options = options
        options.optimisesMean = boundSettings.optimiseMean
        options.meanLearningRate = boundSettings.meanLearningRate
        // The bound measures Q's errors from its own draws: the Lagrangian's E_Q L_D is not needed.
        options.estimatesExpectedLoss = false
        if let path = boundSettings.priorMean {
            options.priorMean = try Self.priorMean(model, files: files, path: path, parameter: boundSettings.priorMeanParameter)
        }
        // A union bound over the prior scales: each pays 1/J of δ and δ′, so every one of the J
        // statements holds at once with probability 1 − δ − δ′ and the best may be reported.
        let scales = boundSettings.priorScales ?? [options.lambda], share = Double(scales.count)
        let (delta, drawsDelta) = (boundSettings.delta / share, boundSettings.drawsDelta / share)
        if boundSettings.optimisesBound {
            options.objective = .bound(samples: samples.count, delta: delta)
            // Q starts as wide as the prior (as Pérez-Ortiz et al. do): the KL then starts at the
            // mean's distance alone, and the bound shrinks only the variances the error needs.
            options.initialRelativeVariance = 1
        }
        if let start = boundSettings.initialVariance { options.initialRelativeVariance = start }
        var fits: [BoundFit] = []
        for lambda in scales {
            options.lambda = lambda
            fits.append(try fit(model, samples, held, options, draws: draws, delta: delta, drawsDelta: drawsDelta))
        }
        guard let chosen = fits.min(by: { $0.headline < $1.headline }) else {
            throw RuntimeError("pac_bayes_bound: no prior scale to try")
        }
        options.lambda = chosen.lambda
        let (q, train, measured, certificate) = (chosen.q, chosen.train, chosen.measured, chosen.certificate)
        let atCenter = try errorRate(model, model.parameters, held)
        let atMean = options.optimisesMean ? try errorRate(model, chosen.meanWeights, held) : nil
        let majority = Self.majorityError(train: samples.labels, test: held.labels)
        var settings = variationalSettings(options, inputs: samples.count).filter { $0.key != "inputs" }
        settings[0] = ("unit", "fraction misclassified (0-1 error); KL in nats")
        settings.insert(contentsOf: [("β", Self.betaDescription(options, linear: chosen.linear, last: q.finalBeta)),
                                     ("N", trainingSize(samples.count)),
                                     ("δ", formatNumber(boundSettings.delta) + (scales.count > 1 ? " (δ/\(scales.count) per prior scale)" : "")),
                                     ("δ′", "\(formatNumber(boundSettings.drawsDelta)) (bounding E_Q train error from the draws)"),
                                     ("prior", Self.priorDescription(options, scales: scales, file: boundSettings.priorMean)),
                                     ("start", "σ² = \(formatNumber(options.initialRelativeVariance))·λ² for every weight"),
                                     ("loss", "0-1 error"), ("test inputs", "\(held.count)"),
                                     ("draws", Self.drawsDescription(draws, train: train, test: measured)),
                                     ("±", "one standard error over the independent terms of the draws")], at: 1)
        settings.append(convergenceSetting(q.convergence))
        // Errors and the bound share one column, on one scale; the KL's nats have their own.
        let rows: [[ProbeCell]] = [
            [.text("E_Q train error"), .estimate(train.mean, standardError: train.standardError)],
            [.text("KL(Q‖P)"), .empty, .number(q.kl)],
            [.text("test error bound, linear form (1 − δ)"), chosen.linear.map { .number($0.bound) } ?? .empty],
            [.text("E_Q train error bound (1 − δ′)"), certificate.map { .number($0.trainErrorBound) } ?? .empty],
            [.text("test error certificate, kl form (1 − δ − δ′)"), certificate.map { .number($0.bound) } ?? .empty],
            [.text("measured test error of Q"), .estimate(measured.mean, standardError: measured.standardError)],
            [.text("measured test error at w*"), .number(atCenter)],
        ] + (atMean.map { [[.text("measured test error at Q's mean"), .number($0)]] } ?? []) + [
            [.text("test error guessing class \(majority.label)"), .number(majority.error)],
        ]
        let headline = chosen.headline
        let vacuous = headline >= 1, aboveMajority = headline >= majority.error
        let certificateNotes = certificate.map { Self.certificateNotes($0, majority: majority) }
            ?? ["the kl-form certificate needs N ≥ 8 training inputs (here \(samples.count)); only the linear bound is given"]
        let objective = boundSettings.optimisesBound ? "(√(ê + B) + √B)²" : "E_Q L_D + β·KL"
        let shown = ProbeTable(title: "PAC-Bayes bounds (McAllester's linear form; the kl form with every term bounded) — 0-1 error of the Gibbs classifier Q",
                               settings: settings, columns: ["quantity", "0-1 error", "nats"], rows: rows,
                               notes: [convergenceNote([(nil, q.convergence)], steps: options.steps, objective: objective)].compactMap { $0 }
                                   + (chosen.linear.map { Self.boundNotes($0.bound, majority: majority) } ?? []) + certificateNotes)
        let extras: [(name: String, value: Value)] = [
            ("bound", chosen.linear.map { .number($0.bound) } ?? Value.none), ("train_error", .number(train.mean)),
            ("train_error_stderr", .number(train.standardError)),
            ("kl", .number(q.kl)), ("test_error", .number(measured.mean)), ("test_error_stderr", .number(measured.standardError)),
            ("test_error_at_center", .number(atCenter)), ("test_error_at_mean", atMean.map(Value.number) ?? Value.none),
            ("beta_pac", chosen.linear.map { .number($0.betaPAC) } ?? Value.none), ("beta", .number(q.finalBeta)),
            ("delta", .number(boundSettings.delta)), ("samples", .number(Double(samples.count))), ("n", .number(Double(samples.count))),
            ("majority_error", .number(majority.error)), ("vacuous", .bool(vacuous)), ("above_majority", .bool(aboveMajority)),
            ("certificate", certificate.map { .number($0.bound) } ?? Value.none),
            ("train_error_bound", certificate.map { .number($0.trainErrorBound) } ?? Value.none),
            ("delta_draws", .number(boundSettings.drawsDelta)), ("lambda", .number(chosen.lambda)),
            ("scale_certificates", .list(fits.map { $0.certificate.map { .number($0.bound) } ?? Value.none })),
        ] + convergenceMembers(q)
        let exported = ProbeTable(title: shown.title, settings: shown.settings, columns: shown.columns, rows: rows, notes: shown.notes)
        return ProbeResultValue(probe: kind.rawValue, shown: shown, exported: exported, total: headline, standardError: nil,
                                unit: nil, layers: [], extras: extras)
    }

    /// The β line: the fixed β and its β_PAC, or the bound objective's β at the last step.
    static func betaDescription(_ options: VariationalOptions, linear: PACBayesBound?, last: Double) -> String {
        guard let linear else {
            return "set at every step by the bound objective (\(formatSignificant(last)) at the last); McAllester's linear form, "
                + "which needs β fixed before seeing the data, is not given"
        }
        return "\(formatNumber(options.beta)) (mean-loss convention; β_PAC = N·β = \(formatSignificant(linear.betaPAC)))"
    }

    /// One prior scale's fit: Q, the draws' errors and both bounds at that scale's share of δ, δ′.
    struct BoundFit {
        var lambda: Double
        var q: VariationalResult
        /// Q's mean as tensors in the model's shapes (the trained weights unless it was optimised).
        var meanWeights: [Tensor<Float>]
        var train: GibbsErrorEstimate
        var measured: GibbsErrorEstimate
        /// McAllester's bound: only when β was fixed in advance.
        var linear: PACBayesBound?
        var certificate: PACBayesCertificate?

        /// The number the fit is judged by: the certificate, or the linear bound when N < 8.
        var headline: Double { certificate?.bound ?? linear?.bound ?? 1 }
    }

    /// Fits Q at `options` (its λ), measures its errors from weights drawn afresh for every block of
    /// rows, `draws` passes over each dataset, and bounds the test error.
    private func fit(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ held: ProbeData<Float>,
                     _ options: VariationalOptions, draws: Int, delta: Double, drawsDelta: Double) throws -> BoundFit {
        let q = try VariationalLagrangian.optimise(model, on: samples, options: options)
        let mean = options.optimisesMean ? try tensors(model, q.mean) : model.parameters
        // Both datasets start from the same noise: on equal data the draws, and errors, are equal.
        var trainNoise = RandomStream(seed: options.seed, stream: 2), testNoise = trainNoise
        let train = try drawnErrors(model, center: mean, variances: q.variances, on: samples, passes: draws, noise: &trainNoise)
        let measured = try drawnErrors(model, center: mean, variances: q.variances, on: held, passes: draws, noise: &testNoise)
        let linear = options.objective == .lagrangian
            ? try PACBayesBound(empiricalLoss: train.mean, kl: q.kl, samples: samples.count, delta: delta,
                                betaPAC: Double(samples.count) * options.beta, empiricalStandardError: train.standardError) : nil
        // Maurer's kl form holds from N = 8 up; below, only the linear bound is given.
        let certificate = samples.count >= 8
            ? try PACBayesCertificate(trainError: train, drawsDelta: drawsDelta, kl: q.kl, delta: delta) : nil
        return BoundFit(lambda: options.lambda, q: q, meanWeights: mean, train: train, measured: measured, linear: linear, certificate: certificate)
    }

    /// The errors of Q on `data`: `passes` passes, each block of at most `errorChunk` rows judged by
    /// its own weights drawn from Q, so that every block's count is an independent term.
    private func drawnErrors(_ model: ProbeModel<Float>, center: [Tensor<Float>], variances: [Double], on data: ProbeData<Float>,
                             passes: Int, noise: inout RandomStream) throws -> GibbsErrorEstimate {
        let cut = GibbsErrorEstimate.blocks(rows: data.count, maximum: Self.errorChunk)
        // Q's mean and standard deviations, flat, once: every block draws around them.
        let mean = center.flatMap(\.scalars), sigma = variances.map { $0.squareRoot() }
        var counts: [[Int]] = []
        for _ in 0..<passes {
            var pass: [Int] = []
            for block in cut {
                let w = try drawn(mean: mean, sigma: sigma, shapes: center.map(\.shape), noise: &noise)
                pass.append(try errorCount(model, w, data.rows(Array(block))))
            }
            counts.append(pass)
        }
        return try GibbsErrorEstimate(errors: counts, rows: data.count, maximumBlockRows: Self.errorChunk)
    }

    /// The prior's mean from a file written by `save`, flat in the model's parameter order: every
    /// trainable parameter must be there under its file name, with its shape.
    static func priorMean(_ model: ProbeModel<Float>, files: [String: String], path: String, parameter: Int) throws -> [Double] {
        let stored: [NamedTensor]
        do { stored = try Checkpoint.read(path).network } catch {
            throw LanguageError.bridge(error, parameter: parameter)
        }
        var byName: [String: NamedTensor] = [:]
        for t in stored { byName[t.name] = t }
        var mean: [Double] = []
        for (display, tensor) in zip(model.tensorNames, model.parameters) {
            let name = files[display] ?? display
            guard let t = byName[name] else {
                throw RuntimeError(Messages.priorMeanMissing(path, name, display), parameter: parameter)
            }
            guard t.shape == tensor.shape else {
                throw RuntimeError(Messages.priorMeanShape(path, name, t.shape, tensor.shape), parameter: parameter)
            }
            guard t.values.allSatisfy(\.isFinite) else { throw RuntimeError(Messages.priorMeanNonFinite(path, name), parameter: parameter) }
            mean += t.values.map(Double.init)
        }
        return mean
    }

    /// The settings line of the prior: its mean and its scale(s).
    static func priorDescription(_ options: VariationalOptions, scales: [Double], file: String?) -> String {
        let centre = file.map { "N(weights of '\($0)', λ²I)" } ?? "N(0, λ²I)"
        guard scales.count > 1 else { return centre }
        return centre + ", λ chosen from " + scales.map(formatNumber).joined(separator: ", ")
            + " by the smallest certificate (a union bound over the \(scales.count))"
    }

    /// The draws line: passes, and the independent terms (blocks with their own weights) they give.
    static func drawsDescription(_ passes: Int, train: GibbsErrorEstimate, test: GibbsErrorEstimate) -> String {
        "\(passes) passes over each dataset, every block of at most \(train.blockRows) rows with its own weights from Q: "
            + "\(train.terms.count) independent terms on the training data, \(test.terms.count) on the test data"
    }

    /// The most frequent training label and the fraction of the test labels that differ from it:
    /// the error of a classifier that ignores its input, the least a useful bound must beat.
    static func majorityError(train: [Int], test: [Int]) -> (label: Int, error: Double) {
        var counts: [Int: Int] = [:]
        for y in train { counts[y, default: 0] += 1 }
        let label = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
        return (label, Double(test.filter { $0 != label }.count) / Double(max(test.count, 1)))
    }

    /// What the bound does not say: nothing at all from 1 up, less than guessing from the
    /// majority class's error up.
    static func boundNotes(_ bound: Double, majority: (label: Int, error: Double)) -> [String] {
        let shown = NumberColumn.plain(bound, decimals: nil), guess = NumberColumn.plain(majority.error, decimals: nil)
        if bound >= 1 {
            return ["the bound \(shown) is vacuous: a 0-1 error is at most 1, so it says nothing about the test error"]
        }
        if bound >= majority.error {
            return ["the bound \(shown) is above the test error \(guess) of always guessing class \(majority.label): it says less than a classifier that ignores its input"]
        }
        return []
    }

    /// What the certificate does not say, as for the bound; and how loose the draws leave it.
    static func certificateNotes(_ c: PACBayesCertificate, majority: (label: Int, error: Double)) -> [String] {
        let shown = NumberColumn.plain(c.bound, decimals: nil)
        if c.bound >= majority.error {
            return ["the certificate \(shown) is not below the test error \(NumberColumn.plain(majority.error, decimals: nil)) of always guessing class \(majority.label)"]
        }
        return []
    }

    /// The N line: how many training inputs the bound counts, and whether `samples:` cut the data.
    private func trainingSize(_ n: Int) -> String {
        n == dataSize ? "\(n) training inputs (all of '\(dataName)')"
            : "\(n) of the \(dataSize) training inputs of '\(dataName)' (samples: \(n))"
    }

    /// A flat vector of weights as tensors in the model's shapes.
    private func tensors(_ model: ProbeModel<Float>, _ flat: [Double]) throws -> [Tensor<Float>] {
        var offset = 0
        return try model.parameters.map { p in
            defer { offset += p.count }
            return try Tensor(shape: p.shape, scalars: flat[offset..<(offset + p.count)].map { Float($0) })
        }
    }

    /// Weights `mean + σ ⊙ ε` with ε standard normal, as tensors of `shapes` (flat in their order).
    private func drawn(mean: [Float], sigma: [Double], shapes: [[Int]], noise: inout RandomStream) throws -> [Tensor<Float>] {
        var eps = [Double](repeating: 0, count: sigma.count)
        eps.withUnsafeMutableBufferPointer { noise.fillStandardNormals($0) }
        var offset = 0
        return try shapes.map { shape in
            let count = shape.reduce(1, *)
            let values = (offset..<(offset + count)).map { i in Float(Double(mean[i]) + sigma[i] * eps[i]) }
            offset += count
            return try Tensor(shape: shape, scalars: values)
        }
    }

    /// The fraction of `data` the weights `w` misclassify (arg-max of the logits).
    private func errorRate(_ model: ProbeModel<Float>, _ w: [Tensor<Float>], _ data: ProbeData<Float>) throws -> Double {
        var wrong = 0
        for block in GibbsErrorEstimate.blocks(rows: data.count, maximum: Self.errorChunk) {
            wrong += try errorCount(model, w, data.rows(Array(block)))
        }
        return Double(wrong) / Double(max(data.count, 1))
    }

    /// How many rows of `rows` the weights `w` misclassify, in one forward pass.
    private func errorCount(_ model: ProbeModel<Float>, _ w: [Tensor<Float>], _ rows: ProbeData<Float>) throws -> Int {
        let logits = try model.classLogits(w, rows.inputs, probe: kind.rawValue).logits.detached()
        let k = logits.shape[1], z = logits.scalars
        var wrong = 0
        for (i, label) in rows.labels.enumerated() {
            let row = z[(i * k)..<(i * k + k)]
            if let best = row.indices.max(by: { row[$0] < row[$1] }), best - i * k != label { wrong += 1 }
        }
        return wrong
    }
}
