extension Dataset {
    /// Builds a dataset from a features .npy file ([n, …]) and a labels .npy file ([n]).
    ///
    /// Features are used as stored (no scaling); a rank-1 features array gives samples of shape [1].
    /// - Throws: `DatasetError.malformed` naming the file for a bad header or type, Fortran order,
    ///   a count mismatch between the files, or labels that are not whole numbers ≥ 0.
    public static func npy(features: String, labels: String, name: String? = nil,
                           classNames: [String] = []) throws -> Dataset {
        let x = try NPYFile(path: features)
        let y = try NPYFile(path: labels)
        guard let n = x.shape.first else {
            throw DatasetError.malformed(file: features, problem: "a scalar array holds no samples")
        }
        guard y.shape.count == 1 else {
            throw DatasetError.malformed(file: labels, problem: "labels have shape \(y.shape); expected [n]")
        }
        guard y.shape[0] == n else {
            throw DatasetError.malformed(file: labels, problem: "\(y.shape[0]) labels for \(n) samples in '\(features)'")
        }
        let shape = x.shape.count == 1 ? [1] : Array(x.shape.dropFirst())
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw DatasetError.malformed(file: features, problem: "sample shape \(shape) has an empty dimension")
        }
        let labelValues = try wholeLabels(y.values, file: labels)
        let classCount = try checkedClassCount(labelValues, names: classNames, file: labels)
        return Dataset(unchecked: name ?? features, sampleShape: shape, features: x.values,
                       labels: labelValues, classCount: classCount,
                       classNames: classNames.isEmpty ? (0..<classCount).map(String.init) : classNames,
                       nuisances: NuisanceTable(sampleCount: n))
    }
}
