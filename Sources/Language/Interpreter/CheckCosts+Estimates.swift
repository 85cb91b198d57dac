import Learning
import Probes

extension CheckCosts {
    /// The cost of a probe call.
    mutating func probe(_ kind: ProbeRequest.Kind, _ args: [Argument]) -> Result<CostEstimate, UnknownCost> {
        let name = kind.rawValue
        guard let netExpr = argument(args, "net", 0), let net = networkOf(netExpr) else {
            return .failure(UnknownCost(message: "\(name): cost unknown until the script runs (the network is computed)"))
        }
        checkProbeFits(kind, net, args)
        let stated = argument(args, kind.dataLabel, 1).flatMap { datasetFacts($0) }?.count
        let samplesArgument = argument(args, "samples", -1)
        guard samplesArgument == nil || literal(samplesArgument) != nil else {
            return .failure(UnknownCost(message: "\(name): cost unknown until the script runs (the sample count is computed)"))
        }
        // The builtins' default: at most 1000 inputs; the bound's: all of the training data.
        let limit = literal(samplesArgument) ?? (kind == .pacBayesBound ? stated ?? 1000 : 1000)
        let samples = min(limit, stated ?? Int.max)
        if stated == nil { note = "counted at \(samples) inputs; the data's size is known when the script runs" }
        let w: ProbeWorkload
        do { w = try ProbeWorkload(network: net, samples: max(samples, 1)) } catch {
            return .failure(UnknownCost(message: "\(name): cost unknown (\(error))"))
        }
        let exact = argument(args, "exact", -1).map { if case .bool(true) = $0.kind { return true } else { return false } } ?? false
        let probes = literal(argument(args, "probes", -1)) ?? 100
        switch kind {
        case .fisherTrace: return .success(ProbeCost.fisher(w, estimator: exact ? .exact : .monteCarlo(seed: 0)))
        case .fisherDiagonal: return .success(ProbeCost.fisher(w, estimator: exact ? .exact : .monteCarlo(seed: 0), diagonal: true))
        case .empiricalFisher: return .success(ProbeCost.fisher(w, estimator: .empirical))
        case .hessianTrace: return .success(ProbeCost.hessianTrace(w, probes: probes))
        case .hessianFisherGap:
            return .success(ProbeCost.hessianFisherGap(w, probes: probes, exactMaxParameters: ProbeRequest.exactGapLimit))
        case .hessianEigenvalues:
            let k = literal(argument(args, "k", -1)) ?? 3
            return .success(ProbeCost.hessianEigenvalues(w, steps: literal(argument(args, "steps", -1)) ?? max(20, 3 * k)))
        case .infoInWeights:
            let limit = ProbeRequest.autoExactLimit
            let estimator: WeightInformationEstimator
            switch text(argument(args, "curvature", -1)) ?? "auto" {
            case "full": estimator = .exact(maxParameters: limit)
            case "block": estimator = .layerBlocks(maxBlockParameters: limit)
            case "diagonal": estimator = .diagonal
            case "lanczos": estimator = .lanczos(steps: ProbeRequest.lanczosSteps, probes: ProbeRequest.lanczosProbes, seed: 0)
            default: estimator = w.parameterCount <= limit ? .exact(maxParameters: limit) : .diagonal
            }
            return .success(ProbeCost.weightInformation(w, estimator: estimator))
        case .informationLagrangian, .betaSweep, .pacBayesBound: return .success(variational(kind, w, args))
        case .invariance: return invariance(net, w, args)
        case .activationInformation: return activation(net, w, args)
        }
    }

    /// What a train call trains: network, sample count, epochs and batch size (from its
    /// arguments, else its schedule, else the language's defaults) and evaluation samples.
    struct TrainShape {
        var network: Network
        var samples: Int
        var epochs: Int
        var batch: Int
        var evaluation: Int
    }

    /// The shape of a train call, or why it is known only at run time.
    mutating func trainShape(_ args: [Argument]) -> Result<TrainShape, UnknownCost> {
        guard let netExpr = argument(args, "net", 0), let net = networkOf(netExpr) else {
            return .failure(UnknownCost(message: "train: cost unknown until the script runs (the network is computed)"))
        }
        guard let dataExpr = argument(args, "on", 1), let count = datasetFacts(dataExpr)?.count, count > 0 else {
            return .failure(UnknownCost(message: "train: cost unknown until the script runs (the size of the training data is computed)"))
        }
        var batch: Int?, epochs: Int?
        if let s = argument(args, "with", 2), case .name(let ref) = s.kind, case .schedule(let b, let e)? = known(ref.name) {
            (batch, epochs) = (b, e)
        }
        if let e = argument(args, "epochs", -1) { epochs = literal(e) ?? -1 }
        if let b = argument(args, "batch", -1) { batch = literal(b) ?? -1 }
        guard epochs ?? 0 >= 0, batch ?? 1 >= 1 else {
            return .failure(UnknownCost(message: "train: cost unknown until the script runs (epochs or batch size are computed)"))
        }
        let evaluation = argument(args, "eval", 3).flatMap { datasetFacts($0) }?.count ?? 0
        return .success(TrainShape(network: net, samples: count, epochs: epochs ?? TrainingPlan.defaultEpochs,
                                   batch: batch ?? TrainingPlan.defaultBatch, evaluation: evaluation))
    }

    /// The cost of a train call's own training.
    mutating func train(_ args: [Argument]) -> Result<CostEstimate, UnknownCost> {
        trainShape(args).flatMap { t in
            do {
                let w = try ProbeWorkload(network: t.network, samples: t.samples)
                return .success(ProbeCost.training(w, epochs: t.epochs, batchSize: t.batch, evaluationSamples: t.evaluation,
                                                   evaluations: t.evaluation > 0 ? t.epochs : 0))
            } catch {
                return .failure(UnknownCost(message: "train: cost unknown (\(error))"))
            }
        }
    }
}
