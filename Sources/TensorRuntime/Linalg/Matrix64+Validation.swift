extension Matrix64 {
    /// Relative asymmetry accepted by default: entries may differ from their mirror by this
    /// fraction of the largest magnitude in the matrix. 1e-10 admits rounding from Double
    /// arithmetic on well-scaled inputs but rejects genuinely asymmetric ones; matrices built in
    /// Float should be passed through `symmetrized()` first.
    public static let defaultSymmetryTolerance = 1e-10

    func checkSquare(_ operation: String) throws {
        guard isSquare else { throw LinalgError.notSquare(operation: operation, rows: rows, columns: columns) }
    }

    func checkFinite(_ operation: String) throws {
        if let index = elements.firstIndex(where: { !$0.isFinite }) {
            throw LinalgError.nonFinite(operation: operation, row: index / max(columns, 1),
                                        column: index % max(columns, 1), value: elements[index])
        }
    }

    /// Checks squareness, finiteness and symmetry (within `tolerance` relative to the largest entry).
    func checkSymmetric(_ operation: String, tolerance: Double) throws {
        try checkSquare(operation)
        try checkFinite(operation)
        let largest = elements.reduce(0) { max($0, abs($1)) }
        for i in 0..<rows {
            for j in 0..<i where abs(self[i, j] - self[j, i]) > tolerance * largest {
                throw LinalgError.notSymmetric(operation: operation, row: i, column: j,
                                               value: self[i, j], mirror: self[j, i])
            }
        }
    }
}
