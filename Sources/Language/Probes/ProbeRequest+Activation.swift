import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    mutating func readActivation(_ a: BuiltinArguments, full: Dataset) throws {
        let name = kind.rawValue
        let layerIndex = a.parameterIndex("layer")
        layer = try a.string(layerIndex)
        layerParameter = layerIndex
        var s = ActivationSettings()
        let betaIndex = a.parameterIndex("beta")
        s.beta = try a.number(betaIndex)
        guard s.beta > 0, s.beta.isFinite else { throw RuntimeError(Messages.probeNotPositive(name, "beta", formatNumber(s.beta)), parameter: betaIndex) }
        let formIndex = a.parameterIndex("form"), form = try a.string(formIndex)
        guard form == "corrected" || form == "paper" else {
            throw RuntimeError(Messages.unknownChoice(name, "form", "\"corrected\" or \"paper\"", form), parameter: formIndex)
        }
        s.form = form == "paper" ? .paperPrinted : .corrected
        let inputIndex = a.parameterIndex("input")
        s.index = try a.integer(inputIndex, atLeast: 0)
        guard s.index < full.count else { throw RuntimeError(Messages.activationInput(s.index, dataName, full.count), parameter: inputIndex) }
        s.input = full.sample(s.index)
        let fisherIndex = a.parameterIndex("fisher")
        if !a.isNone(fisherIndex) {
            let c = try a.number(fisherIndex)
            guard c > 0, c.isFinite else { throw RuntimeError(Messages.probeNotPositive(name, "fisher", formatNumber(c)), parameter: fisherIndex) }
            s.isotropicFisher = c
        }
        for (key, path) in [("damping", \ActivationSettings.damping), ("epsilon", \ActivationSettings.epsilon)] {
            let i = a.parameterIndex(key), x = try a.number(i)
            guard x >= 0, x.isFinite else { throw RuntimeError(Messages.probeNegative(name, key, formatNumber(x)), parameter: i) }
            s[keyPath: path] = x
        }
        s.epsilonParameter = a.parameterIndex("epsilon")
        s.dampingParameter = a.parameterIndex("damping")
        s.draws = try a.integer(a.parameterIndex("draws"), atLeast: 0)
        let aboutIndex = a.parameterIndex("about")
        if !a.isNone(aboutIndex) {
            let items = try a.list(aboutIndex)
            guard items.count == full.count, data.count == full.count else {
                throw RuntimeError(Messages.activationAboutCount(items.count, dataName, full.count, data.count), parameter: aboutIndex)
            }
            s.about = try items.map { v in
                guard case .number(let x) = v, isExactInteger(x) else { throw a.fail(aboutIndex, expected: "a list of whole numbers (one id per sample)") }
                return Int(x)
            }
        }
        s.inputs = try a.integer(a.parameterIndex("inputs"), atLeast: 2)
        activation = s
    }

    /// P7 at one input: F_{z|x}, its trace and log-det, the per-pixel map; with draws, the Monte
    /// Carlo I(z_n; y) over the first inputs of the data.
    func activationInformation(_ model: ProbeModel<Float>, _ samples: ProbeData<Float>) throws -> ProbeResultValue {
        let s = activation
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
            throw RuntimeError(Messages.activationFisherTooLarge(k, Self.autoExactLimit), parameter: layerParameter)
        }
        let fisher: Matrix64
        if let c = s.isotropicFisher {
            var f = try Matrix64(rows: k, columns: k)
            for i in 0..<k { f.elements[i * k + i] = c }
            fisher = f
        } else {
            let op = try CurvatureOperator(model: model, data: samples)
            fisher = try op.matrix(probe: kind.rawValue) { try op.fisherVectorProduct($0) }
        }
        let x = try Tensor<Float>(shape: [1] + data.sampleShape, scalars: s.input)
        let r: ActivationInformationResult
        do {
            r = try ActivationInformation.linearised(map, at: x, fisher: fisher, beta: s.beta, epsilon: s.epsilon,
                                                     damping: s.damping, form: s.form)
        } catch let e as ActivationCovarianceSingular {
            throw RuntimeError(Messages.activationSingular(layer, e.reason, advice: e.advice),
                               parameter: e.needsDamping ? activation.dampingParameter : activation.epsilonParameter)
        }
        var mc: (value: Double, standardError: Double)?
        if s.draws > 0 {
            let n = min(s.inputs, samples.count)
            let inputs = try (0..<n).map { i in try samples.rows([i]).inputs }
            let z = try ActivationInformation.sampleActivations(map, inputs: inputs, fisher: fisher, beta: s.beta, damping: s.damping,
                                                                draws: s.draws, seed: seed)
            let ids = s.about ?? samples.labels
            let classes = (0..<n).flatMap { [Int](repeating: ids[$0], count: s.draws) }
            mc = try MutualInformationEstimator.gaussianClassConditional(z, classes: classes)
        }
        return activationValue(r, mc: mc, fisherNote: s.isotropicFisher.map { "\(formatNumber($0))·I (given)" } ?? "true Fisher on \(samples.count) inputs")
    }
}
