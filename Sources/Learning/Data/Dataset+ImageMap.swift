import TensorRuntime

/// The machinery image transforms share: shape checks and a per-sample map.
extension Dataset {
    /// The image shape, or an error naming `operation` when samples are not [C, H, W] images.
    func requireImages(_ operation: String) throws -> (channels: Int, height: Int, width: Int) {
        guard let shape = imageShape else {
            throw DatasetError.invalidArgument(
                operation: operation,
                message: "needs image samples of shape [channels, height, width]; "
                    + "'\(name)' has samples of shape \(sampleShape)")
        }
        return shape
    }

    /// Builds new features by running `body` on every sample: it gets the sample index, the
    /// source sample and the destination (of `outputSize` values).
    func mapSamples(outputSize: Int? = nil,
                    _ body: (Int, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void)
        -> [Float] {
        let inSize = sampleSize, outSize = outputSize ?? sampleSize
        return [Float](unsafeUninitializedCapacity: count * outSize) { out, initialised in
            features.withUnsafeBufferPointer { source in
                for i in 0..<count {
                    let src = UnsafeBufferPointer(rebasing: source[(i * inSize)..<((i + 1) * inSize)])
                    let dst = UnsafeMutableBufferPointer(rebasing: out[(i * outSize)..<((i + 1) * outSize)])
                    body(i, src, dst)
                }
            }
            initialised = count * outSize
        }
    }

    /// The independent random stream of sample `index`: a sample's draws do not depend on how
    /// many other samples there are or in which order they are processed.
    static func sampleStream(_ stream: RandomStream, _ index: Int) -> RandomStream {
        stream.split(UInt64(index))
    }

    /// Draws a uniform Float in [−bound, bound] (exactly 0 when bound is 0).
    static func symmetric(_ generator: inout RandomStream, _ bound: Float) -> Float {
        bound == 0 ? 0 : (2 * generator.nextFloat() - 1) * bound
    }

    static func checkFinite(_ operation: String, _ name: String, _ value: Float,
                            nonNegative: Bool = false) throws {
        guard value.isFinite, !nonNegative || value >= 0 else {
            throw DatasetError.invalidArgument(
                operation: operation,
                message: "\(name) = \(value) must be finite\(nonNegative ? " and ≥ 0" : "")")
        }
    }
}
