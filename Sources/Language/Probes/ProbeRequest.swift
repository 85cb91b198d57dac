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
    /// The data before `samples` cut it.
    let fullData: Dataset
    /// Where the network and the data arguments were, so errors found when applied still point
    /// at them.
    let netParameter: Int, dataParameter: Int
    /// The settings of the probe's family, read from its own parameters.
    var settings = Settings.none

    /// Each family's own settings; a request holds exactly those of its kind.
    enum Settings {
        /// Not read yet (only while the request is being made).
        case none
        case fisher(FisherSettings)
        case weights(WeightSettings)
        case hessian(HessianSettings)
        case variational(VariationalSettings)
        case invariance(InvarianceSettings)
        case activation(layer: LayerChoice, ActivationSettings)
    }

    /// P1: exact over classes instead of one sampled label per input; only these layers.
    struct FisherSettings {
        var exact = false
        var layers: [String]?
        var layersParameter: Int
    }

    /// P2: the Gaussian code (β, λ, form) and the curvature estimator's name.
    struct WeightSettings {
        var code: GaussianCode
        var curvature: String
        var curvatureParameter: Int
    }

    /// P6: Rademacher probe vectors, eigenvalues wanted, Lanczos steps.
    struct HessianSettings {
        var probes = 100
        var eigenvalues = 3
        var steps = 20
    }

    /// P3 and P4: the optimisation's settings, the values of β in the order given, and for the
    /// bound its own.
    struct VariationalSettings {
        var options: VariationalOptions
        var betas: [Double]
        var bound: BoundSettings?
        /// beta_sweep's `parallel: "runs"`: the βs shared out among MPI ranks.
        var spreadsRuns = false
    }

    /// pac_bayes_bound: the confidence δ, the weight draws for E_Q, and the held-out data.
    struct BoundSettings {
        var delta: Double
        /// δ′: the confidence spent on bounding E_Q of the train error from the draws.
        var drawsDelta: Double
        var draws: Int
        /// A file written by `save` whose weights are the prior's mean (nil: zero), and its argument.
        var priorMean: String?
        var priorMeanParameter: Int
        /// Prior scales λ to try, each paying 1/J of δ and δ′ (a union bound); nil: λ alone.
        var priorScales: [Double]?
        /// Whether Q's mean is optimised too, from w*.
        var optimiseMean: Bool
        /// Adam's rate on the mean when it is optimised.
        var meanLearningRate: Double
        /// Whether Q's fit minimises the certificate itself (β set at each step), not the Lagrangian.
        var optimisesBound: Bool
        /// Q's starting σ²/λ²; nil: 1e-4 for the Lagrangian, 1 (the prior's spread) for the bound.
        var initialVariance: Double?
        var test: Dataset
        var testParameter: Int
    }

    /// A layer named by the user, and where.
    struct LayerChoice {
        var name: String
        var parameter: Int
    }

    /// P8: the layer, the nuisance's name (or its values per sample) and the channel noise σ.
    struct InvarianceSettings {
        var layer: LayerChoice
        var nuisance: NuisanceChoice
        var nuisanceParameter: Int
        var channelNoise: Double
    }

    /// Reads the data, the samples and the seed (the network is not read), then the probe's own
    /// settings by `read`.
    init(_ kind: Kind, _ a: BuiltinArguments, head: ProbeHead, sampling: ProbeSampling, read: ProbeReader) throws {
        self.kind = kind
        netParameter = head.net.index
        dataParameter = head.data.index
        guard let full = try a[head.data] else {
            throw RuntimeError(Messages.probeNeedsData(kind.rawValue, a.function.parameters[head.data.index].name))
        }
        seed = try a[sampling.seed].map(UInt64.init) ?? a.evaluator.random.nextSeed()
        // samples: none (the bound's default) measures all of the data.
        let samples = try a[sampling.samples] ?? full.count
        dataName = full.name
        dataSize = full.count
        data = samples < full.count ? try full.subset(samples, stream: RandomStream(seed: seed, stream: 1)) : full
        fullData = full
        try read(&self, a)
    }

    /// The Fisher probes' `exact:` and `layers:`.
    mutating func readFisher(_ a: BuiltinArguments, exact: Param<Bool>?, layers: LayerSelection) throws {
        settings = .fisher(FisherSettings(exact: try exact.map { try a[$0] } ?? false, layers: try a[layers.layers],
                                          layersParameter: layers.layers.index))
    }

    mutating func readCode(_ a: BuiltinArguments, _ p: CodeParameters) throws {
        let form = try a[p.form]
        let code = try GaussianCode(lambda: try a[p.lambda], beta: try a[p.beta], form: form == "paper" ? .paperPrinted : .corrected)
        settings = .weights(WeightSettings(code: code, curvature: try a[p.curvature], curvatureParameter: p.curvature.index))
    }

    /// Checks that the network is built and fits the data: input shape and number of classes.
    func check(_ net: NetworkValue) throws {
        let n = net.network
        guard n.isBuilt else { throw RuntimeError(Messages.networkNotBuilt(net.name), parameter: netParameter) }
        guard n.parameterCount > 0 else {
            throw RuntimeError(Messages.probeNoParameters(kind.rawValue, net.name), parameter: netParameter)
        }
        try checkFit(net, data, role: DataFit.data, parameter: dataParameter)
        if case .variational(let v) = settings, let bound = v.bound {
            try checkFit(net, bound.test, role: DataFit.test, parameter: bound.testParameter)
        }
    }

    /// The run's test of `data` against the network, in the probe's name (`check` makes the same).
    private func checkFit(_ net: NetworkValue, _ data: Dataset, role: String, parameter: Int) throws {
        if let problem = DataFit.problem(net.network, name: net.name, shape: data.sampleShape, classes: data.classCount, role: role) {
            throw RuntimeError("\(kind.rawValue): \(problem)", parameter: parameter)
        }
    }

    /// The data as the probes' samples.
    func probeData() throws -> ProbeData<Float> {
        let inputs = try Tensor<Float>(shape: [data.count] + data.sampleShape, scalars: data.features)
        return try ProbeData(inputs: inputs, labels: data.labels.map(Int.init))
    }
}

