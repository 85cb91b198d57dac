import Foundation

/// The error of the Gibbs classifier Q on a fixed set of N rows, `e(Q) = E_{w~Q} e(w)`, estimated
/// from independent terms, with an upper bound that holds with probability 1 − δ′.
///
/// The rows are cut once into B contiguous blocks of at most b rows (sizes differ by at most one),
/// and every pass over them draws fresh weights for each block. A term `X = errors in its block / b`
/// lies in [0, 1]; the terms are independent, and the mean of their expectations is
/// `(N / (B·b))·e(Q)`, which is e(Q) itself when b divides N. Chernoff's bound in kl form holds for
/// independent variables in [0, 1] of unequal means (Hoeffding 1963: the binomial is the extreme
/// case), so with T = passes·B terms and their mean X̄, with probability at least 1 − δ′,
/// `e(Q) ≤ (B·b/N)·kl⁻¹(X̄, log(2/δ′)/T)` (the sample-convergence bound of Langford & Caruana 2001,
/// with blocks). Why blocks: for the cost of m passes the budget shrinks with m·B terms, not m, and
/// a draw of the weights costs less than a pass.
public struct GibbsErrorEstimate: Sendable, Equatable {
    /// Rows per block when measuring a network: enough for an efficient forward pass, few enough
    /// that a pass gives many independent terms (120 on 60,000 rows).
    public static let maximumBlockRows = 500

    /// The terms `X`, pass by pass, block by block.
    public let terms: [Double]
    /// N: rows in the set.
    public let rows: Int
    /// b: the largest block's rows.
    public let blockRows: Int
    /// B: blocks per pass.
    public let blocks: Int

    /// The blocks, as row ranges, of a set of `rows` rows cut into blocks of at most `maximum` rows.
    public static func blocks(rows: Int, maximum: Int) -> [Range<Int>] {
        guard rows > 0 else { return [] }
        let count = (rows + max(maximum, 1) - 1) / max(maximum, 1)
        let small = rows / count, large = rows % count
        var start = 0
        return (0..<count).map { j in
            let size = small + (j < large ? 1 : 0)
            defer { start += size }
            return start..<(start + size)
        }
    }

    /// - Parameter errors: per pass, the misclassified rows of each block (the blocks of
    ///   `blocks(rows:maximum:)`, in order).
    /// - Throws: `ProbeError.invalidArgument` when there is no pass, a pass's block count differs
    ///   from the cut, or a count is negative or above its block's rows.
    public init(errors: [[Int]], rows: Int, maximumBlockRows: Int) throws {
        let cut = Self.blocks(rows: rows, maximum: maximumBlockRows)
        guard !errors.isEmpty, !cut.isEmpty else {
            throw ProbeError.invalidArgument(probe: "pac_bayes", message: "the error of Q needs at least one pass over at least one row")
        }
        let b = cut.map(\.count).max() ?? 1
        var terms: [Double] = []
        for pass in errors {
            guard pass.count == cut.count else {
                throw ProbeError.invalidArgument(probe: "pac_bayes", message: "a pass counted \(pass.count) blocks of the \(cut.count) the rows are cut into")
            }
            for (count, block) in zip(pass, cut) {
                guard count >= 0, count <= block.count else {
                    throw ProbeError.invalidArgument(probe: "pac_bayes", message: "\(count) errors in a block of \(block.count) rows")
                }
                terms.append(Double(count) / Double(b))
            }
        }
        self.terms = terms
        self.rows = rows
        blockRows = b
        blocks = cut.count
    }

    /// `B·b/N`: turns the terms' mean into the error rate (1 when b divides N).
    public var scale: Double { Double(blocks * blockRows) / Double(rows) }

    /// The estimate of e(Q): every error counted over every pass, divided by passes·N.
    public var mean: Double { scale * terms.reduce(0, +) / Double(terms.count) }

    /// The standard error of `mean`, from the spread of the terms.
    public var standardError: Double {
        let t = Double(terms.count)
        guard terms.count > 1 else { return 0 }
        let m = terms.reduce(0, +) / t
        let variance = terms.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (t - 1)
        return scale * (variance / t).squareRoot()
    }

    /// `min(1, (B·b/N)·kl⁻¹(X̄, log(2/δ′)/T))`: with probability at least 1 − δ′, e(Q) is at most this.
    public func upperBound(delta: Double) -> Double {
        let t = Double(terms.count), m = terms.reduce(0, +) / t
        return min(1, scale * BinaryKL.upperInverse(m, budget: Foundation.log(2 / delta) / t))
    }
}
