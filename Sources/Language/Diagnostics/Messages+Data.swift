import Learning

/// Messages of the dataset builtins and declarations.
extension Messages {
    static func datasetNotFound(_ name: String) -> String { "cannot find the \(name) dataset" }
    static func lookedIn(_ place: String) -> String { "looked in: \(place)" }
    static func declarationResult(_ kind: String, _ name: String, _ got: String) -> String {
        "\(kind) '\(name)' must produce a \(kind), got \(got)"
    }
    static let literalNoSamples = "needs at least one sample"
    static func literalCounts(_ x: Int, _ y: Int) -> String { "x has \(x) samples but y has \(y) labels" }
    static func literalShape(_ i: Int, _ shape: [Int], _ first: [Int]) -> String {
        "sample \(i) has shape \(shape), unlike sample 0's \(first)"
    }
    static func literalRagged(_ i: Int) -> String { "sample \(i) is not a rectangular list of finite numbers with at most \(DatasetLiteral.maxRank) dimensions" }
    static func literalLabel(_ i: Int) -> String { "label \(i) must be an integer ≥ 0" }
    static func literalClasses(_ n: Int, _ largest: Int) -> String {
        "\(n) classes cannot hold label \(largest)"
    }
    static func exactlyOne(_ f: String, _ a: String, _ b: String) -> String {
        "'\(f)' needs exactly one of '\(a)' and '\(b)'"
    }
    static func noNuisance(_ name: String, _ known: [String]) -> String {
        "the dataset has no nuisance factor '\(name)'"
            + (known.isEmpty ? " (it has none)" : " (it has \(known.joined(separator: ", ")))")
    }
}

/// Messages of networks and layers.
extension Messages {
    static let secondInputLine = "a network has one 'input' line"
    static let secondInitLine = "a network has one 'init' line"
    static func cannotSetMember(_ type: String, _ name: String) -> String { "cannot assign to member '\(name)' of a \(type)" }
    static func layerHasNo(_ kind: String, _ name: String) -> String { "this \(kind) layer has no \(name) (is the network built?)" }
    static func parameterShape(_ name: String, _ shape: String, _ got: String) -> String {
        "'\(name)' needs numbers in lists of shape \(shape), got a \(got) that does not fit"
    }
    static func notALayer(_ name: String, _ got: String) -> String {
        "'\(name)' must give a layer or a network, got \(got)"
    }
    static func inNetwork(_ name: String) -> String { "in network '\(name)'" }
    static let inputShape = "a list of positive integers such as [1, 28, 28]"
    static var initializerRule: String {
        "an initialisation rule: " + Initializer.names.map { "\"\($0.0)\"" }.joined(separator: ", ")
    }
    static func networkNotBuilt(_ name: String) -> String {
        "network '\(name)' has no input shape yet: add an 'input [...]' line or train it on data"
    }
}

extension Messages {
    static func expectedValue(_ what: String, _ got: String) -> String { "expected \(what), got \(got)" }
}

/// Messages of schedules and training.
extension Messages {
    static let optimizerValue = "an optimizer such as sgd(lr: 0.1)"
    static let rateValue = "a rate schedule such as exponential(0.97) (a fixed rate is the optimizer's lr)"
    static func noScratchDirectory(_ base: String, _ reason: String) -> String {
        "cannot create a temporary directory in '\(base)': \(reason)"
    }
}

extension Messages {
    static let trainNeedsData = "train needs data: give on: DATA, or a schedule with phases"
    static func replicasNotMultipleOfRanks(_ replicas: Int, ranks: Int) -> String {
        "replicas: \(replicas) is not a multiple of the \(ranks) ranks of this job; each rank takes the same number of replicas"
    }
    static let epochsWithPhases = "epochs: applies to schedules without phases (each phase gives its own epochs)"
    static let checkpointEveryWithoutFile = "checkpoint_every: needs checkpoint: a file to write the checkpoints to"
    static func resumeHint(_ path: String) -> String { "train(..., resume: \"\(path)\") continues from it" }
    static func trainingStopped(_ epoch: Int, _ step: String) -> String {
        "stopped after epoch \(epoch) (step \(step)); run keeps the history so far"
    }
    static func dataShape(_ net: String, _ input: String, _ data: String, _ shape: String) -> String {
        "network '\(net)' takes inputs \(input), but \(data) has samples \(shape)"
    }
    static func splitFraction(_ got: String) -> String {
        "split of a dataset takes the fraction of its samples in the first part as its second argument, a number; got \(got)"
    }
    static func cannotWrite(_ path: String, _ problem: String) -> String { "cannot write '\(path)': \(problem)" }
    static func cannotReadFile(_ path: String, _ problem: String) -> String { "cannot read '\(path)': \(problem)" }
    static let allowNonFinite = "allow_nonfinite: true loads them as they are"
    static func networkOutput(_ net: String, _ problem: String) -> String { "network '\(net)' gives no distribution over classes: \(problem)" }
    static func outputClasses(_ net: String, _ output: String, _ data: String, _ classes: Int) -> String {
        "network '\(net)' outputs \(output), but \(data) has \(classes) classes: end it with dense(\(classes))"
    }
}

extension Messages {
}

extension Messages {
    static func unknownAugmentation(_ key: String, _ known: String) -> String {
        "unknown augmentation '\(key)' (known: \(known))"
    }
    static func augmentationValue(_ key: String, _ got: String) -> String {
        "augmentation '\(key)' needs a number ≥ 0, got \(got)"
    }
}

extension Messages {
    static func setWeightsUnknown(_ key: String, _ names: [String]) -> String {
        "'set_weights': the network has no tensor '\(key)'; its tensors are \(names.joined(separator: ", ")) (or their parameter names, net.parameters)"
    }
    static func setWeightsNotList(_ key: String, _ type: String) -> String {
        "'set_weights': '\(key)' must be a list of numbers (flat, row-major), not a \(type)"
    }
    static func setWeightsEntry(_ key: String, _ index: Int, _ what: String) -> String {
        "'set_weights': entry \(index) of '\(key)' is \(what); weights must be finite numbers within float32's range"
    }
    static func setWeightsCount(_ key: String, _ given: Int, _ shape: String, _ count: Int) -> String {
        "'set_weights': '\(key)' has \(given) numbers but the tensor is \(shape) (\(count) entries)"
    }
}
