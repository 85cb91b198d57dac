/// A failure to find, read, build or transform a dataset, with a message naming what and where.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// No files for a named dataset were found; lists every place searched and how to get the data.
    case notFound(dataset: String, searched: [String], hint: String)
    /// A file could not be opened or read at all.
    case unreadable(file: String, reason: String)
    /// A file was read but its contents are not what its format requires.
    case malformed(file: String, problem: String)
    /// An argument to a dataset operation is outside what the operation accepts.
    case invalidArgument(operation: String, message: String)

    /// A message that names the dataset, file or operation and the exact problem.
    public var description: String {
        switch self {
        case let .notFound(dataset, searched, hint):
            let places = searched.map { "  looked in: \($0)" }.joined(separator: "\n")
            return "cannot find the \(dataset) dataset\n\(places)\n  note: \(hint)"
        case let .unreadable(file, reason):
            return "cannot read '\(file)': \(reason)"
        case let .malformed(file, problem):
            return "malformed data file '\(file)': \(problem)"
        case let .invalidArgument(operation, message):
            return "\(operation): \(message)"
        }
    }
}
