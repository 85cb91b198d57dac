/// Per-sample values of named nuisance factors (position, rotation, noise level, …), one column
/// per factor, one row per sample, kept in the order the factors were added.
public struct NuisanceTable: Equatable, Sendable {
    /// The values of one factor for every sample.
    public enum Column: Equatable, Sendable {
        /// A continuous factor such as a rotation in degrees.
        case float([Float])
        /// A discrete factor such as a flip flag or a background id.
        case int([Int32])

        /// The number of samples the column describes.
        public var count: Int {
            switch self {
            case let .float(values): return values.count
            case let .int(values): return values.count
            }
        }

        func gathering(_ indices: [Int]) -> Column {
            switch self {
            case let .float(values): return .float(indices.map { values[$0] })
            case let .int(values): return .int(indices.map { values[$0] })
            }
        }
    }

    /// The factor names and their columns, in insertion order.
    public private(set) var factors: [(name: String, column: Column)] = []
    /// The number of samples every column must describe.
    public let sampleCount: Int

    /// Creates an empty table for `sampleCount` samples.
    public init(sampleCount: Int) {
        self.sampleCount = sampleCount
    }

    /// The factor names, in insertion order.
    public var names: [String] { factors.map(\.name) }

    /// Whether the table has no factors.
    public var isEmpty: Bool { factors.isEmpty }

    /// The column of the factor `name`, if there is one.
    public func column(_ name: String) -> Column? {
        factors.first { $0.name == name }?.column
    }

    /// The values of a continuous factor as Floats (an integer factor is converted), if present.
    public func floats(_ name: String) -> [Float]? {
        switch column(name) {
        case let .float(values)?: return values
        case let .int(values)?: return values.map(Float.init)
        case nil: return nil
        }
    }

    /// Adds or replaces the factor `name`.
    ///
    /// - Throws: `DatasetError.invalidArgument` if the column does not have one value per sample.
    public mutating func set(_ name: String, _ column: Column) throws {
        guard column.count == sampleCount else {
            throw DatasetError.invalidArgument(
                operation: "nuisance factor '\(name)'",
                message: "has \(column.count) values for \(sampleCount) samples")
        }
        if let index = factors.firstIndex(where: { $0.name == name }) {
            factors[index].column = column
        } else {
            factors.append((name, column))
        }
    }

    /// Adds `amounts` to a continuous factor, creating it (from zero) when absent.
    ///
    /// Transforms use this to record what they did, e.g. a rotation adds its angle.
    mutating func accumulate(_ name: String, _ amounts: [Float]) {
        var values = floats(name) ?? [Float](repeating: 0, count: sampleCount)
        for i in values.indices { values[i] += amounts[i] }
        setUnchecked(name, .float(values))
    }

    /// Adds or replaces a column the caller built with one value per sample.
    mutating func setUnchecked(_ name: String, _ column: Column) {
        if let index = factors.firstIndex(where: { $0.name == name }) {
            factors[index].column = column
        } else {
            factors.append((name, column))
        }
    }

    /// The rows at `indices`, in that order.
    func gathering(_ indices: [Int]) -> NuisanceTable {
        var result = NuisanceTable(sampleCount: indices.count)
        result.factors = factors.map { ($0.name, $0.column.gathering(indices)) }
        return result
    }

    /// Compares names and columns in order.
    public static func == (lhs: NuisanceTable, rhs: NuisanceTable) -> Bool {
        lhs.sampleCount == rhs.sampleCount && lhs.factors.count == rhs.factors.count
            && zip(lhs.factors, rhs.factors).allSatisfy { $0.name == $1.name && $0.column == $1.column }
    }
}
