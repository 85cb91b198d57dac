import Foundation

/// Messages of the probe builtins, probe declarations and probe results.
extension Messages {
    static func probeNeedsData(_ f: String, _ p: String) -> String { "'\(f)' needs data to measure on (\(p): a dataset)" }
    static func probeNotPositive(_ f: String, _ p: String, _ got: String) -> String {
        "argument '\(p)' of '\(f)' must be a positive finite number, got \(got)"
    }
    static func probeExportFormat(_ path: String) -> String {
        "cannot tell the format of '\(path)': the name must end in .csv or .json"
    }
    static func probeExportFailed(_ path: String, _ reason: String) -> String { "cannot write '\(path)': \(reason)" }
    static func probeDeclarationValue(_ name: String, _ got: String) -> String {
        "probe '\(name)' must be a probe call without its network, such as fisher_trace(on: test), or a function of the network, such as fn(net) => ..., got \(got)"
    }
    static func functionProbeArity(_ name: String, _ count: Int) -> String {
        "probe '\(name)': a function probe takes one parameter, the network (fn(net) => ...); this function takes \(count)"
    }
    /// A function probe's result that is not numbers; the run's error names the probe and the step.
    static func functionProbeResult(_ got: String) -> String {
        "it returned \(got); a function probe must return a number, a list of numbers or a record of numbers"
    }
    static let functionProbeChangedWeights = "it changed the network's weights; a function probe may read the network but not train or assign it, as the run goes on from them"
    static func functionProbeChanged(_ before: Int, _ now: Int) -> String {
        "it returned \(now) values after \(before) at its first measurement (or other record fields); a function probe must return the same shape every time"
    }
    static let probeDeclarationHint = "a probe declared without a network is applied to one later: train(..., probes: [NAME]) or NAME.apply(net)"
    static func probeListItem(_ got: String) -> String {
        "'probes' of 'train' must be a list of probes (probe declarations, probe calls without a network, or functions of the network declared with probe NAME = fn(net) => ...), got \(got)"
    }
}

extension Messages {
    static func probeNoParameters(_ f: String, _ net: String) -> String {
        "'\(f)': network '\(net)' has no trainable weights to measure"
    }
    static func probeNameTaken(_ name: String) -> String {
        "a probe cannot be named '\(name)': run.\(name) is the run's own; declare the probe under another name"
    }
    static func probeRepeated(_ name: String) -> String {
        "two probes in 'probes' are named '\(name)'; declare them under different names"
    }
}

extension Messages {
    static let betaSweepEmpty = "argument 'betas' of 'beta_sweep' must list at least one value of β"
    static func betaSweepRepeated(_ beta: String) -> String { "argument 'betas' of 'beta_sweep' lists β = \(beta) twice; give each value once" }
    static func priorMeanMissing(_ path: String, _ name: String, _ display: String) -> String {
        "the prior mean '\(path)' has no tensor '\(name)' (\(display) of the network): write it with save(net, path) from a network of the same architecture"
    }
    static func priorMeanShape(_ path: String, _ name: String, _ stored: [Int], _ wanted: [Int]) -> String {
        "the prior mean '\(path)' holds '\(name)' with shape \(stored), but the network's has shape \(wanted)"
    }
    static func priorMeanNonFinite(_ path: String, _ name: String) -> String {
        "the prior mean '\(path)' holds NaN or infinite values in '\(name)'"
    }
    static let pacBayesNeedsBeta = "'pac_bayes_bound' needs beta: β, the Lagrangian's weight on the KL, or objective: \"bound\" to fit Q to the certificate itself"
    static let pacBayesBetaWithBound = "'pac_bayes_bound': objective: \"bound\" sets β itself at every step (the rate at which the bound trades error for KL); drop beta:, or use objective: \"lagrangian\" to fix it"
    static func pacBayesBoundObjectiveSamples(_ n: Int) -> String {
        "'pac_bayes_bound': objective: \"bound\" fits Q to the kl-form certificate, which needs N ≥ 8 training inputs; got \(n)"
    }
    static func pacBayesBeta(_ beta: String, _ n: Int, _ pac: String) -> String {
        "'pac_bayes_bound': β = \(beta) on \(n) inputs gives β_PAC = N·β = \(pac), but the bound needs β_PAC > 0.5; raise beta to more than \(formatNumber(0.5 / Double(n)))"
    }
}

extension Messages {
    static func invarianceUnknownNuisance(_ name: String, _ data: String, _ known: String) -> String {
        "'invariance': dataset '\(data)' records no nuisance '\(name)' (it records: \(known)); glyphs(...) records position, scale, rotation, stroke and noise, or pass the values as a list"
    }
    static func invarianceNuisanceCount(_ given: Int, _ data: String, _ count: Int, _ used: Int) -> String {
        "'invariance': \(given) nuisance values for dataset '\(data)' of \(count) samples (\(used) measured); give one value per sample and samples ≥ \(count)"
    }
    static func invarianceConstantNuisance(_ name: String, _ data: String) -> String {
        "'invariance': nuisance '\(name)' does not vary across the samples of '\(data)', so there is no information about it to measure"
    }
    static func invarianceUnknownLayer(_ name: String, _ known: String) -> String {
        "'invariance': the network has no layer '\(name)'; its layers are \(known)"
    }
}

extension Messages {
    static func shannonRuns(_ m: Int) -> String {
        "argument 'runs' of 'shannon_information' must be a list per dataset of posteriors (lists of probabilities), one per seed; dataset \(m) is not"
    }
}

extension Messages {
    static func activationInput(_ i: Int, _ data: String, _ count: Int) -> String {
        "argument 'input' of 'activation_information' is \(i) but dataset '\(data)' has \(count) samples (0 to \(count - 1))"
    }
}

extension Messages {
    static func activationMapFormat(_ path: String) -> String { "cannot write the map to '\(path)': the name must end in .pgm (a greyscale image)" }
}

extension Messages {
    static func activationSingular(_ layer: String, _ reason: String, advice: String) -> String {
        "'activation_information': the covariance Σ_z of \(layer) at this input is singular (\(reason)): \(advice)"
    }
}

extension Messages {
    static func activationAboutCount(_ given: Int, _ data: String, _ count: Int, _ used: Int) -> String {
        "'activation_information': \(given) ids in 'about' for dataset '\(data)' of \(count) samples (\(used) measured); give one id per sample and samples ≥ \(count)"
    }
}

extension Messages {
    static func activationPosteriorWith(_ name: String) -> String {
        "'activation_information': posterior: gives the weight noise (Q's own variances), so '\(name)' (for the noise β F⁻¹) cannot be given with it"
    }
    static let activationNeedsNoise = "'activation_information' needs the weight noise: beta: β for N(0, β F⁻¹), or posterior: r for the noise of a fitted information_lagrangian result r"
    static func activationPosteriorSize(_ given: Int, _ k: Int) -> String {
        "'activation_information': the posterior has \(given) weights but the network has \(k); fit information_lagrangian on this network"
    }
    static func activationPosteriorMean(_ tensor: String, _ weight: Double, _ mean: Double) -> String {
        "'activation_information': the network's weights are not the posterior's mean (\(tensor): \(String(format: "%.7g", weight)) against \(String(format: "%.7g", mean))); Q's noise is about its mean, so set_weights(net, r.mean) first"
    }
}

extension Messages {
    static func activationFisherTooLarge(_ k: Int, _ limit: Int) -> String {
        "'activation_information': the network has \(k) weights and the weight Fisher F is taken exactly up to \(limit) (a k×k matrix and its factor); pass fisher: c to use c·I instead (an isotropic Fisher, e.g. the prior's 1/λ²), or probe a smaller network"
    }
}

extension Messages {
    static func probeWarning(_ probe: String, _ note: String) -> String { "warning: \(probe): \(note)" }
}
