import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// Reads P7's settings; the input probed and the ids of `about:` are checked against the data.
    mutating func readActivation(_ a: BuiltinArguments, _ p: ActivationParameters) throws {
        let layer = LayerChoice(name: try a[p.layer], parameter: p.layer.index)
        let full = fullData
        var s = ActivationSettings()
        s.beta = try a[p.beta]
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
        guard s.isotropicFisher != nil || k <= Self.autoExactLimit else {
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
            if let c = s.isotropicFisher {
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
            let z = try ActivationInformation.sampleActivations(map, inputs: inputs, fisher: try fisher(), beta: s.beta, damping: s.damping,
                                                                draws: s.draws, seed: seed)
            let ids = s.about ?? samples.labels
            let classes = (0..<n).flatMap { [Int](repeating: ids[$0], count: s.draws) }
            mc = try MutualInformationEstimator.gaussianClassConditional(z, classes: classes)
        }
        return activationValue(r, mc: mc, layer: layer, s, fisherNote: s.isotropicFisher.map { "\(formatNumber($0))·I (given)" } ?? "true Fisher on \(samples.count) inputs")
    }
}
