import TensorRuntime

extension Dataset {
    /// The procedural glyph dataset: `count` grey images of ten seven-segment digits, each drawn
    /// with its own position, scale, rotation, stroke width and noise level.
    ///
    /// Sample i has label i mod 10 (so classes are balanced) and draws its six factors, in the
    /// order of `GlyphOptions.factorNames`, then its pixel noise, from `stream.split(i)`: the same
    /// stream gives the same images whatever the count or thread count. The factors are recorded
    /// per sample in the nuisance table under those names. Samples have shape [1, size, size],
    /// values in [0, 1]. Note that 6 and 9 are each other rotated by 180°, as handwritten ones are.
    /// - Throws: `DatasetError.invalidArgument` for a negative count or invalid ranges.
    public static func glyphs(count: Int, options: GlyphOptions = GlyphOptions(),
                              stream: RandomStream) throws -> Dataset {
        guard count >= 0 else {
            throw DatasetError.invalidArgument(operation: "glyphs", message: "count \(count) must be ≥ 0")
        }
        try options.validate()
        let pixels = options.size * options.size
        let renderer = GlyphRenderer(size: options.size)
        var factors = [[Float]](repeating: [Float](repeating: 0, count: count),
                                count: GlyphOptions.factorNames.count)
        let features = [Float](unsafeUninitializedCapacity: count * pixels) { out, initialised in
            for i in 0..<count {
                var g = stream.split(UInt64(i))
                let drawn = options.ranges.map { range in
                    range.lowerBound + (range.upperBound - range.lowerBound) * g.nextFloat()
                }
                for f in drawn.indices { factors[f][i] = drawn[f] }
                let pose = GlyphRenderer.Pose(dx: drawn[0], dy: drawn[1], scale: drawn[2],
                                              rotation: drawn[3], stroke: drawn[4])
                let image = UnsafeMutableBufferPointer(rebasing: out[(i * pixels)..<((i + 1) * pixels)])
                renderer.draw(label: i % 10, pose: pose, into: image)
                let noise = drawn[5]
                if noise > 0 {
                    for k in image.indices {
                        image[k] = min(1, max(0, image[k] + noise * Float(g.nextNormal())))
                    }
                }
            }
            initialised = count * pixels
        }
        var table = NuisanceTable(sampleCount: count)
        for (name, values) in zip(GlyphOptions.factorNames, factors) { table.setUnchecked(name, .float(values)) }
        return Dataset(unchecked: "glyphs", sampleShape: [1, options.size, options.size],
                       features: features, labels: (0..<count).map { Int32($0 % 10) },
                       classCount: 10, classNames: (0..<10).map(String.init), nuisances: table)
    }
}
