/// Mean and standard deviation of each channel of a dataset's features.
///
/// Channels are the first dimension of [C, H, W] images, every feature of [d] vectors, and the
/// whole sample for any other shape.
public struct ChannelStatistics: Equatable, Sendable {
    /// The mean of each channel.
    public var mean: [Float]
    /// The (population) standard deviation of each channel.
    public var standardDeviation: [Float]

    /// Creates statistics from given values, one per channel.
    public init(mean: [Float], standardDeviation: [Float]) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}

extension Dataset {
    /// The number of channels normalisation works on, and the values per channel per sample.
    var channelLayout: (channels: Int, perChannel: Int) {
        switch sampleShape.count {
        case 3: return (sampleShape[0], sampleShape[1] * sampleShape[2])
        // Each feature of a vector is its own channel; its values sit one per sample.
        case 1: return (sampleShape[0], 1)
        default: return (1, sampleSize)
        }
    }

    /// Computes each channel's mean and standard deviation over all samples (in Double, so
    /// millions of values sum without losing precision).
    public func channelStatistics() -> ChannelStatistics {
        let (channels, perChannel) = channelLayout
        var sum = [Double](repeating: 0, count: channels)
        var squares = [Double](repeating: 0, count: channels)
        features.withUnsafeBufferPointer { f in
            for s in 0..<count {
                for c in 0..<channels {
                    let start = s * sampleSize + c * perChannel
                    for v in f[start..<(start + perChannel)] {
                        sum[c] += Double(v)
                        squares[c] += Double(v) * Double(v)
                    }
                }
            }
        }
        let n = Double(max(1, count * perChannel))
        let mean = sum.map { $0 / n }
        let deviation = zip(squares, mean).map { (sq, m) in (max(0, sq / n - m * m)).squareRoot() }
        return ChannelStatistics(mean: mean.map(Float.init), standardDeviation: deviation.map(Float.init))
    }

    /// Standardises each channel: (x − mean) / std, with statistics from this dataset.
    ///
    /// A constant channel (std 0) is only centred, since dividing by 0 would give NaNs.
    public func normalized() throws -> Dataset {
        try normalized(using: channelStatistics())
    }

    /// Standardises each channel with given statistics (e.g. the training set's, for a test set).
    ///
    /// - Throws: `DatasetError.invalidArgument` when the statistics do not have one finite mean
    ///   and one finite, non-negative standard deviation per channel.
    public func normalized(using statistics: ChannelStatistics) throws -> Dataset {
        let (channels, perChannel) = channelLayout
        guard statistics.mean.count == channels, statistics.standardDeviation.count == channels,
              statistics.mean.allSatisfy(\.isFinite),
              statistics.standardDeviation.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw DatasetError.invalidArgument(
                operation: "normalize",
                message: "needs \(channels) finite means and non-negative standard deviations; got "
                    + "mean \(statistics.mean), std \(statistics.standardDeviation)")
        }
        let scale = statistics.standardDeviation.map { $0 > 0 ? 1 / $0 : 1 }
        var result = features
        result.withUnsafeMutableBufferPointer { f in
            for s in 0..<count {
                for c in 0..<channels {
                    let start = s * sampleSize + c * perChannel
                    for i in start..<(start + perChannel) {
                        f[i] = (f[i] - statistics.mean[c]) * scale[c]
                    }
                }
            }
        }
        return replacing(features: result, name: "\(name) |> normalize")
    }
}
