import Learning

/// The parameters of the probe builtins, declared once per builtin in the order it lists them and
/// read through their handles (see `ParameterList`). Groups that several probes share are
/// declared by the same code, so `samples:` means the same everywhere.

/// How a probe reads the settings of its own parameters into its request.
typealias ProbeReader = (inout ProbeRequest, BuiltinArguments) throws -> Void

/// The parameters every probe starts with: the network (left out, the call makes a probe to
/// apply later; a dataset there is the data) and the data, under the probe's label.
struct ProbeHead {
    let net: Param<Value?>
    let data: Param<Dataset?>

    init(_ p: ParameterList, data label: String = "on") {
        net = p.optional("net", .any)
        data = p.optional(label, .dataset)
        p.makesProbe(withoutNetwork: net)
    }
}

/// `samples:` (how many inputs of the data to measure on; none: all of them) and `seed:`.
struct ProbeSampling {
    let samples: Param<Int?>
    let seed: Param<Int?>

    /// Both, one after the other, `samples` defaulting to `defaultSamples` inputs (nil: all).
    init(_ p: ParameterList, defaultSamples: Int? = 1000) {
        samples = Self.samples(p, default: defaultSamples)
        seed = Self.seed(p)
    }

    init(samples: Param<Int?>, seed: Param<Int?>) {
        self.samples = samples
        self.seed = seed
    }

    static func samples(_ p: ParameterList, default count: Int? = 1000) -> Param<Int?> {
        guard let count else { return p.optional("samples", .integer(atLeast: 1)) }
        return p.optional("samples", .integer(atLeast: 1), default: .number(Double(count))).map { Optional($0) }
    }

    static func seed(_ p: ParameterList) -> Param<Int?> { p.optional("seed", .integer(atLeast: 0)) }
}

/// `layers:` of the Fisher probes: report only these layers.
struct LayerSelection {
    let layers: Param<[String]?>
    init(_ p: ParameterList) { layers = p.optional("layers", .strings) }
}

/// `form:` of P2 and P7: the corrected formula or the paper's printed one.
extension ArgumentKind where T == String {
    static var form: ArgumentKind<String> { .oneOf(["corrected", "paper"]) }
}

/// info_in_weights: the Gaussian code and the curvature estimator.
struct CodeParameters {
    let beta: Param<Double>
    let lambda: Param<Double>
    let curvature: Param<String>
    let form: Param<String>

    init(_ p: ParameterList) {
        beta = p.required("beta", .positive)
        lambda = p.optional("lambda", .positive, default: .number(1))
        curvature = p.optional("curvature", .oneOf(["auto", "full", "block", "diagonal", "lanczos"]), default: .string("auto"))
        form = p.optional("form", .form, default: .string("corrected"))
    }
}

/// The variational optimiser of P3 and P4 (its samples and seed follow it). 3000 Adam steps at
/// rate 0.01 move a log-variance by about 30 from its start at 1e-4·λ² (VariationalOptions);
/// `batch:` takes each step's gradients from that many samples (none: all of them).
struct OptimiserParameters {
    let lambda: Param<Double>
    let steps: Param<Int>
    let pairs: Param<Int>
    let learningRate: Param<Double>
    let batch: Param<Int?>
    let sampling: ProbeSampling

    init(_ p: ParameterList, defaultSamples: Int?) {
        lambda = p.optional("lambda", .positive, default: .number(1))
        steps = p.optional("steps", .integer(atLeast: 2), default: .number(3000))
        pairs = p.optional("pairs", .integer(atLeast: 1), default: .number(8))
        learningRate = p.optional("learning_rate", .positive, default: .number(0.01))
        batch = p.optional("batch", .integer(atLeast: 1))
        sampling = ProbeSampling(p, defaultSamples: defaultSamples)
    }
}

/// The posterior's shape: variances per weight or per filter, and a prior scale learned or not.
struct PosteriorParameters {
    let per: Param<String>
    let learnPrior: Param<Bool>

    init(_ p: ParameterList) {
        per = p.optional("per", .oneOf(["weight", "filter"]), default: .string("weight"))
        learnPrior = p.optional("learn_prior", .bool, default: .bool(false))
    }
}

/// Whether Q's mean moves from the trained w* (Adam at its own rate) or stays there.
struct MeanParameters {
    let optimise: Param<Bool>
    let learningRate: Param<Double>

    init(_ p: ParameterList) {
        optimise = p.optional("optimise_mean", .bool, default: .bool(false))
        learningRate = p.optional("mean_learning_rate", .positive, default: .number(0.001))
    }
}

/// pac_bayes_bound's own: the test data, β, the confidence δ, the weight draws and the
/// confidence δ′ spent on bounding their mean train error.
struct BoundParameters {
    let test: Param<Dataset?>
    let beta: Param<Double?>
    let objective: Param<String>
    let delta: Param<Double>
    let draws: Param<Int>
    let drawsDelta: Param<Double>
    let priorMean: Param<String?>
    let priorScales: Param<[Double]?>
    let mean: MeanParameters
    let initialVariance: Param<Double?>

    init(_ p: ParameterList) {
        test = p.optional("test", .dataset)
        beta = p.optional("beta", .positive)
        objective = p.optional("objective", .oneOf(["lagrangian", "bound"]), default: .string("lagrangian"))
        delta = p.optional("delta", ArgumentKind<Double>.number.constrained("between 0 and 1 (exclusive)") { $0 > 0 && $0 < 1 },
                           default: .number(0.05))
        draws = p.optional("draws", .integer(atLeast: 2), default: .number(100))
        drawsDelta = p.optional("delta_draws", ArgumentKind<Double>.number.constrained("between 0 and 1 (exclusive)") { $0 > 0 && $0 < 1 },
                                default: .number(0.01))
        priorMean = p.optionalInput("prior_mean")
        priorScales = p.optional("prior_scales", ArgumentKind<[Double]>.numbers.constrained("a non-empty list of positive numbers") {
            !$0.isEmpty && $0.allSatisfy { $0 > 0 && $0.isFinite }
        })
        mean = MeanParameters(p)
        initialVariance = p.optional("initial_variance", .positive)
    }
}

/// invariance: the layer, the nuisance (a name or values per sample) and the channel's noise.
struct InvarianceParameters {
    let layer: Param<String>
    let nuisance: Param<Value>
    let noise: Param<Double>

    init(_ p: ParameterList) {
        layer = p.required("layer", .string)
        nuisance = p.required("nuisance", .any)
        noise = p.optional("noise", .positive, default: .number(0.1))
    }
}

/// activation_information: the layer, β, the form, the input probed, an isotropic weight Fisher,
/// damping and jitter, and the Monte Carlo draws for I(z;c).
struct ActivationParameters {
    let layer: Param<String>
    let beta: Param<Double?>
    let form: Param<String>
    let input: Param<Int>
    let fisher: Param<Double?>
    let damping: Param<Double>
    let epsilon: Param<Double>
    let draws: Param<Int>
    let inputs: Param<Int>
    let about: Param<[Int]?>
    /// A fitted posterior whose noise replaces β F⁻¹.
    let posterior: Param<WeightPosterior?>

    init(_ p: ParameterList) {
        layer = p.required("layer", .string)
        beta = p.optional("beta", .positive)
        form = p.optional("form", .form, default: .string("corrected"))
        input = p.optional("input", .integer(atLeast: 0), default: .number(0))
        fisher = p.optional("fisher", .positive)
        damping = p.optional("damping", .nonNegative, default: .number(0))
        epsilon = p.optional("epsilon", .nonNegative, default: .number(0))
        draws = p.optional("draws", .integer(atLeast: 0), default: .number(0))
        inputs = p.optional("inputs", .integer(atLeast: 2), default: .number(20))
        about = p.optional("about", ArgumentKind<[Int]>.integers.constrained("a list of whole numbers (one id per sample)") { _ in true })
        posterior = p.optional("posterior", .posterior)
    }
}
