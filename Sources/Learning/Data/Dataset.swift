/// A labelled classification dataset held in memory: contiguous Float32 features, one Int32 label
/// per sample, class names, and optional per-sample nuisance factors.
///
/// Sample `i` occupies `features[i * sampleSize ..< (i + 1) * sampleSize]`, laid out in
/// `sampleShape` in row-major order (images are channel, height, width). Loaders scale pixels to
/// [0, 1]. Datasets are values: every transform returns a new dataset and leaves its input alone.
public struct Dataset: Equatable, Sendable {
    /// A short name for printing, e.g. "mnist train".
    public var name: String
    /// The shape of one sample, e.g. [1, 28, 28] for a grey image or [2] for a point.
    public let sampleShape: [Int]
    /// All samples' features, back to back.
    public private(set) var features: [Float]
    /// The class of each sample, in `0..<classCount`.
    public private(set) var labels: [Int32]
    /// The number of classes; labels are below it.
    public let classCount: Int
    /// One name per class.
    public let classNames: [String]
    /// Per-sample nuisance factors; empty when the data carries none.
    public private(set) var nuisances: NuisanceTable

    /// Creates a dataset after checking that every part agrees with every other.
    ///
    /// - Parameter classNames: one per class; empty means "0", "1", ….
    /// - Throws: `DatasetError.invalidArgument` for a non-positive shape, a feature count that is
    ///   not `count × sampleSize`, a label outside `0..<classCount`, or mismatched names/nuisances.
    public init(name: String, sampleShape: [Int], features: [Float], labels: [Int32],
                classCount: Int, classNames: [String] = [], nuisances: NuisanceTable? = nil) throws {
        let operation = "dataset '\(name)'"
        guard !sampleShape.isEmpty, sampleShape.allSatisfy({ $0 > 0 }) else {
            throw DatasetError.invalidArgument(
                operation: operation, message: "sample shape \(sampleShape) must have positive sizes")
        }
        let size = sampleShape.reduce(1, *)
        guard features.count == labels.count * size else {
            throw DatasetError.invalidArgument(
                operation: operation,
                message: "\(features.count) feature values for \(labels.count) samples of shape "
                    + "\(sampleShape) (expected \(labels.count * size))")
        }
        guard classCount > 0 else {
            throw DatasetError.invalidArgument(operation: operation,
                                               message: "class count \(classCount) must be positive")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= classCount }) {
            throw DatasetError.invalidArgument(
                operation: operation,
                message: "label \(labels[bad]) of sample \(bad) is outside 0..<\(classCount)")
        }
        guard classNames.isEmpty || classNames.count == classCount else {
            throw DatasetError.invalidArgument(
                operation: operation,
                message: "\(classNames.count) class names for \(classCount) classes")
        }
        let table = nuisances ?? NuisanceTable(sampleCount: labels.count)
        guard table.sampleCount == labels.count else {
            throw DatasetError.invalidArgument(
                operation: operation,
                message: "nuisance table has \(table.sampleCount) rows for \(labels.count) samples")
        }
        self.init(unchecked: name, sampleShape: sampleShape, features: features, labels: labels,
                  classCount: classCount,
                  classNames: classNames.isEmpty ? (0..<classCount).map(String.init) : classNames,
                  nuisances: table)
    }

    /// Creates a dataset whose parts the caller has already made consistent.
    init(unchecked name: String, sampleShape: [Int], features: [Float], labels: [Int32],
         classCount: Int, classNames: [String], nuisances: NuisanceTable) {
        self.name = name
        self.sampleShape = sampleShape
        self.features = features
        self.labels = labels
        self.classCount = classCount
        self.classNames = classNames
        self.nuisances = nuisances
    }

    /// The number of samples.
    public var count: Int { labels.count }

    /// Refuses to build `count` samples of `size` values when they would overflow or take more
    /// than half the machine's memory, so a mistyped count fails cleanly instead of crashing.
    static func checkAllocation(_ operation: String, count: Int, size: Int) throws {
        let (values, overflow) = count.multipliedReportingOverflow(by: size)
        let limit = Gzip.defaultLimit / MemoryLayout<Float>.size
        guard !overflow, values <= limit else {
            throw DatasetError.invalidArgument(
                operation: operation, message: "\(count) samples of \(size) values would exceed "
                    + "half of this machine's memory")
        }
    }

    /// The number of feature values in one sample.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The features of sample `index` (a copy); `index` must be in `0..<count`.
    public func sample(_ index: Int) -> [Float] {
        Array(features[index * sampleSize ..< (index + 1) * sampleSize])
    }

    /// How many samples each class has, indexed by class.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }

    /// Channels, height and width when samples are images ([C, H, W]), else nil.
    public var imageShape: (channels: Int, height: Int, width: Int)? {
        sampleShape.count == 3 ? (sampleShape[0], sampleShape[1], sampleShape[2]) : nil
    }

    /// The same dataset with other features, labels or nuisances of matching sizes.
    func replacing(features: [Float]? = nil, labels: [Int32]? = nil,
                   nuisances: NuisanceTable? = nil, name: String? = nil) -> Dataset {
        Dataset(unchecked: name ?? self.name, sampleShape: sampleShape,
                features: features ?? self.features, labels: labels ?? self.labels,
                classCount: classCount, classNames: classNames,
                nuisances: nuisances ?? self.nuisances)
    }

    /// The same samples under a new set of classes (labels already relabelled by the caller).
    func relabelled(labels: [Int32], classCount: Int, classNames: [String]) -> Dataset {
        Dataset(unchecked: name, sampleShape: sampleShape, features: features, labels: labels,
                classCount: classCount, classNames: classNames, nuisances: nuisances)
    }

    /// The same data with a different sample shape of the same size per sample.
    func reshaped(_ shape: [Int], features newFeatures: [Float], name newName: String? = nil) -> Dataset {
        Dataset(unchecked: newName ?? name, sampleShape: shape, features: newFeatures,
                labels: labels, classCount: classCount, classNames: classNames,
                nuisances: nuisances)
    }
}
