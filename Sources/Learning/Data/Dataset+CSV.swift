extension Dataset {
    /// Loads a numeric CSV file (gzip or plain): one sample a line, one column of labels.
    ///
    /// - Throws: `DatasetError.malformed` naming the file and line for ragged rows, non-numbers,
    ///   a label column out of range, labels that are not whole numbers, or a shape that does not
    ///   match the feature columns.
    public static func csv(_ path: String, name: String? = nil,
                           options: CSVOptions = CSVOptions()) throws -> Dataset {
        let parser = CSVParser(bytes: try DataFile.read(path), separator: options.separator, file: path)
        let table = try parser.parse(header: options.header)
        let columns = table.columnCount
        guard table.rowCount > 0, columns >= 2 else {
            throw DatasetError.malformed(
                file: path, problem: "no data rows with a label and at least one feature")
        }
        let labelColumn = options.labelColumn < 0 ? columns + options.labelColumn : options.labelColumn
        guard (0..<columns).contains(labelColumn) else {
            throw DatasetError.malformed(
                file: path, problem: "label column \(options.labelColumn) is outside the \(columns) columns")
        }
        let featureCount = columns - 1
        let shape = options.sampleShape ?? [featureCount]
        guard shape.allSatisfy({ $0 > 0 }), shape.reduce(1, *) == featureCount else {
            throw DatasetError.invalidArgument(
                operation: "csv '\(path)'",
                message: "sample shape \(shape) does not hold the \(featureCount) feature columns")
        }
        var features = [Float]()
        features.reserveCapacity(table.rowCount * featureCount)
        var rawLabels = [Float]()
        for row in 0..<table.rowCount {
            for column in 0..<columns {
                let value = table.values[row * columns + column]
                if column == labelColumn {
                    rawLabels.append(Float(value))
                } else {
                    features.append(Float(value) * options.scale)
                }
            }
        }
        let labels = try wholeLabels(rawLabels, file: path)
        let classCount = try checkedClassCount(labels, names: options.classNames, file: path)
        let names = options.classNames.isEmpty ? (0..<classCount).map(String.init) : options.classNames
        return Dataset(unchecked: name ?? path, sampleShape: shape, features: features, labels: labels,
                       classCount: classCount, classNames: names,
                       nuisances: NuisanceTable(sampleCount: labels.count))
    }
}
