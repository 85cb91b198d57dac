import Learning
import TensorRuntime

/// A corruption of the training data for the first epochs of a critical-period experiment
/// (Achille, Rovere & Soatto, "Critical Learning Periods in Deep Networks").
public enum Deficit: Equatable, Sendable {
    /// Downsample by `factor` (block means) and upsample back: the paper's blur (×4 on CIFAR-10).
    case blur(downsample: Int)
    /// A Gaussian blur of standard deviation `sigma` pixels.
    case gaussianBlur(sigma: Float)
    /// Images flipped upside down (the paper finds no lasting effect).
    case verticalFlip
    /// Labels permuted by a fixed random permutation of the classes (no lasting effect either).
    case labelPermutation(seed: UInt64)
    /// Images replaced by uniform noise with the same labels: inputs carry no information.
    case noiseImages(seed: UInt64)
    /// Gaussian noise of standard deviation `std` added to every value.
    case noise(std: Float, seed: UInt64)

    /// How the deficit is named in tables.
    public var label: String {
        switch self {
        case .blur(let f): return "blur (downsample ×\(f), upsample)"
        case .gaussianBlur(let s): return "Gaussian blur σ = \(s) px"
        case .verticalFlip: return "vertical flip"
        case .labelPermutation(let seed): return "label permutation (seed \(seed))"
        case .noiseImages(let seed): return "noise images (seed \(seed))"
        case .noise(let std, let seed): return "additive noise σ = \(std) (seed \(seed))"
        }
    }

    /// The deficit applied to `dataset`.
    ///
    /// - Throws: the dataset's error when the transform does not apply (e.g. blur on non-images).
    public func apply(to dataset: Dataset) throws -> Dataset {
        switch self {
        case .blur(let factor): return try dataset.downsampled(factor: factor)
        case .gaussianBlur(let sigma): return try dataset.blurred(sigma: sigma)
        case .verticalFlip: return try dataset.flipped(horizontal: false)
        case .labelPermutation(let seed): return try dataset.permutingLabels(stream: RandomStream(seed: seed)).dataset
        case .noiseImages(let seed): return dataset.noiseImages(stream: RandomStream(seed: seed))
        case .noise(let std, let seed): return try dataset.withNoise(std: std, stream: RandomStream(seed: seed))
        }
    }
}
