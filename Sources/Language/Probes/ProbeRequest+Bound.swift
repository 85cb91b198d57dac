import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// Rows per forward pass when counting errors: bounds the activations held at once.
    static let errorChunk = 500

    /// P4: fits Q by the variational Lagrangian at β on the training data, estimates E_Q of the
    /// 0-1 error there by `draws` weight draws, and puts McAllester's bound (β_PAC = N·β) and the
    /// kl-form certificate (`PACBayesCertificate`, every term bounded) beside the measured test
    /// error of Q (the same draws) and of the trained weights w*.
    func bound(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, _ options: VariationalOptions,
               _ settings: BoundSettings) throws -> ProbeResultValue {
        let (test, delta, draws, drawsDelta) = (settings.test, settings.delta, settings.draws, settings.drawsDelta)
        let held = try ProbeData(inputs: Tensor<Float>(shape: [test.count] + test.sampleShape, scalars: test.features),
                                 labels: test.labels.map(Int.init))
        let q = try VariationalLagrangian.optimise(model, on: samples, options: options)
        var noise = RandomStream(seed: options.seed, stream: 2)
        var trainErrors: [Double] = [], testErrors: [Double] = []
        for _ in 0..<draws {
            let w = try drawn(model, variances: q.variances, noise: &noise)
            trainErrors.append(try errorRate(model, w, samples))
            testErrors.append(try errorRate(model, w, held))
        }
        let train = try PACBayesBound.meanLoss(trainErrors), measured = try PACBayesBound.meanLoss(testErrors)
        let atCenter = try errorRate(model, model.parameters, held)
        let majority = Self.majorityError(train: samples.labels, test: held.labels)
        let b = try PACBayesBound(empiricalLoss: train.mean, kl: q.kl, samples: samples.count, delta: delta,
                                  betaPAC: Double(samples.count) * options.beta, empiricalStandardError: train.standardError)
        // Maurer's kl form holds from N = 8 up; below, only the linear bound is given.
        let certificate = samples.count >= 8
            ? try PACBayesCertificate(drawnTrainError: train.mean, draws: draws, drawsDelta: drawsDelta,
                                      kl: q.kl, samples: samples.count, delta: delta) : nil
        var settings = variationalSettings(options, inputs: samples.count).filter { $0.key != "inputs" }
        settings[0] = ("unit", "fraction misclassified (0-1 error); KL in nats")
        settings.insert(contentsOf: [("β", "\(formatNumber(options.beta)) (mean-loss convention; β_PAC = N·β = \(formatSignificant(b.betaPAC)))"),
                                     ("N", trainingSize(samples.count)),
                                     ("δ", formatNumber(delta)),
                                     ("δ′", "\(formatNumber(drawsDelta)) (bounding E_Q train error from the draws)"),
                                     ("loss", "0-1 error"), ("test inputs", "\(held.count)"),
                                     ("±", "one standard error over \(draws) weight draws from Q")], at: 1)
        settings.append(convergenceSetting(q.convergence))
        // Errors and the bound share one column, on one scale; the KL's nats have their own.
        let rows: [[ProbeCell]] = [
            [.text("E_Q train error"), .estimate(train.mean, standardError: train.standardError)],
            [.text("KL(Q‖P)"), .empty, .number(q.kl)],
            [.text("test error bound (1 − δ)"), .number(b.bound)],
            [.text("E_Q train error bound (1 − δ′)"), certificate.map { .number($0.trainErrorBound) } ?? .empty],
            [.text("test error certificate, kl form (1 − δ − δ′)"), certificate.map { .number($0.bound) } ?? .empty],
            [.text("measured test error of Q"), .estimate(measured.mean, standardError: measured.standardError)],
            [.text("measured test error at w*"), .number(atCenter)],
            [.text("test error guessing class \(majority.label)"), .number(majority.error)],
        ]
        let vacuous = b.bound >= 1, aboveMajority = b.bound >= majority.error
        let certificateNotes = certificate.map { Self.certificateNotes($0, majority: majority) }
            ?? ["the kl-form certificate needs N ≥ 8 training inputs (here \(samples.count)); only the linear bound is given"]
        let shown = ProbeTable(title: "PAC-Bayes bounds (McAllester's linear form; the kl form with every term bounded) — 0-1 error of the Gibbs classifier Q",
                               settings: settings, columns: ["quantity", "0-1 error", "nats"], rows: rows,
                               notes: [convergenceNote([(nil, q.convergence)], steps: options.steps)].compactMap { $0 }
                                   + Self.boundNotes(b.bound, majority: majority) + certificateNotes)
        let extras: [(name: String, value: Value)] = [
            ("bound", .number(b.bound)), ("train_error", .number(train.mean)), ("train_error_stderr", .number(train.standardError)),
            ("kl", .number(q.kl)), ("test_error", .number(measured.mean)), ("test_error_stderr", .number(measured.standardError)),
            ("test_error_at_center", .number(atCenter)), ("beta_pac", .number(b.betaPAC)), ("delta", .number(delta)),
            ("samples", .number(Double(samples.count))), ("n", .number(Double(samples.count))),
            ("majority_error", .number(majority.error)), ("vacuous", .bool(vacuous)), ("above_majority", .bool(aboveMajority)),
            ("certificate", certificate.map { .number($0.bound) } ?? Value.none),
            ("train_error_bound", certificate.map { .number($0.trainErrorBound) } ?? Value.none),
            ("delta_draws", .number(drawsDelta)),
        ] + convergenceMembers(q)
        let exported = ProbeTable(title: b.table.title, settings: shown.settings, columns: shown.columns, rows: rows, notes: shown.notes)
        return ProbeResultValue(probe: kind.rawValue, shown: shown, exported: exported, total: b.bound, standardError: nil,
                                unit: nil, layers: [], extras: extras)
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

    /// Weights `w* + σ ⊙ ε` with ε standard normal, as tensors in the model's shapes.
    private func drawn(_ model: ProbeModel<Float>, variances: [Double], noise: inout RandomStream) throws -> [Tensor<Float>] {
        var offset = 0
        return try model.parameters.map { p in
            let values = p.scalars.enumerated().map { i, w in Float(Double(w) + variances[offset + i].squareRoot() * noise.nextNormal()) }
            offset += p.count
            return try Tensor(shape: p.shape, scalars: values)
        }
    }

    /// The fraction of `data` the weights `w` misclassify (arg-max of the logits).
    private func errorRate(_ model: ProbeModel<Float>, _ w: [Tensor<Float>], _ data: ProbeData<Float>) throws -> Double {
        var wrong = 0, start = 0
        while start < data.count {
            let rows = try data.rows(Array(start..<min(start + Self.errorChunk, data.count)))
            let logits = try model.classLogits(w, rows.inputs, probe: kind.rawValue).logits.detached()
            let k = logits.shape[1], z = logits.scalars
            for (i, label) in rows.labels.enumerated() {
                let row = z[(i * k)..<(i * k + k)]
                if let best = row.indices.max(by: { row[$0] < row[$1] }), best - i * k != label { wrong += 1 }
            }
            start += Self.errorChunk
        }
        return Double(wrong) / Double(max(data.count, 1))
    }
}
