import Foundation
import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// Reads P7's settings; the input probed and the ids of `about:` are checked against the data.
    mutating func readActivation(_ a: BuiltinArguments, _ p: ActivationParameters) throws {
        let layer = LayerChoice(name: try a[p.layer], parameter: p.layer.index)
        let full = fullData
        var s = ActivationSettings()
        s.posterior = try a[p.posterior]
        s.posteriorParameter = p.posterior.index
        switch (try a[p.beta], s.posterior) {
        case (let beta?, nil): s.beta = beta
        case (nil, let q?): s.beta = q.beta
        case (.some, .some): throw RuntimeError(Messages.activationPosteriorWith("beta"), parameter: p.beta.index)
        case (nil, nil): throw RuntimeError(Messages.activationNeedsNoise, parameter: p.layer.index)
        }
        if s.posterior != nil, try a[p.fisher] != nil {
            throw RuntimeError(Messages.activationPosteriorWith("fisher"), parameter: p.fisher.index)
        }
        if s.posterior != nil, try a[p.damping] != 0 {
            throw RuntimeError(Messages.activationPosteriorWith("damping"), parameter: p.damping.index)
        }
        s.form = try a[p.form] == "paper" ? .paperPrinted : .corrected
        s.index = try a[p.input]
        guard s.index < full.count else { throw RuntimeError(Messages.activationInput(s.index, dataName, full.count), parameter: p.input.index) }
        s.input = full.sample(s.index)
        s.isotropicFisher = try a[p.fisher]
        s.damping = try a[p.damping]
        s.epsilon = try a[p.epsilon]
        s.epsilonParameter = p.epsilon.index
        s.dampingParameter = p.damping.index
        s.draws = try a[p.draws]
        if let about = try a[p.about] {
            guard about.count == full.count, data.count == full.count else {
                throw RuntimeError(Messages.activationAboutCount(about.count, dataName, full.count, data.count), parameter: p.about.index)
            }
            s.about = about
        }
        s.inputs = try a[p.inputs]
        settings = .activation(layer: layer, s)
    }

    /// P7 at one input: F_{z|x}, its trace and log-det, the per-pixel map; with draws, the Monte
    /// Carlo I(z_n; y) over the first inputs of the data.
    func activationInformation(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>, layer choice: LayerChoice,
                               _ s: ActivationSettings) throws -> ProbeResultValue {
        let layer = choice.name
        let found = try model.layer(named: layer, probe: kind.rawValue)
        let map = ActivationMap(parameters: model.parameters) { values, x in
            let taps = try model.forward(values, x).taps
            guard let tap = taps.first(where: { found.range.contains($0.weight) && !$0.isAffine }) else {
                throw TensorError.invalidArgument(operation: "activation_information", reason: "layer \(found.name) gave no output")
            }
            return tap.output
        }
        let k = model.parameterCount
        if let q = s.posterior { try checkCentre(q, model, parameter: s.posteriorParameter) }
        guard s.isotropicFisher != nil || s.posterior != nil || k <= Self.autoExactLimit else {
            throw RuntimeError(Messages.activationFisherTooLarge(k, Self.autoExactLimit), parameter: choice.parameter)
        }
        // The k×k weight Fisher, formed once and only when needed: c·I needs none for F_z|x.
        var formed: Matrix64?
        func fisher() throws -> Matrix64 {
            if let formed { return formed }
            var f: Matrix64
            if let c = s.isotropicFisher {
                f = try Matrix64(rows: k, columns: k)
                for i in 0..<k { f.elements[i * k + i] = c }
            } else {
                let op = try CurvatureOperator(model: model, data: samples)
                f = try op.matrix(probe: kind.rawValue) { try op.fisherVectorProduct($0) }
            }
            formed = f
            return f
        }
        let x = try Tensor<Float>(shape: [1] + data.sampleShape, scalars: s.input)
        let r: ActivationInformationResult
        do {
            if let q = s.posterior {
                r = try ActivationInformation.linearised(map, at: x, posteriorVariances: q.variances, epsilon: s.epsilon, form: s.form)
            } else if let c = s.isotropicFisher {
                r = try ActivationInformation.linearised(map, at: x, isotropicFisher: c + s.damping, beta: s.beta,
                                                         epsilon: s.epsilon, form: s.form)
            } else {
                r = try ActivationInformation.linearised(map, at: x, fisher: try fisher(), beta: s.beta, epsilon: s.epsilon,
                                                         damping: s.damping, form: s.form)
            }
        } catch let e as ActivationCovarianceSingular {
            throw RuntimeError(Messages.activationSingular(layer, e.reason, advice: e.advice),
                               parameter: e.needsDamping ? s.dampingParameter : s.epsilonParameter)
        }
        var mc: (value: Double, standardError: Double)?
        if s.draws > 0 {
            let n = min(s.inputs, samples.count)
            let inputs = try (0..<n).map { i in try samples.rows([i]).inputs }
            let z = try s.posterior.map { q in
                try ActivationInformation.sampleActivations(map, inputs: inputs, posteriorVariances: q.variances, draws: s.draws, seed: seed)
            } ?? ActivationInformation.sampleActivations(map, inputs: inputs, fisher: try fisher(), beta: s.beta, damping: s.damping,
                                                         draws: s.draws, seed: seed)
            let ids = s.about ?? samples.labels
            let classes = (0..<n).flatMap { [Int](repeating: ids[$0], count: s.draws) }
            mc = try MutualInformationEstimator.gaussianClassConditional(z, classes: classes)
        }
        let noise: String
        if let q = s.posterior {
            noise = "N(0, diag σ²), Q's variances from information_lagrangian at β = \(formatNumber(q.beta)) (KL \(String(format: "%.1f", q.kl)) nats)"
        } else {
            noise = "N(0, β F⁻¹), F = " + (s.isotropicFisher.map { "\(formatNumber($0))·I (given)" } ?? "true Fisher on \(samples.count) inputs")
        }
        return activationValue(r, mc: mc, layer: layer, s, noise: noise)
    }

    /// Q's noise is about its mean: the network must hold that mean (to Float rounding).
    private func checkCentre(_ q: WeightPosterior, _ model: ProbeModel<Float>, parameter: Int?) throws {
        let weights = model.parameters.flatMap { $0.scalars.map(Double.init) }
        guard q.mean.count == weights.count else {
            throw RuntimeError(Messages.activationPosteriorSize(q.mean.count, weights.count), parameter: parameter)
        }
        guard let d = q.firstDifference(from: weights) else { return }
        var offset = 0
        for (name, tensor) in zip(model.tensorNames, model.parameters) {
            if d.index < offset + tensor.count {
                throw RuntimeError(Messages.activationPosteriorMean("\(name)[\(d.index - offset)]", d.weight, d.mean),
                                   parameter: parameter)
            }
            offset += tensor.count
        }
    }
}
