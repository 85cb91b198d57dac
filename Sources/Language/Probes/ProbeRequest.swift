import Learning
import Probes
import TensorRuntime

/// One probe call's settings, read and checked from the builtin's arguments before any work and
/// without the network, so that a probe can be declared first and applied to networks later
/// (`probe fisher = fisher_trace(on: test)`, then `train(..., probes: [fisher])`).
struct ProbeRequest {
    /// Which measure.
    enum Kind: String {
        case fisherTrace = "fisher_trace", fisherDiagonal = "fisher_diagonal", empiricalFisher = "empirical_fisher"
        case infoInWeights = "info_in_weights"
        case hessianTrace = "hessian_trace", hessianEigenvalues = "hessian_eigenvalues", hessianFisherGap = "hessian_fisher_gap"
        case informationLagrangian = "information_lagrangian", betaSweep = "beta_sweep", pacBayesBound = "pac_bayes_bound"
        case invariance, activationInformation = "activation_information"

        /// The label of the data argument: `on` for the Fisher and Hessian probes, else `data`.
        var dataLabel: String {
            switch self {
            case .infoInWeights, .informationLagrangian, .betaSweep, .pacBayesBound, .invariance, .activationInformation: return "data"
            default: return "on"
            }
        }
    }

    let kind: Kind
    /// The data measured on, already cut to `samples` inputs.
    let data: Dataset
    /// The dataset's name as written (for messages).
    let dataName: String
    /// How many samples the dataset has before `samples` cut it.
    let dataSize: Int
    /// The seed of the subset, Monte Carlo labels and random probe vectors.
    let seed: UInt64
    /// Fisher probes: exact over classes instead of one sampled label per input.
    var exact = false
    /// Fisher probes: report only these layers.
    var layers: [String]?
    /// info_in_weights: the Gaussian code (β, λ, form) and the curvature estimator's name.
    var code: GaussianCode?
    var curvature = "auto"
    /// Hessian probes: Rademacher probe vectors, eigenvalues wanted, Lanczos steps.
    var probes = 100
    var eigenvalues = 3
    var steps = 20
    /// Where the arguments were, so errors found when applied still point at them.
    let dataParameter: Int
    let layersParameter: Int?
    var curvatureParameter: Int?
    /// P3 and P4: the variational optimisation's settings (β, λ, steps, pairs, rate, seed).
    var variational: VariationalOptions?
    /// beta_sweep: the values of β, in the order given.
    var betas: [Double] = []
    /// pac_bayes_bound: the confidence δ, the weight draws for E_Q, and the held-out data.
    var delta = 0.05
    var draws = 100
    var test: Dataset?
    var testParameter: Int?
    /// invariance: the layer, the nuisance's name (or its values per sample) and the channel noise σ.
    var layer = ""
    var nuisance = NuisanceChoice.named("")
    var channelNoise = 0.1
    var layerParameter: Int?
    /// activation_information: β, the form, the input probed, an isotropic weight Fisher if given,
    /// the damping and jitter, and Monte Carlo draws for I(z;c).
    var activation = ActivationSettings()
    var nuisanceParameter: Int?

    /// Reads the settings of `kind` from `a` (the network argument, index 0, is not read).
    init(_ kind: Kind, _ a: BuiltinArguments) throws {
        self.kind = kind
        let dataIndex = a.parameterIndex(kind.dataLabel)
        dataParameter = dataIndex
        guard case .object(let d as DatasetValue) = a[dataIndex] else {
            if a.isNone(dataIndex) { throw RuntimeError(Messages.probeNeedsData(kind.rawValue, a.function.parameters[dataIndex].name)) }
            throw a.fail(dataIndex, expected: "a dataset")
        }
        let seedIndex = a.parameterIndex("seed")
        seed = a.isNone(seedIndex) ? a.evaluator.random.nextSeed() : UInt64(try a.integer(seedIndex, atLeast: 0))
        // samples: none (the bound's default) measures all of the data.
        let samplesIndex = a.parameterIndex("samples")
        let samples = a.isNone(samplesIndex) ? d.dataset.count : try a.integer(samplesIndex, atLeast: 1)
        dataName = d.dataset.name
        dataSize = d.dataset.count
        data = samples < d.dataset.count ? try d.dataset.subset(samples, stream: RandomStream(seed: seed, stream: 1)) : d.dataset
        layersParameter = a.function.parameters.firstIndex { $0.name == "layers" }
        if let i = layersParameter, !a.isNone(i) { layers = try a.strings(i) }
        if let i = a.function.parameters.firstIndex(where: { $0.name == "exact" }) { exact = try a.bool(i) }
        switch kind {
        case .infoInWeights: try readCode(a)
        case .informationLagrangian, .betaSweep, .pacBayesBound: try readVariational(a)
        case .invariance: try readInvariance(a, full: d.dataset)
        case .activationInformation: try readActivation(a, full: d.dataset)
        case .hessianTrace, .hessianFisherGap: probes = try a.integer(a.parameterIndex("probes"), atLeast: 2)
        case .hessianEigenvalues:
            eigenvalues = try a.integer(a.parameterIndex("k"), atLeast: 1)
            let stepsIndex = a.parameterIndex("steps")
            // Lanczos resolves the top k well with a Krylov space a few times k and at least 20 wide.
            steps = a.isNone(stepsIndex) ? max(20, 3 * eigenvalues) : try a.integer(stepsIndex, atLeast: eigenvalues)
        default: break
        }
    }

    private mutating func readCode(_ a: BuiltinArguments) throws {
        let betaIndex = a.parameterIndex("beta"), lambdaIndex = a.parameterIndex("lambda")
        let beta = try a.number(betaIndex), lambda = try a.number(lambdaIndex)
        for (value, index) in [(beta, betaIndex), (lambda, lambdaIndex)] where !(value > 0 && value.isFinite) {
            throw RuntimeError(Messages.probeNotPositive(kind.rawValue, a.function.parameters[index].name, formatNumber(value)), parameter: index)
        }
        let formIndex = a.parameterIndex("form"), form = try a.string(formIndex)
        guard form == "corrected" || form == "paper" else {
            throw RuntimeError(Messages.unknownChoice(kind.rawValue, "form", "\"corrected\" or \"paper\"", form), parameter: formIndex)
        }
        let curvatureIndex = a.parameterIndex("curvature")
        curvatureParameter = curvatureIndex
        curvature = try a.string(curvatureIndex)
        let choices = ["auto", "full", "block", "diagonal", "lanczos"]
        guard choices.contains(curvature) else {
            throw RuntimeError(Messages.unknownChoice(kind.rawValue, "curvature", choices.map { "\"\($0)\"" }.joined(separator: ", "), curvature),
                               parameter: curvatureIndex)
        }
        code = try GaussianCode(lambda: lambda, beta: beta, form: form == "paper" ? .paperPrinted : .corrected)
    }

    /// Checks that the network is built and fits the data: input shape and number of classes.
    func check(_ net: NetworkValue) throws {
        let n = net.network
        guard let input = n.inputShape, let output = n.outputShape else {
            throw RuntimeError(Messages.networkNotBuilt(net.name), parameter: 0)
        }
        guard n.parameterCount > 0 else {
            throw RuntimeError(Messages.probeNoParameters(kind.rawValue, net.name), parameter: 0)
        }
        guard input == data.sampleShape else {
            throw RuntimeError(Messages.probeDataShape(kind.rawValue, net.name, TensorShape.describe(input), dataName,
                                                       TensorShape.describe(data.sampleShape)), parameter: dataParameter)
        }
        let outputs = output.count == 1 ? output[0] : 0
        guard outputs >= 1, data.classCount <= max(outputs, 2) else {
            throw RuntimeError(Messages.probeDataClasses(kind.rawValue, net.name, outputs, dataName, data.classCount),
                               parameter: dataParameter)
        }
        if let test {
            let at = testParameter ?? dataParameter
            guard input == test.sampleShape else {
                throw RuntimeError(Messages.probeDataShape(kind.rawValue, net.name, TensorShape.describe(input), test.name,
                                                           TensorShape.describe(test.sampleShape)), parameter: at)
            }
            guard test.classCount <= max(outputs, 2) else {
                throw RuntimeError(Messages.probeDataClasses(kind.rawValue, net.name, outputs, test.name, test.classCount), parameter: at)
            }
        }
    }

    /// The data as the probes' samples.
    func probeData() throws -> ProbeData<Float> {
        let inputs = try Tensor<Float>(shape: [data.count] + data.sampleShape, scalars: data.features)
        return try ProbeData(inputs: inputs, labels: data.labels.map(Int.init))
    }
}

extension BuiltinArguments {
    /// The position of the parameter called `name` (every probe builtin declares the ones it reads).
    func parameterIndex(_ name: String) -> Int {
        function.parameters.firstIndex { $0.name == name } ?? 0
    }
}
