import Probes

/// P5 of docs/probe-formulas.md: the Shannon information in the weights from posteriors over runs indexed by
/// dataset and seed, with the seed's entropy separated.
extension BuiltinRegistry {
    static var shannonProbes: [BuiltinFunction] {
        [
            def("shannon_information", "probes",
                "the Shannon information I(w;D) in the weights, with the seed entropy separated",
                "I(w;D) = E_D KL(Q(w|D) ‖ Q̄) nats, where Q(w|D_m) averages the seeds' posteriors of dataset m first and Q̄ mixes "
                    + "all runs. runs[m][r] is the posterior of the run on dataset m (a resample) with seed r: a probability vector "
                    + "over the same outcomes for every run (weights quantised to a few values, or any discrete summary of the "
                    + "trained network, e.g. a histogram of its predictions). The per-seed version E_{m,r} KL(Q(w|D_m,r) ‖ Q̄) also "
                    + "counts what the seed decides; the difference is the seed entropy, not information about the data. With a "
                    + "prior P it adds E_D KL(Q(w|D) ‖ P) = I + KL(Q̄ ‖ P). dataset_weights: the probability of each dataset "
                    + "(default uniform). Exact for these discrete posteriors; cost O(datasets × seeds × outcomes). Build runs with "
                    + "map over datasets and seeds, training one network per pair. r.information (= r.total), r.per_seed, "
                    + "r.seed_entropy, r.kl_to_prior, r.mixture_kl. " + paper,
                example: "shannon_information([[[0.9, 0.1]], [[0.1, 0.9]]], prior: [0.7, 0.3]).total",
                signature: "shannon_information(runs: [[posterior per seed] per dataset], prior: none, dataset_weights: none)") { p in
                // The runs are checked in the body, which names the dataset whose runs are malformed.
                let runs = p.required("runs", .list)
                let prior = p.optional("prior", .numbers), datasetWeights = p.optional("dataset_weights", .numbers)
                p.checks { s in s.shannonCost(runs) }
                return { a in
                    let posteriors = try a[runs].enumerated().map { m, seeds -> [[Double]] in
                        let malformed = RuntimeError(Messages.shannonRuns(m), parameter: runs.index)
                        guard case .list(let items) = seeds else { throw malformed }
                        return try items.map { q in
                            guard case .list(let values) = q else { throw malformed }
                            return try values.map { v in guard case .number(let x) = v else { throw malformed }; return x }
                        }
                    }
                    let q = try a[prior], weights = try a[datasetWeights]
                    let s: ShannonInformation
                    do {
                        s = try ShannonInformation(runs: posteriors, datasetWeights: weights, prior: q)
                    } catch let e as ShannonInformation.NotADistribution {
                        let culprit = e.input == .prior ? prior.index : e.input == .datasetWeights ? datasetWeights.index : runs.index
                        throw RuntimeError(e.description, parameter: culprit)
                    } catch let e as ProbeError {
                        throw RuntimeError(e.description, parameter: runs.index)
                    }
                    return .object(shannonValue(s, datasets: posteriors.count, seeds: posteriors.map(\.count).max() ?? 0))
                }
            },
        ]
    }

    private static func shannonValue(_ s: ShannonInformation, datasets: Int, seeds: Int) -> ProbeResultValue {
        var rows: [[ProbeCell]] = [[.text("I(w;D)"), .number(s.information)], [.text("per-seed E KL(Q(w|D,r)‖Q̄)"), .number(s.perSeed)],
                                   [.text("seed entropy (not about the data)"), .number(s.seedEntropy)]]
        var extras: [(name: String, value: Value)] = [("information", .number(s.information)), ("per_seed", .number(s.perSeed)),
                                                     ("seed_entropy", .number(s.seedEntropy))]
        if let toPrior = s.klToPrior, let mixture = s.mixtureKL {
            rows += [[.text("E_D KL(Q(w|D)‖P)"), .number(toPrior)], [.text("KL(Q̄‖P)"), .number(mixture)]]
            extras += [("kl_to_prior", .number(toPrior)), ("mixture_kl", .number(mixture))]
        }
        let shown = ProbeTable(title: "Shannon information in the weights — discrete posteriors, exact",
                               settings: [("unit", "nats"), ("runs", "\(datasets) datasets × up to \(seeds) seeds"),
                                          ("Q(w|D)", "the average over seeds"), ("Q̄", "the mixture over datasets")],
                               columns: ["quantity", "nats"], rows: rows)
        return ProbeResultValue(probe: "shannon_information", shown: shown, exported: shown, total: s.information,
                                standardError: nil, unit: "nats", layers: [], extras: extras)
    }
}
