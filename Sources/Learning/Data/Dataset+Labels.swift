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

    private func recordingOriginalLabels() -> NuisanceTable {
        var table = nuisances
        if table.column("original_label") == nil { table.setUnchecked("original_label", .int(labels)) }
        return table
    }
}
