import Foundation
import TensorRuntime

/// How P2 gets the curvature's spectrum.
public enum WeightInformationEstimator: Equatable, Sendable {
    /// Exact eigen-decomposition of the true Fisher (k×k), refused above `maxParameters`.
    case exact(maxParameters: Int)
    /// Each layer's diagonal block of F decomposed on its own: an upper bound on the nats.
    case layerBlocks(maxBlockParameters: Int)
    /// Only diag F (O(k)): an upper bound on the nats.
    case diagonal
    /// Stochastic Lanczos quadrature with Fisher-vector products, seeded; carries a standard error.
    case lanczos(steps: Int, probes: Int, seed: UInt64)

    /// How the estimator is named in output.
    public var label: String {
        switch self {
        case .exact: return "exact eigen-decomposition of the true Fisher"
        case .layerBlocks: return "per-layer Fisher blocks (upper bound)"
        case .diagonal: return "Fisher diagonal (upper bound)"
        case .lanczos(let steps, let probes, let seed): return "stochastic Lanczos quadrature (\(steps) steps, \(probes) probes, seed \(seed))"
        }
    }
}

/// P2: information in the weights under a Gaussian code, from the spectrum of the true Fisher F
/// (PSD, the curvature of the mean loss up to the residual term).
///
/// `IW = ‖w*‖²/(2λ²) + ½ Σ_j [log(1+s_j) − s_j/(1+s_j)]`,
/// `C*_β = L_D(w*) + β‖w*‖²/(2λ²) + (β/2) Σ_j log(1+s_j)`, with `s_j = λ² h_j/β`.
public enum WeightInformation {
    static let name = "info_in_weights"

    /// The result for given eigenvalues (one group), for closed-form checks and external spectra.
    public static func fromEigenvalues(_ h: [Double], weightNormSquared: Double, loss: Double,
                                       code: GaussianCode, group: String = "all") -> WeightInformationResult {
        let entry = WeightInformationEntry(code: code, name: group, eigenvalues: h, weightNormSquared: weightNormSquared)
        return WeightInformationResult(code: code, estimator: "given eigenvalues", loss: loss, groups: [entry],
                                       total: entry, standardError: nil, isUpperBound: false)
    }

    /// Estimates IW and C*_β of `model` on `data` with the requested estimator, and (but for
    /// Lanczos, which never forms Σ*) checks the quadratic assumption by drawing weights from Σ*
    /// with `seed` (`QuadraticCheck`).
    ///
    /// - Throws: `ProbeError.tooLarge` before any work when an exact form is over its limit
    ///   (with the cost and the cheaper alternative), and bad-argument errors.
    public static func estimate<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, code: GaussianCode,
                                   estimator: WeightInformationEstimator, seed: UInt64 = 0) throws -> WeightInformationResult {
        let op = try CurvatureOperator(model: model, data: data)
        // Refuse what would not fit in memory before any product or matrix exists.
        try ProbeCost.weightInformation(op.workload, estimator: estimator).check()
        let loss = Double(try model.meanLoss(data, probe: name).scalar())
        let norms = model.layers.map { layer in
            model.parameters[layer.range].reduce(0.0) { acc, t in acc + t.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } }
        }
        let totalNorm = norms.reduce(0, +)
        let k = op.dimension
        switch estimator {
        case .exact(let limit):
            guard k <= limit else {
                throw ProbeError.tooLarge(probe: name, message: "exact eigen-decomposition of the \(k)×\(k) Fisher needs \(k * k * 8 / 1_000_000) MB, \(k) Fisher-vector products and about \(String(format: "%.2g", 1.4 * pow(Double(k), 3))) flops; the limit is \(limit) weights", instead: [.layerBlocks, .diagonal, .lanczos])
            }
            let fisher = try op.matrix(maxParameters: limit, probe: name, op.fisherVectorProduct)
            let total = WeightInformationEntry(code: code, name: "total", eigenvalues: try SymmetricEigen.eigenvalues(of: fisher),
                                               weightNormSquared: totalNorm)
            let sampler = try PosteriorSampler(fisher: fisher, code: code)
            return try checked(op, WeightInformationResult(code: code, estimator: estimator.label, loss: loss, groups: [], total: total,
                                                           standardError: nil, isUpperBound: false), seed: seed, draw: sampler.draw)
        case .layerBlocks(let limit):
            let blocks = try model.layers.map { try blockMatrix(op, layer: $0, limit: limit) }
            let groups = try model.layers.enumerated().map { index, layer in
                WeightInformationEntry(code: code, name: layer.name, eigenvalues: try SymmetricEigen.eigenvalues(of: blocks[index]),
                                       weightNormSquared: norms[index])
            }
            // Σ* of the blocks: each layer's weights drawn from its own block, independent of the others.
            let samplers = try blocks.map { try PosteriorSampler(fisher: $0, code: code) }
            return try checked(op, .init(code: code, estimator: estimator.label, loss: loss, groups: groups, total: .sum(groups),
                                         standardError: nil, isUpperBound: true), seed: seed) { noise in
                samplers.flatMap { $0.draw(&noise) }
            }
        case .diagonal:
            let diag = try FisherProbe.estimate(model, on: data, estimator: .exact, diagonal: true).diagonal ?? []
            let groups = model.layers.enumerated().map { index, layer in
                WeightInformationEntry(code: code, name: layer.name, eigenvalues: diag[layer.range].flatMap { $0 },
                                       weightNormSquared: norms[index])
            }
            let sigma = diag.flatMap { $0 }.map { code.variance($0).squareRoot() }
            return try checked(op, .init(code: code, estimator: estimator.label, loss: loss, groups: groups, total: .sum(groups),
                                         standardError: nil, isUpperBound: true), seed: seed) { noise in
                sigma.map { $0 * noise.nextNormal() }
            }
        case .lanczos(let steps, let probes, let seed):
            return try lanczos(op, code: code, loss: loss, weightNorm: totalNorm, steps: steps, probes: probes, seed: seed,
                               label: estimator.label)
        }
    }

    /// `result` with its quadratic check: E_Q L_D sampled with noise from `draw` beside the
    /// quadratic prediction `C*_β − β·IW = L_D(w*) + ½ Σ_j h_j σ_j²`.
    private static func checked<S>(_ op: CurvatureOperator<S>, _ result: WeightInformationResult, seed: UInt64,
                                   draw: (inout RandomStream) -> [Double]) throws -> WeightInformationResult {
        var r = result
        r.check = try QuadraticCheck.run(op, lossAtCenter: r.loss, predicted: r.lagrangian - r.code.beta * r.nats, seed: seed, draw: draw)
        return r
    }

    /// The layer's diagonal block of the Fisher.
    private static func blockMatrix<S>(_ op: CurvatureOperator<S>, layer: ProbeLayer, limit: Int) throws -> Matrix64 {
        let offsets = op.model.parameters.indices.map { i in op.model.parameters[..<i].reduce(0) { $0 + $1.count } }
        let start = offsets[layer.range.lowerBound]
        let size = op.model.parameters[layer.range].reduce(0) { $0 + $1.count }
        guard size > 0 else { return try Matrix64(rows: 0, columns: 0) }
        guard size <= limit else {
            throw ProbeError.tooLarge(probe: name, message: "layer '\(layer.name)' has \(size) weights; its exact block needs \(size * size * 8 / 1_000_000) MB, over the limit of \(limit)", instead: [.diagonal, .lanczos])
        }
        var block = [Double](repeating: 0, count: size * size)
        for j in 0..<size {
            var e = [Double](repeating: 0, count: op.dimension)
            e[start + j] = 1
            let column = try op.fisherVectorProduct(e)
            for i in 0..<size { block[i * size + j] = column[start + i] }
        }
        return try Matrix64(rows: size, columns: size, elements: block).symmetrized()
    }

    private static func lanczos<S>(_ op: CurvatureOperator<S>, code: GaussianCode, loss: Double, weightNorm: Double,
                                   steps: Int, probes: Int, seed: UInt64, label: String) throws -> WeightInformationResult {
        guard steps >= 1, probes >= 2 else {
            throw ProbeError.invalidArgument(probe: name, message: "Lanczos needs steps ≥ 1 and probes ≥ 2; got \(steps), \(probes)")
        }
        let random = RandomStream(seed: seed)
        // Same seed for both traces: the same probe vectors, so their errors are correlated, not compounded.
        let nats = try StochasticLanczosQuadrature(dimension: op.dimension, steps: steps, probes: probes, random: random,
                                                   function: { code.nats($0) }, multiply: op.fisherVectorProduct)
        let lagrangian = try StochasticLanczosQuadrature(dimension: op.dimension, steps: steps, probes: probes, random: random,
                                                         function: { code.lagrangian($0) }, multiply: op.fisherVectorProduct)
        let total = WeightInformationEntry(name: "total", directionNats: [], meanNats: code.meanNats(weightNormSquared: weightNorm),
                                           spectralNats: nats.estimate,
                                           lagrangian: lagrangian.estimate + code.beta * code.meanNats(weightNormSquared: weightNorm))
        return WeightInformationResult(code: code, estimator: label, loss: loss, groups: [], total: total,
                                       standardError: nats.standardError, isUpperBound: false)
    }
}
