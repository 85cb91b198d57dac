import Foundation
import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// P8: the layer's activations through a Gaussian channel z̃ = z + N(0, σ²I), then I(z̃;n) and
    /// I(z̃;x) by Gaussian estimates, I(x;y) = H(y), I(z̃;y) by the class-conditional estimator,
    /// and the check I(z;n) ≤ I(z;x) − I(x;y).
    func invariance(_ network: Network, _ samples: ProbeData<Float>, _ s: InvarianceSettings) throws -> ProbeResultValue {
        let (layer, channelNoise, nuisanceLabel) = (s.layer.name, s.channelNoise, Self.label(s.nuisance))
        let z = try activations(network, samples.inputs, layer: s.layer)
        let m = z.first?.count ?? 0, v = try nuisanceValues(s.nuisance)
        let classes = Set(samples.labels).count
        try ProbeCost.invariance(rows: z.count, dimension: m + (v.first?.count ?? 0), classes: classes).check()
        for j in 0..<(v.first?.count ?? 0) where Set(v.map { $0[j] }).count < 2 {
            throw RuntimeError(Messages.invarianceConstantNuisance(nuisanceLabel, dataName), parameter: s.nuisanceParameter)
        }
        var noise = RandomStream(seed: seed, stream: 3)
        let noisy = z.map { row in row.map { $0 + channelNoise * noise.nextNormal() } }
        let aboutNuisance = try MutualInformationEstimator.gaussian(noisy, v)
        // h(z̃) is at most the entropy of a Gaussian with z̃'s covariance; h(z̃|x) is the channel's.
        let aboutInput = 0.5 * (try Cholesky(Self.covariance(noisy)).logDeterminant - Double(m) * Foundation.log(channelNoise * channelNoise))
        let task = Self.entropy(samples.labels)
        // The class-conditional fit needs two samples of every class; with fewer the row says so.
        let fitted = Dictionary(grouping: samples.labels, by: { $0 }).values.allSatisfy { $0.count >= 2 }
        let aboutTask = fitted ? try MutualInformationEstimator.gaussianClassConditional(noisy, classes: samples.labels) : nil
        let report = InvarianceReport(nuisance: aboutNuisance, input: aboutInput, task: task)
        let settings: [(key: String, value: String)] = [
            ("unit", "nats"), ("layer", "\(layer) (\(m) values)"), ("nuisance", nuisanceLabel),
            ("channel", "z̃ = z + N(0, σ²I), σ = \(formatNumber(channelNoise))"),
            ("estimators", "I(z;n) jointly Gaussian; I(z;x) Gaussian bound ½ log|Σ_z̃|/σ^2m; I(x;y) = H(y), labels a function of x; I(z;y) Gaussian class-conditional"),
            ("inputs", "\(samples.count)"), ("seed", "\(seed)"), ("±", "one standard error over inputs"),
        ]
        let rows: [[ProbeCell]] = [
            [.text("I(z;n)"), .number(aboutNuisance)], [.text("I(z;x)"), .number(aboutInput)], [.text("I(x;y)"), .number(task)],
            [.text("I(z;y)"), aboutTask.map { .estimate($0.value, standardError: $0.standardError) } ?? .text("needs 2 samples of every class")],
            [.text("I(z;n) ≤ I(z;x) − I(x;y)"), .text(report.holds ? "holds" : "violated")],
        ]
        let shown = ProbeTable(title: "Invariance of \(layer) to \(nuisanceLabel) — mutual information through a Gaussian channel",
                               settings: settings, columns: ["quantity", "nats"], rows: rows)
        let extras: [(name: String, value: Value)] = [
            ("nuisance", .number(aboutNuisance)), ("input", .number(aboutInput)), ("task", .number(task)),
            ("task_in_z", aboutTask.map { .number($0.value) } ?? Value.none),
            ("task_in_z_stderr", aboutTask.map { .number($0.standardError) } ?? Value.none),
            ("holds", .bool(report.holds)), ("samples", .number(Double(samples.count))),
        ]
        return ProbeResultValue(probe: kind.rawValue, shown: shown, exported: shown, total: aboutNuisance, standardError: nil,
                                unit: "nats", layers: [], extras: extras)
    }

    /// How a nuisance is named in tables and messages.
    static func label(_ nuisance: NuisanceChoice) -> String {
        if case .named(let name) = nuisance { return name }
        return "the given values"
    }

    /// The named layer's output per sample, flattened (a dense layer fused with the relu after it
    /// gives the output after the relu).
    private func activations(_ network: Network, _ inputs: Tensor<Float>, layer choice: LayerChoice) throws -> [[Double]] {
        let layer = choice.name
        var context = ForwardContext(training: false, random: RandomStream(seed: 0), captureOutputs: true)
        _ = try network.run(inputs, context: &context)
        let names = ProbeModel<Float>.displayNames(network)
        guard let capture = context.captures.first(where: { names[$0.name] == layer }) else {
            let known = context.captures.compactMap { names[$0.name] }
            throw RuntimeError(Messages.invarianceUnknownLayer(layer, known.joined(separator: ", ")), parameter: choice.parameter)
        }
        let out = capture.output.detached(), n = inputs.shape[0], m = out.count / max(n, 1)
        let values = out.scalars
        return (0..<n).map { i in values[(i * m)..<(i * m + m)].map(Double.init) }
    }

    /// The sample covariance of rows.
    static func covariance(_ rows: [[Double]]) throws -> Matrix64 {
        let n = Double(rows.count), d = rows.first?.count ?? 0
        let mean = (0..<d).map { j in rows.reduce(0) { $0 + $1[j] } / n }
        var cov = [Double](repeating: 0, count: d * d)
        for r in rows { for i in 0..<d { for j in 0..<d { cov[i * d + j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (n - 1) } } }
        return try Matrix64(rows: d, columns: d, elements: cov)
    }

    /// The entropy of the labels' empirical distribution, nats.
    static func entropy(_ labels: [Int]) -> Double {
        let n = Double(labels.count)
        return Dictionary(grouping: labels, by: { $0 }).values.reduce(0) { h, group in
            let p = Double(group.count) / n
            return h - p * Foundation.log(p)
        }
    }
}
