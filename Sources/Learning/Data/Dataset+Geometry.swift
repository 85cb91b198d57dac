import TensorRuntime

/// Geometric image transforms. Each records what it did in the nuisance table: shifts add to
/// `dx`/`dy` (pixels, right/down), rotations to `rotation` (degrees, counter-clockwise), flips
/// toggle `flip_h`/`flip_v`.
extension Dataset {
    /// Moves every image's content by (dx, dy) pixels (right/down positive), filling with 0.
    public func shifted(dx: Float, dy: Float) throws -> Dataset {
        try Dataset.checkFinite("shift", "dx", dx)
        try Dataset.checkFinite("shift", "dy", dy)
        return try shifted(name: "shift(\(dx), \(dy))") { _ in (dx, dy) }
    }

    /// Moves each image by a whole number of pixels drawn uniformly from −max…max per axis.
    public func shiftedRandomly(maxPixels: Int, stream: RandomStream) throws -> Dataset {
        guard maxPixels >= 0 else {
            throw DatasetError.invalidArgument(operation: "random shift",
                                               message: "maxPixels = \(maxPixels) must be ≥ 0")
        }
        return try shifted(name: "shift(random ±\(maxPixels))") { i in
            var g = Dataset.sampleStream(stream, i)
            return (Float(g.nextInt(in: -maxPixels...maxPixels)), Float(g.nextInt(in: -maxPixels...maxPixels)))
        }
    }

    private func shifted(name label: String, _ amount: (Int) -> (Float, Float)) throws -> Dataset {
        let (c, h, w) = try requireImages("shift")
        let amounts = (0..<count).map(amount)
        let result = mapSamples { i, src, dst in
            ImageOps.shift(src, dst, channels: c, height: h, width: w, dx: amounts[i].0, dy: amounts[i].1)
        }
        var table = nuisances
        table.accumulate("dx", amounts.map(\.0))
        table.accumulate("dy", amounts.map(\.1))
        return replacing(features: result, nuisances: table, name: "\(name) |> \(label)")
    }

    /// Rotates every image by `degrees` counter-clockwise about its centre (bilinear, 0 fill).
    public func rotated(degrees: Float) throws -> Dataset {
        try Dataset.checkFinite("rotate", "degrees", degrees)
        return try rotated(name: "rotate(\(degrees))") { _ in degrees }
    }

    /// Rotates each image by an angle drawn uniformly from −maxDegrees…maxDegrees.
    public func rotatedRandomly(maxDegrees: Float, stream: RandomStream) throws -> Dataset {
        try Dataset.checkFinite("random rotate", "maxDegrees", maxDegrees, nonNegative: true)
        return try rotated(name: "rotate(random ±\(maxDegrees))") { i in
            var g = Dataset.sampleStream(stream, i)
            return Dataset.symmetric(&g, maxDegrees)
        }
    }

    private func rotated(name label: String, _ angle: (Int) -> Float) throws -> Dataset {
        let (c, h, w) = try requireImages("rotate")
        let angles = (0..<count).map(angle)
        let result = mapSamples { i, src, dst in
            ImageOps.rotate(src, dst, channels: c, height: h, width: w, degrees: angles[i])
        }
        var table = nuisances
        table.accumulate("rotation", angles)
        return replacing(features: result, nuisances: table, name: "\(name) |> \(label)")
    }

    /// Mirrors every image left–right (`horizontal`) or top–bottom.
    public func flipped(horizontal: Bool) throws -> Dataset {
        let (c, h, w) = try requireImages(horizontal ? "horizontal flip" : "vertical flip")
        let result = mapSamples { _, src, dst in
            ImageOps.flip(src, dst, channels: c, height: h, width: w, horizontal: horizontal)
        }
        let factor = horizontal ? "flip_h" : "flip_v"
        var table = nuisances
        let old: [Int32]
        if case let .int(values)? = table.column(factor) { old = values } else {
            old = [Int32](repeating: 0, count: count)
        }
        table.setUnchecked(factor, .int(old.map { 1 - $0 }))
        return replacing(features: result, nuisances: table,
                         name: "\(name) |> \(horizontal ? "hflip" : "vflip")")
    }

    /// Crops every image to `height × width` after padding each side with `padding` zeros.
    ///
    /// With a stream, each crop's corner is drawn uniformly over all positions in the padded
    /// image; without one, the crop is centred (rounding up and left). The content's offset from
    /// the centred crop is recorded in `dx`/`dy`.
    public func cropped(height outH: Int, width outW: Int, padding: Int = 0,
                        stream: RandomStream? = nil) throws -> Dataset {
        let (c, h, w) = try requireImages("crop")
        // Padding beyond the image size would only add crops of pure background.
        guard outH > 0, outW > 0, (0...max(h, w)).contains(padding),
              outH <= h + 2 * padding, outW <= w + 2 * padding else {
            throw DatasetError.invalidArgument(
                operation: "crop", message: "a \(outH)×\(outW) crop with padding \(padding) does not "
                    + "fit \(h)×\(w) images (padding at most \(max(h, w)))")
        }
        let spanY = h + 2 * padding - outH, spanX = w + 2 * padding - outW
        let corners: [(Int, Int)] = (0..<count).map { i in
            guard let stream else { return (spanY / 2, spanX / 2) }
            var g = Dataset.sampleStream(stream, i)
            return (g.nextInt(in: 0...spanY), g.nextInt(in: 0...spanX))
        }
        let result = mapSamples(outputSize: c * outH * outW) { i, src, dst in
            ImageOps.crop(src, dst, channels: c, height: h, width: w, top: corners[i].0 - padding,
                          left: corners[i].1 - padding, outHeight: outH, outWidth: outW)
        }
        var table = nuisances
        // Moving the window up/left by one moves the content right/down by one.
        table.accumulate("dx", corners.map { Float(spanX / 2 - $0.1) })
        table.accumulate("dy", corners.map { Float(spanY / 2 - $0.0) })
        return Dataset(unchecked: "\(name) |> crop(\(outH)×\(outW))", sampleShape: [c, outH, outW],
                       features: result, labels: labels, classCount: classCount,
                       classNames: classNames, nuisances: table)
    }
}
