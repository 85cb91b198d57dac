import Foundation
import TensorRuntime

/// Sample-based mutual information estimators for P7's Monte Carlo route and P8, in nats.
public enum MutualInformationEstimator {
    static let name = "mutual_information"

    /// Ridge added to every fitted covariance, relative to its mean variance: keeps a class with
    /// fewer samples than dimensions invertible while moving log-dets by about 1e-6 per dimension.
    public static let relativeRidge = 1e-6

    /// `I(z; c)` for a discrete c by the Gaussian class-conditional estimator: fit `N(μ_c, Σ_c)`
    /// and `π_c` per class, then average `log p(z_i|c_i) − log Σ_c π_c p(z_i|c)` over the samples.
    /// Exact in the limit when the class-conditionals are Gaussian. Returns the estimate and the
    /// standard error of the average (the fitting bias, about (#parameters)/(2n), is not in it).
    public static func gaussianClassConditional(_ z: [[Double]], classes c: [Int]) throws -> (value: Double, standardError: Double) {
        guard let d = z.first?.count, d >= 1, z.count == c.count, z.allSatisfy({ $0.count == d }) else {
            throw ProbeError.shapeMismatch(probe: name, message: "need one class per sample and samples of one non-zero dimension; got \(z.count) samples, \(c.count) classes")
        }
        let labels = Array(Set(c)).sorted()
        guard labels.count >= 2 else { return (0, 0) }
        // One d×d covariance per class and its factor: refuse before fitting when they would not fit.
        try ProbeCost.invariance(rows: z.count, dimension: d, classes: labels.count).check()
        var fits: [(weight: Double, mean: [Double], factor: Cholesky)] = []
        for label in labels {
            let rows = zip(z, c).filter { $0.1 == label }.map(\.0)
            guard rows.count >= 2 else {
                throw ProbeError.invalidArgument(probe: name, message: "class \(label) has \(rows.count) sample; each class needs at least 2")
            }
            let (mean, cov) = try moments(rows)
            fits.append((Double(rows.count) / Double(z.count), mean, try Cholesky(cov)))
        }
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var terms: [Double] = []
        for (sample, label) in zip(z, c) {
            let logs = try fits.map { try logDensity(sample, $0.mean, $0.factor) + Foundation.log($0.weight) }
            let top = logs.max() ?? 0
            let mixture = top + Foundation.log(logs.reduce(0) { $0 + Foundation.exp($1 - top) })
            terms.append(logs[index[label] ?? 0] - Foundation.log(fits[index[label] ?? 0].weight) - mixture)
        }
        return HessianProbe.meanAndError(terms)
    }

    /// `I(z; v) = ½(log|Σ_z| + log|Σ_v| − log|Σ_(z,v)|)` for jointly Gaussian samples.
    public static func gaussian(_ z: [[Double]], _ v: [[Double]]) throws -> Double {
        guard z.count == v.count, z.count >= 3 else {
            throw ProbeError.shapeMismatch(probe: name, message: "need the same number (≥ 3) of z and v samples; got \(z.count) and \(v.count)")
        }
        let joint = zip(z, v).map { $0 + $1 }
        return 0.5 * (try Cholesky(moments(z).cov).logDeterminant + Cholesky(moments(v).cov).logDeterminant
                      - Cholesky(moments(joint).cov).logDeterminant)
    }

    static func moments(_ rows: [[Double]]) throws -> (mean: [Double], cov: Matrix64) {
        let n = Double(rows.count), d = rows[0].count
        let mean = (0..<d).map { j in rows.reduce(0) { $0 + $1[j] } / n }
        var cov = [Double](repeating: 0, count: d * d)
        for r in rows { for i in 0..<d { for j in 0..<d { cov[i * d + j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (n - 1) } } }
        let ridge = relativeRidge * max((0..<d).reduce(0) { $0 + cov[$1 * d + $1] } / Double(d), .leastNormalMagnitude)
        for i in 0..<d { cov[i * d + i] += ridge }
        return (mean, try Matrix64(rows: d, columns: d, elements: cov))
    }

    static func logDensity(_ x: [Double], _ mean: [Double], _ factor: Cholesky) throws -> Double {
        let diff = zip(x, mean).map { $0 - $1 }
        let quad = zip(diff, try factor.solve(diff)).reduce(0) { $0 + $1.0 * $1.1 }
        return -0.5 * (quad + factor.logDeterminant + Double(x.count) * Foundation.log(2 * Double.pi))
    }
}

/// P8's check for a nuisance n: `I(z;n) ≤ I(z;x) − I(x;y)` when z is sufficient for y.
public struct InvarianceReport: ProbeResult, Sendable, Equatable {
    /// I(z; n) in nats.
    public let nuisance: Double
    /// I(z; x) (or its effective version) in nats.
    public let input: Double
    /// I(x; y) in nats.
    public let task: Double

    /// The three informations.
    public init(nuisance: Double, input: Double, task: Double) {
        self.nuisance = nuisance
        self.input = input
        self.task = task
    }

    /// Whether `I(z;n) ≤ I(z;x) − I(x;y)`.
    public var holds: Bool { nuisance <= input - task }

    /// The table.
    public var table: ProbeTable {
        ProbeTable(title: "Invariance to a nuisance", settings: [("unit", "nats")], columns: ["quantity", "nats"],
                   rows: [[.text("I(z;n)"), .number(nuisance)], [.text("I(z;x)"), .number(input)], [.text("I(x;y)"), .number(task)],
                          [.text("I(z;n) ≤ I(z;x) − I(x;y)"), .text(holds ? "holds" : "violated")]])
    }
}
