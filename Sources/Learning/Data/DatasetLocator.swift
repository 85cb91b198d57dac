import Foundation

/// Finds the files of a named dataset on disk.
///
/// Search order: the path the user gives (if any, and then only there, so a mistyped path is
/// reported rather than silently replaced by other data); otherwise `$INFOSCOPE_DATA` and its
/// subfolders named after the dataset, then standard places such as `/usr/share/datasets/<name>`
/// (where Debian's `dataset-fashion-mnist` package installs Fashion-MNIST).
public struct DatasetLocator: Sendable {
    /// A directory or file the user named, searched instead of every other place.
    public var explicitPath: String?
    /// The environment to read `INFOSCOPE_DATA` (and `HOME`) from.
    public var environment: [String: String]
    /// Roots searched last, each with the dataset's folder names appended.
    public var standardRoots: [String]

    /// The variable naming a folder of datasets.
    public static let environmentVariable = "INFOSCOPE_DATA"

    /// Creates a locator; by default it reads the process environment.
    public init(explicitPath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                standardRoots: [String]? = nil) {
        self.explicitPath = explicitPath
        self.environment = environment
        var roots = ["/usr/share/datasets", "/usr/local/share/datasets"]
        if let home = environment["HOME"] { roots.append(home + "/.local/share/datasets") }
        self.standardRoots = standardRoots ?? roots
    }

    /// The directories to search, in order, for a dataset known by `folderNames`.
    public func directories(folderNames: [String]) -> [String] {
        if let path = explicitPath {
            return [path] + folderNames.map { join(path, $0) }
        }
        var result: [String] = []
        if let root = environment[DatasetLocator.environmentVariable], !root.isEmpty {
            result.append(root)
            result += folderNames.map { join(root, $0) }
        }
        for root in standardRoots { result += folderNames.map { join(root, $0) } }
        return result
    }

    /// Returns the files `match` picks in the first directory where it finds them all.
    ///
    /// - Parameter match: given a directory, the full paths of the dataset's files there, or nil.
    /// - Throws: `DatasetError.notFound` listing every directory searched (and what was wrong
    ///   with an explicit path), with `hint` on how to get the data.
    func locate(dataset: String, folderNames: [String], hint: String,
                match: (String) -> [String]?) throws -> [String] {
        let searched = directories(folderNames: folderNames)
        for directory in searched where DataFile.isDirectory(directory) {
            if let files = match(directory) { return files }
        }
        var places = searched.map { DataFile.isDirectory($0) ? $0 : "\($0) (does not exist)" }
        if let path = explicitPath, DataFile.exists(path) {
            places = ["\(path) (a file; give the folder that holds the dataset's files)"]
        }
        var note = hint
        if explicitPath == nil && environment[DatasetLocator.environmentVariable] == nil {
            note += "; or set \(DatasetLocator.environmentVariable) to a folder holding it"
        }
        throw DatasetError.notFound(dataset: dataset, searched: places, hint: note)
    }

    /// The first of `names` (each also tried with ".gz") that exists in `directory`.
    static func firstFile(in directory: String, named names: [String]) -> String? {
        for name in names {
            for candidate in [name, name + ".gz"] {
                let path = (directory as NSString).appendingPathComponent(candidate)
                if DataFile.exists(path) { return path }
            }
        }
        return nil
    }

    /// Files in `directory` whose names start with `prefix` and end with `suffix`, sorted by name.
    static func files(in directory: String, prefix: String, suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
            .filter(DataFile.exists)
    }

    private func join(_ a: String, _ b: String) -> String {
        (a as NSString).appendingPathComponent(b)
    }
}
