import TensorRuntime

/// The samples a probe runs on: inputs `[n, …]` and one integer label per input.
public struct ProbeData<S: TensorScalar> {
    /// Inputs, first axis the sample.
    public let inputs: Tensor<S>
    /// Labels in `0..<classes` (0 or 1 for a Bernoulli model).
    public let labels: [Int]

    /// Pairs inputs with labels.
    ///
    /// - Throws: `ProbeError.shapeMismatch` when the counts differ or there are no samples.
    public init(inputs: Tensor<S>, labels: [Int]) throws {
        guard inputs.rank >= 1, inputs.shape[0] == labels.count, !labels.isEmpty else {
            throw ProbeError.shapeMismatch(
                probe: "data", message: "inputs \(TensorShape.describe(inputs.shape)) need one label per row; got \(labels.count) labels")
        }
        self.inputs = inputs
        self.labels = labels
    }

    /// The number of samples n.
    public var count: Int { labels.count }

    /// The samples at `indices`.
    package func rows(_ indices: [Int]) throws -> ProbeData<S> {
        try ProbeData(inputs: inputs.selectRows(indices), labels: indices.map { labels[$0] })
    }
}
