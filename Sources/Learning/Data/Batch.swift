/// One mini-batch: contiguous features of shape `[B] + sampleShape` and B labels.
public struct Batch: Equatable, Sendable {
    /// The samples' features, back to back, row-major in `shape`.
    public var features: [Float]
    /// The samples' labels, in batch order.
    public var labels: [Int32]
    /// `[B] + sampleShape`, e.g. [128, 1, 28, 28].
    public var shape: [Int]
    /// The dataset index of each sample, in batch order.
    public var indices: [Int]
    /// The epoch this batch belongs to.
    public var epoch: Int
    /// The batch's position within its epoch.
    public var index: Int

    /// The number of samples in the batch.
    public var count: Int { labels.count }
}
