import TensorRuntime

/// Blur and noise transforms, the image deficits of the critical-period experiments.
extension Dataset {
    /// Blurs every image with a Gaussian of standard deviation `sigma` pixels (edges replicated).
    /// Adds `sigma` to the `blur` nuisance.
    public func blurred(sigma: Float) throws -> Dataset {
        let (c, h, w) = try requireImages("blur")
        // A Gaussian wider than the image is just a flat average; the bound keeps the kernel small.
        guard sigma.isFinite, sigma > 0, sigma <= Float(max(h, w)) else {
            throw DatasetError.invalidArgument(
                operation: "blur", message: "sigma = \(sigma) must be > 0 and at most the image size \(max(h, w))")
        }
        let kernel = ImageFilters.gaussianKernel(sigma: sigma)
        var scratch: [Float] = []
        let result = mapSamples { _, src, dst in
            ImageFilters.gaussianBlur(src, dst, channels: c, height: h, width: w, kernel: kernel,
                                      scratch: &scratch)
        }
        var table = nuisances
        table.accumulate("blur", [Float](repeating: sigma, count: count))
        return replacing(features: result, nuisances: table, name: "\(name) |> blur(sigma: \(sigma))")
    }

    /// Replaces every image by its `factor`-times downsampled (k×k block means) and upsampled
    /// version: the blur deficit of "Critical Learning Periods in Deep Networks".
    ///
    /// Records `factor` in the `downsample` nuisance.
    /// - Parameter smooth: bilinear upsampling when true, blocky nearest-neighbour when false.
    public func downsampled(factor: Int, smooth: Bool = true) throws -> Dataset {
        let (c, h, w) = try requireImages("downsample")
        guard factor >= 1, factor <= max(h, w) else {
            throw DatasetError.invalidArgument(
                operation: "downsample", message: "factor \(factor) must be between 1 and \(max(h, w))")
        }
        let result = mapSamples { _, src, dst in
            ImageFilters.downsampleThenUpsample(src, dst, channels: c, height: h, width: w,
                                                factor: factor, upsampling: smooth ? .bilinear : .nearest)
        }
        var table = nuisances
        table.setUnchecked("downsample", .int([Int32](repeating: Int32(factor), count: count)))
        return replacing(features: result, nuisances: table, name: "\(name) |> blur(downsample: \(factor))")
    }

    /// Adds independent Gaussian noise of standard deviation `std` to every feature value.
    ///
    /// Values are not clipped. The `noise` nuisance holds the total standard deviation added so
    /// far (independent noises add in variance).
    public func withNoise(std: Float, stream: RandomStream) throws -> Dataset {
        try Dataset.checkFinite("noise", "std", std, nonNegative: true)
        let result = mapSamples { i, src, dst in
            var g = Dataset.sampleStream(stream, i)
            for k in 0..<src.count { dst[k] = src[k] + std * Float(g.nextNormal()) }
        }
        var table = nuisances
        let old = table.floats("noise") ?? [Float](repeating: 0, count: count)
        table.setUnchecked("noise", .float(old.map { ($0 * $0 + std * std).squareRoot() }))
        return replacing(features: result, nuisances: table, name: "\(name) |> noise(\(std))")
    }

    /// Replaces every image by pure noise images with the same label: uniform values in [0, 1).
    /// A deficit where inputs carry no information about the label.
    public func noiseImages(stream: RandomStream) -> Dataset {
        let result = mapSamples { i, _, dst in
            var g = Dataset.sampleStream(stream, i)
            for k in 0..<dst.count { dst[k] = g.nextFloat() }
        }
        return replacing(features: result, name: "\(name) |> noise images")
    }
}
