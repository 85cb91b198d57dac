import Probes

/// The `deficit:` of `critical_period`: a name and an optional `strength:`.
enum DeficitArgument {
    /// The names the language accepts, with what `strength` means for each and its default.
    static let names: [(name: String, strength: String)] = [
        ("blur", "the downsampling factor, a whole number ≥ 2 (default 4, the paper's)"),
        ("gaussian_blur", "σ in pixels, > 0 (default 2)"),
        ("vertical_flip", "unused"),
        ("label_permutation", "unused"),
        ("noise_images", "unused"),
        ("noise", "the standard deviation of the added noise, > 0 (default 1)"),
    ]

    /// The deficit named `name` at `strength` (nil: the default); random deficits use `seed`.
    static func deficit(_ name: String, strength: Double?, seed: UInt64, deficitParameter: Int, strengthParameter: Int) throws -> Deficit {
        func positive(_ fallback: Double) throws -> Double {
            let x = strength ?? fallback
            guard x > 0, x.isFinite, x < 1e6 else {
                throw RuntimeError(Messages.deficitStrength(name, "a positive number"), parameter: strengthParameter)
            }
            return x
        }
        switch name {
        case "blur":
            // The paper blurs CIFAR-10 by downsampling ×4 and upsampling back.
            let f = strength ?? 4
            guard f >= 2, f < 4096, f.rounded() == f else {
                throw RuntimeError(Messages.deficitStrength(name, "a whole number ≥ 2"), parameter: strengthParameter)
            }
            return .blur(downsample: Int(f))
        case "gaussian_blur": return .gaussianBlur(sigma: Float(try positive(2)))
        case "vertical_flip": return .verticalFlip
        case "label_permutation": return .labelPermutation(seed: seed)
        case "noise_images": return .noiseImages(seed: seed)
        case "noise": return .noise(std: Float(try positive(1)), seed: seed)
        default:
            let known = names.map(\.name)
            throw RuntimeError(Messages.unknownDeficit(name, known.joined(separator: ", ")), parameter: deficitParameter,
                               notes: closestName(to: name, among: known).map { [Messages.didYouMean($0)] } ?? [])
        }
    }
}
