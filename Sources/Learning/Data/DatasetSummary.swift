/// What a dataset holds, for printing: size, sample shape, classes with counts, value range
/// and nuisance factors.
public struct DatasetSummary: Equatable, Sendable, CustomStringConvertible {
    /// The dataset's name.
    public var name: String
    /// The number of samples.
    public var count: Int
    /// The shape of one sample.
    public var sampleShape: [Int]
    /// The class names with how many samples each has.
    public var classes: [(name: String, count: Int)]
    /// The smallest and largest feature value (nil for an empty dataset).
    public var valueRange: ClosedRange<Float>?
    /// The names of the per-sample nuisance factors.
    public var nuisanceNames: [String]

    /// Summarises `dataset` in one pass over its features.
    public init(_ dataset: Dataset) {
        name = dataset.name
        count = dataset.count
        sampleShape = dataset.sampleShape
        classes = Array(zip(dataset.classNames, dataset.classCounts)).map { ($0, $1) }
        if let low = dataset.features.min(), let high = dataset.features.max() {
            valueRange = low...high
        }
        nuisanceNames = dataset.nuisances.names
    }

    /// Several lines: a headline, a class table, and the nuisance factors if there are any.
    public var description: String {
        let shape = "[" + sampleShape.map(String.init).joined(separator: ", ") + "]"
        var range = "no values"
        if let valueRange { range = "values \(valueRange.lowerBound) … \(valueRange.upperBound)" }
        var lines = ["\(name): \(TextFormat.groupedThousands(count)) samples of \(shape), "
            + "\(classes.count) classes, \(range)"]
        let nameWidth = max(5, classes.map(\.name.count).max() ?? 0)
        let counts = classes.map { TextFormat.groupedThousands($0.count) }
        let countWidth = max(5, counts.map(\.count).max() ?? 0)
        lines.append("  " + pad("class", nameWidth) + "  " + pad("count", countWidth, right: true))
        for (entry, text) in zip(classes, counts) {
            lines.append("  " + pad(entry.name, nameWidth) + "  " + pad(text, countWidth, right: true))
        }
        if !nuisanceNames.isEmpty {
            lines.append("  nuisance factors: " + nuisanceNames.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// Compares every field.
    public static func == (a: DatasetSummary, b: DatasetSummary) -> Bool {
        a.name == b.name && a.count == b.count && a.sampleShape == b.sampleShape
            && a.classes.map(\.name) == b.classes.map(\.name)
            && a.classes.map(\.count) == b.classes.map(\.count)
            && a.valueRange == b.valueRange && a.nuisanceNames == b.nuisanceNames
    }


    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

extension Dataset {
    /// A printable summary of the dataset.
    public var summary: DatasetSummary { DatasetSummary(self) }
}
