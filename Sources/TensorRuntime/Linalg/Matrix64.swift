/// A small dense row-major matrix of Doubles, for the exact linear algebra of the probes.
public struct Matrix64: Equatable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries in row-major order: `elements[i * columns + j]` is entry (i, j).
    public var elements: [Double]

    /// Creates a matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) throws {
        guard rows >= 0, columns >= 0 else {
            throw LinalgError.invalidArgument(operation: "matrix",
                                              message: "negative size \(rows)×\(columns)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// Creates a matrix from row-major `elements`, which must number `rows · columns`.
    public init(rows: Int, columns: Int, elements: [Double]) throws {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw LinalgError.shapeMismatch(operation: "matrix", expected: "\(rows)×\(columns) entries",
                                            actual: "\(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Creates a matrix from nested rows, which must all have the same length.
    public init(_ nested: [[Double]]) throws {
        let width = nested.first?.count ?? 0
        if let bad = nested.firstIndex(where: { $0.count != width }) {
            throw LinalgError.shapeMismatch(operation: "matrix", expected: "rows of \(width) entries",
                                            actual: "row \(bad) with \(nested[bad].count)")
        }
        try self.init(rows: nested.count, columns: width, elements: nested.flatMap { $0 })
    }

    /// Builds a matrix without checks; `elements.count == rows · columns` is the caller's duty.
    init(unchecked rows: Int, _ columns: Int, _ elements: [Double]) {
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix64 {
        var elements = [Double](repeating: 0, count: max(n, 0) * max(n, 0))
        for i in 0..<max(n, 0) { elements[i * n + i] = 1 }
        return Matrix64(unchecked: max(n, 0), max(n, 0), elements)
    }

    /// A diagonal matrix with `diagonal` on its diagonal.
    public static func diagonal(_ diagonal: [Double]) -> Matrix64 {
        var m = identity(diagonal.count)
        for (i, value) in diagonal.enumerated() { m.elements[i * diagonal.count + i] = value }
        return m
    }

    /// Entry (i, j). Precondition: `0 <= i < rows`, `0 <= j < columns` (checked by the array).
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// The transpose.
    public var transposed: Matrix64 {
        var t = [Double](repeating: 0, count: elements.count)
        for i in 0..<rows {
            for j in 0..<columns { t[j * rows + i] = elements[i * columns + j] }
        }
        return Matrix64(unchecked: columns, rows, t)
    }

    /// `(A + Aᵀ) / 2`, for curvature matrices accumulated in Float and therefore symmetric only
    /// up to rounding. Throws `notSquare` for a rectangular matrix.
    public func symmetrized() throws -> Matrix64 {
        try checkSquare("symmetrize")
        var s = self
        for i in 0..<rows {
            for j in 0..<i {
                let mean = (self[i, j] + self[j, i]) / 2
                s[i, j] = mean
                s[j, i] = mean
            }
        }
        return s
    }

    /// The matrix product `self · other`; throws `shapeMismatch` if the inner sizes differ.
    public func multiplied(by other: Matrix64) throws -> Matrix64 {
        guard columns == other.rows else {
            throw LinalgError.shapeMismatch(operation: "matrix multiply", expected: "\(columns) rows",
                                            actual: "\(rows)×\(columns) · \(other.rows)×\(other.columns)")
        }
        var product = [Double](repeating: 0, count: rows * other.columns)
        for i in 0..<rows {
            for p in 0..<columns {
                let a = elements[i * columns + p]
                for j in 0..<other.columns { product[i * other.columns + j] += a * other.elements[p * other.columns + j] }
            }
        }
        return Matrix64(unchecked: rows, other.columns, product)
    }

    /// The matrix-vector product `self · vector`; throws `shapeMismatch` on a length mismatch.
    public func multiplied(by vector: [Double]) throws -> [Double] {
        guard vector.count == columns else {
            throw LinalgError.shapeMismatch(operation: "matrix-vector multiply",
                                            expected: "a vector of \(columns)", actual: "\(vector.count)")
        }
        return (0..<rows).map { i in
            var sum = 0.0
            for j in 0..<columns { sum += elements[i * columns + j] * vector[j] }
            return sum
        }
    }

    /// The rows, one line each.
    public var description: String {
        (0..<rows).map { i in (0..<columns).map { "\(self[i, $0])" }.joined(separator: " ") }
            .joined(separator: "\n")
    }
}
