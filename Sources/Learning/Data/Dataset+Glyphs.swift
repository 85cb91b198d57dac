import TensorRuntime

extension Dataset {
    /// The procedural glyph dataset: `count` grey images of ten seven-segment digits, each drawn
    /// with its own position, scale, rotation, stroke width and noise level.
    ///
    /// Sample i has label i mod 10 (so classes are balanced) and draws its six factors, in the
    /// order of `GlyphOptions.factorNames`, then its pixel noise, from `stream.split(i)`: the same
    /// stream gives the same images whatever the count, the pool or its thread count. The factors
    /// are recorded per sample in the nuisance table under those names. Samples have shape
    /// [1, size, size], values in [0, 1]. Note that 6 and 9 are each other rotated by 180°, as
    /// handwritten ones are.
    /// - Parameter pool: threads to draw samples on; nil draws on the calling thread.
    /// - Throws: `DatasetError.invalidArgument` for a negative count or invalid ranges.
    public static func glyphs(count: Int, options: GlyphOptions = GlyphOptions(),
                              stream: RandomStream, pool: WorkerPool? = nil) throws -> Dataset {
        guard count >= 0 else {
            throw DatasetError.invalidArgument(operation: "glyphs", message: "count \(count) must be ≥ 0")
        }
        try options.validate()
        try checkAllocation("glyphs", count: count, size: options.size * options.size)
        let pixels = options.size * options.size
        let factorCount = GlyphOptions.factorNames.count
        let renderer = GlyphRenderer(size: options.size)
        // Factor f of sample i sits at [i * factorCount + f]; each sample writes only its own
        // row and image, so samples can be drawn on any thread in any order.
        var factors = [Float](repeating: 0, count: count * factorCount)
        let features = [Float](unsafeUninitializedCapacity: count * pixels) { out, initialised in
            let images = out
            factors.withUnsafeMutableBufferPointer { rows in
                let table = rows
                let draw = { (i: Int) in
                    let image = UnsafeMutableBufferPointer(rebasing: images[(i * pixels)..<((i + 1) * pixels)])
                    let row = UnsafeMutableBufferPointer(rebasing: table[(i * factorCount)..<((i + 1) * factorCount)])
                    drawGlyph(i, options: options, renderer: renderer, stream: stream, image: image, factors: row)
                }
                // Blocks of 64 samples keep the per-task overhead of the pool negligible.
                let block = 64
                if let pool, count > block {
                    pool.parallelFor((count + block - 1) / block) { b, _ in
                        for i in (b * block)..<min(count, (b + 1) * block) { draw(i) }
                    }
                } else {
                    for i in 0..<count { draw(i) }
                }
            }
            initialised = count * pixels
        }
        var table = NuisanceTable(sampleCount: count)
        for (f, name) in GlyphOptions.factorNames.enumerated() {
            table.setUnchecked(name, .float((0..<count).map { factors[$0 * factorCount + f] }))
        }
        return Dataset(unchecked: "glyphs", sampleShape: [1, options.size, options.size],
                       features: features, labels: (0..<count).map { Int32($0 % 10) },
                       classCount: 10, classNames: (0..<10).map(String.init), nuisances: table)
    }

    /// Draws sample `i`'s factors into `factors` and its image into `image`.
    private static func drawGlyph(_ i: Int, options: GlyphOptions, renderer: GlyphRenderer,
                                  stream: RandomStream, image: UnsafeMutableBufferPointer<Float>,
                                  factors: UnsafeMutableBufferPointer<Float>) {
        var g = stream.split(UInt64(i))
        for (f, range) in options.ranges.enumerated() {
            factors[f] = range.lowerBound + (range.upperBound - range.lowerBound) * g.nextFloat()
        }
        let pose = GlyphRenderer.Pose(dx: factors[0], dy: factors[1], scale: factors[2],
                                      rotation: factors[3], stroke: factors[4])
        renderer.draw(label: i % 10, pose: pose, into: image)
        let noise = factors[5]
        if noise > 0 {
            for k in image.indices {
                image[k] = min(1, max(0, image[k] + noise * Float(g.nextNormal())))
            }
        }
    }
}
