import TensorRuntime

/// Transforms that choose, reorder or regroup samples without changing them.
extension Dataset {
    /// The samples at `indices`, in that order (labels and nuisances follow their samples).
    ///
    /// - Throws: `DatasetError.invalidArgument` for an index outside the dataset.
    public func selecting(_ indices: [Int]) throws -> Dataset {
        if let bad = indices.first(where: { $0 < 0 || $0 >= count }) {
            throw DatasetError.invalidArgument(
                operation: "select", message: "index \(bad) is outside 0..<\(count)")
        }
        return gathered(indices)
    }

    func gathered(_ indices: [Int], name newName: String? = nil) -> Dataset {
        let size = sampleSize
        var newFeatures = [Float]()
        newFeatures.reserveCapacity(indices.count * size)
        features.withUnsafeBufferPointer { source in
            for i in indices {
                newFeatures.append(contentsOf: source[(i * size)..<((i + 1) * size)])
            }
        }
        return Dataset(unchecked: newName ?? name, sampleShape: sampleShape, features: newFeatures,
                       labels: indices.map { labels[$0] }, classCount: classCount,
                       classNames: classNames, nuisances: nuisances.gathering(indices))
    }

    /// `n` samples drawn without replacement, kept in their original order.
    ///
    /// - Throws: `DatasetError.invalidArgument` when `n` is negative or exceeds the size.
    public func subset(_ n: Int, stream: RandomStream) throws -> Dataset {
        guard n >= 0, n <= count else {
            throw DatasetError.invalidArgument(
                operation: "subset", message: "cannot take \(n) samples from \(count)")
        }
        var generator = stream
        let chosen = try generator.permutation(count: count).prefix(n).sorted()
        return gathered(chosen, name: "\(name) |> subset(\(n))")
    }

    /// Splits into two disjoint parts holding `fraction` and `1 − fraction` of the samples, each
    /// in the original order; the first part has `round(fraction × count)` samples.
    ///
    /// - Throws: `DatasetError.invalidArgument` unless 0 < fraction < 1 and both parts are non-empty.
    public func split(_ fraction: Double, stream: RandomStream) throws -> (Dataset, Dataset) {
        guard fraction > 0, fraction < 1 else {
            throw DatasetError.invalidArgument(
                operation: "split", message: "fraction \(fraction) must be strictly between 0 and 1")
        }
        let first = Int((fraction * Double(count)).rounded())
        guard first > 0, first < count else {
            throw DatasetError.invalidArgument(
                operation: "split", message: "fraction \(fraction) of \(count) samples leaves a part empty")
        }
        var generator = stream
        let order = try generator.permutation(count: count)
        return (gathered(order[..<first].sorted(), name: "\(name) |> split part 1"),
                gathered(order[first...].sorted(), name: "\(name) |> split part 2"))
    }

    /// All samples in a uniformly random order.
    public func shuffled(stream: RandomStream) -> Dataset {
        var generator = stream
        var order = Array(0..<count)
        generator.shuffle(&order)
        return gathered(order, name: "\(name) |> shuffle")
    }

    /// Only the samples of `classes`.
    ///
    /// - Parameter relabel: when true, class `classes[j]` becomes label `j` and the dataset has
    ///   `classes.count` classes; when false, labels and class names are kept as they are.
    /// - Throws: `DatasetError.invalidArgument` for an empty list, a repeated class or one that
    ///   does not exist.
    public func classSubset(_ classes: [Int], relabel: Bool = true) throws -> Dataset {
        let operation = "class subset"
        guard !classes.isEmpty else {
            throw DatasetError.invalidArgument(operation: operation, message: "no classes given")
        }
        if let bad = classes.first(where: { $0 < 0 || $0 >= classCount }) {
            throw DatasetError.invalidArgument(
                operation: operation, message: "class \(bad) is outside 0..<\(classCount)")
        }
        guard Set(classes).count == classes.count else {
            throw DatasetError.invalidArgument(operation: operation, message: "classes \(classes) repeat a class")
        }
        var newLabel = [Int32](repeating: -1, count: classCount)
        for (j, c) in classes.enumerated() { newLabel[c] = relabel ? Int32(j) : Int32(c) }
        let kept = labels.indices.filter { newLabel[Int(labels[$0])] >= 0 }
        let selected = gathered(kept, name: "\(name) |> classes(\(classes))")
        guard relabel else { return selected }
        return selected.relabelled(labels: selected.labels.map { newLabel[Int($0)] },
                                   classCount: classes.count, classNames: classes.map { classNames[$0] })
    }
}
