import Foundation

/// P5: Shannon information in the weights, `I(w; D) = E_D KL(Q(w|D) ‖ Q̄)`, for discrete
/// posteriors over a finite set of weights (or of summaries), with the seed entropy separated.
///
/// Runs are indexed by dataset m and seed r. `Q(w|D_m)` averages the seeds first; `Q̄` mixes all
/// runs. The per-seed version `E_{m,r} KL(Q(w|D_m, r) ‖ Q̄)` also counts what the seed decides;
/// the difference between the two is the seed entropy, not information about the data.
public struct ShannonInformation: ProbeResult, Sendable, Equatable {
    /// `I(w; D)` in nats.
    public let information: Double
    /// The per-seed version in nats.
    public let perSeed: Double
    /// `perSeed − information`: information about the seed, not the data.
    public var seedEntropy: Double { perSeed - information }
    /// `E_D KL(Q(w|D) ‖ P)` for the prior P, when one is given (= I + KL(Q̄‖P)).
    public let klToPrior: Double?
    /// `KL(Q̄ ‖ P)`, when a prior is given.
    public let mixtureKL: Double?

    /// From posteriors `runs[m][r]` (each a probability vector over the same outcomes), dataset
    /// weights (default uniform) and an optional prior.
    ///
    /// - Throws: `ProbeError` for ragged or empty input, or entries that are not distributions.
    public init(runs: [[[Double]]], datasetWeights: [Double]? = nil, prior: [Double]? = nil) throws {
        let probe = "shannon_information"
        guard let width = runs.first?.first?.count, width > 0, runs.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.count == width } }) else {
            throw ProbeError.shapeMismatch(probe: probe, message: "every dataset needs at least one run, all over the same outcomes")
        }
        let weights = datasetWeights ?? [Double](repeating: 1 / Double(runs.count), count: runs.count)
        try Self.checkDistribution(weights, count: runs.count, input: .datasetWeights)
        for (m, seeds) in runs.enumerated() {
            for (r, q) in seeds.enumerated() { try Self.checkDistribution(q, count: width, input: .posterior(dataset: m, seed: r)) }
        }
        if let prior { try Self.checkDistribution(prior, count: width, input: .prior) }
        let perDataset = runs.map { seeds in (0..<width).map { j in seeds.reduce(0) { $0 + $1[j] } / Double(seeds.count) } }
        let mixture = (0..<width).map { j in zip(weights, perDataset).reduce(0) { $0 + $1.0 * $1.1[j] } }
        information = zip(weights, perDataset).reduce(0) { $0 + $1.0 * Self.kl($1.1, mixture) }
        perSeed = zip(weights, runs).reduce(0) { acc, pair in
            acc + pair.0 * pair.1.reduce(0) { $0 + Self.kl($1, mixture) } / Double(pair.1.count)
        }
        klToPrior = prior.map { p in zip(weights, perDataset).reduce(0) { $0 + $1.0 * Self.kl($1.1, p) } }
        mixtureKL = prior.map { Self.kl(mixture, $0) }
    }

    /// `KL(q‖p)` in nats; infinite when q puts mass where p has none.
    public static func kl(_ q: [Double], _ p: [Double]) -> Double {
        zip(q, p).reduce(0) { acc, pair in
            guard pair.0 > 0 else { return acc }
            return pair.1 > 0 ? acc + pair.0 * Foundation.log(pair.0 / pair.1) : .infinity
        }
    }

    /// Tolerance on the sum of a distribution: rounding in user-typed decimals, far below any real error.
    static let sumTolerance = 1e-9

    static func checkDistribution(_ q: [Double], count: Int, input: NotADistribution.Input) throws {
        guard q.count == count, q.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(q.reduce(0, +) - 1) <= sumTolerance else {
            throw NotADistribution(input: input, count: count, given: q)
        }
    }

    /// An input that should be a probability vector and is not, and which input it is.
    public struct NotADistribution: Error, CustomStringConvertible {
        public enum Input: Equatable {
            case datasetWeights
            case posterior(dataset: Int, seed: Int)
            case prior
        }
        public let input: Input
        public let count: Int
        public let given: [Double]

        public var description: String {
            let what: String
            switch input {
            case .datasetWeights: what = "dataset weights"
            case .posterior(let m, let r): what = "posterior of dataset \(m), seed \(r)"
            case .prior: what = "prior"
            }
            return "shannon_information: \(what) must be \(count) non-negative numbers summing to 1; got \(given)"
        }
    }

    /// The table of information, per-seed information and seed entropy.
    public var table: ProbeTable {
        var rows: [[ProbeCell]] = [[.text("I(w;D)"), .number(information)], [.text("per-seed E KL(Q(w|D,r)||Q̄)"), .number(perSeed)],
                                   [.text("seed entropy (not about the data)"), .number(seedEntropy)]]
        if let klToPrior, let mixtureKL {
            rows += [[.text("E KL(Q(w|D)||P)"), .number(klToPrior)], [.text("KL(Q̄||P)"), .number(mixtureKL)]]
        }
        return ProbeTable(title: "Shannon information in the weights (discrete posteriors)",
                          settings: [("unit", "nats")], columns: ["quantity", "nats"], rows: rows)
    }
}
