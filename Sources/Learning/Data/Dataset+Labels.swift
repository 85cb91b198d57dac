import TensorRuntime

/// Label corruptions for memorisation and deficit experiments. Each keeps the true label in the
/// `original_label` nuisance (set by the first corruption in a chain).
extension Dataset {
    /// Replaces the labels of `round(fraction × count)` samples, chosen at random, by labels drawn
    /// uniformly from all classes (so about 1/K of them keep their class by chance).
    ///
    /// Marks the chosen samples with 1 in the `label_replaced` nuisance.
    public func labelNoise(fraction: Double, stream: RandomStream) throws -> Dataset {
        guard fraction.isFinite, fraction >= 0, fraction <= 1 else {
            throw DatasetError.invalidArgument(
                operation: "label noise", message: "fraction \(fraction) must be between 0 and 1")
        }
        var generator = stream.split(0)
        let chosen = try generator.permutation(count: count).prefix(Int((fraction * Double(count)).rounded()))
        var newLabels = labels
        var replaced = [Int32](repeating: 0, count: count)
        let draws = stream.split(1)
        for i in chosen {
            var g = Dataset.sampleStream(draws, i)
            newLabels[i] = Int32(g.nextInt(in: 0...(classCount - 1)))
            replaced[i] = 1
        }
        var table = recordingOriginalLabels()
        table.setUnchecked("label_replaced", .int(replaced))
        return replacing(labels: newLabels, nuisances: table, name: "\(name) |> label_noise(\(fraction))")
    }

    /// Relabels through one fixed random permutation of the classes: class c becomes π(c).
    /// The mapping is a bijection, so the task is as learnable as before but different.
    ///
    /// - Returns: the dataset and the permutation π (indexed by old class).
    public func permutingLabels(stream: RandomStream) throws -> (dataset: Dataset, permutation: [Int]) {
        var generator = stream
        let permutation = try generator.permutation(count: classCount)
        let newLabels = labels.map { Int32(permutation[Int($0)]) }
        let result = replacing(labels: newLabels, nuisances: recordingOriginalLabels(),
                               name: "\(name) |> permute_labels")
        return (result, permutation)
    }

    /// Gives every sample an independent uniformly random label: nothing about the inputs
    /// predicts it, so a network can only memorise.
    public func randomLabels(stream: RandomStream) -> Dataset {
        let newLabels = (0..<count).map { i -> Int32 in
            var g = Dataset.sampleStream(stream, i)
            return Int32(g.nextInt(in: 0...(classCount - 1)))
        }
        return replacing(labels: newLabels, nuisances: recordingOriginalLabels(),
                         name: "\(name) |> random_labels")
    }

    /// The samples of the listed groups of classes, group `j` becoming class `j` (named by its
    /// members' names joined with "+"); classes in no group are left out with their samples. The
    /// old labels stay in the `original_label` nuisance. Binary MNIST as in the PAC-Bayes
    /// literature is `[[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]`.
    ///
    /// - Throws: `DatasetError.invalidArgument` for fewer than one group, an empty group, a class
    ///   that does not exist or one listed twice.
    public func mergingClasses(_ groups: [[Int]]) throws -> Dataset {
        let operation = "merge classes"
        guard !groups.isEmpty else { throw DatasetError.invalidArgument(operation: operation, message: "no groups given") }
        var newLabel = [Int32](repeating: -1, count: classCount)
        for (j, group) in groups.enumerated() {
            guard !group.isEmpty else {
                throw DatasetError.invalidArgument(operation: operation, message: "group \(j) is empty")
            }
            for c in group {
                guard c >= 0 && c < classCount else {
                    throw DatasetError.invalidArgument(operation: operation, message: "class \(c) is outside 0..<\(classCount)")
                }
                guard newLabel[c] < 0 else {
                    throw DatasetError.invalidArgument(operation: operation, message: "class \(c) is in more than one group")
                }
                newLabel[c] = Int32(j)
            }
        }
        let kept = labels.indices.filter { newLabel[Int(labels[$0])] >= 0 }
        let description = groups.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ")
        let selected = gathered(kept, name: "\(name) |> merge_classes([\(description)])")
        let names = groups.map { group in group.map { classNames[$0] }.joined(separator: "+") }
        return selected.replacing(nuisances: selected.recordingOriginalLabels())
            .relabelled(labels: selected.labels.map { newLabel[Int($0)] }, classCount: groups.count, classNames: names)
    }

    private func recordingOriginalLabels() -> NuisanceTable {
        var table = nuisances
        if table.column("original_label") == nil { table.setUnchecked("original_label", .int(labels)) }
        return table
    }
}
