/// Which part of a dataset with a fixed train/test division to load.
public enum DataSplit: String, Sendable, CaseIterable {
    /// The training part.
    case train
    /// The held-out test part.
    case test

    /// Parses "train" or "test" as a user would write it.
    ///
    /// - Throws: `DatasetError.invalidArgument` naming the accepted values.
    public init(parsing text: String, operation: String) throws {
        guard let split = DataSplit(rawValue: text.lowercased()) else {
            throw DatasetError.invalidArgument(
                operation: operation, message: "unknown split '\(text)'; expected \"train\" or \"test\"")
        }
        self = split
    }
}
