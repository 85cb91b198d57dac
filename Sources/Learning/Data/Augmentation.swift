import TensorRuntime

/// A random image change applied afresh to each sample every time it is batched.
public enum Augmentation: Equatable, Sendable {
    /// Moves the content by whole pixels drawn uniformly from −max…max on each axis.
    case shift(maxPixels: Int)
    /// Rotates by an angle drawn uniformly from −max…max degrees (counter-clockwise positive).
    case rotate(maxDegrees: Float)
    /// Adds Gaussian noise of this standard deviation to every value.
    case noise(std: Float)
    /// Pads each side with this many zeros and crops back to the original size at a random place.
    case crop(padding: Int)
    /// Mirrors left–right with this probability.
    case flipHorizontal(probability: Float)
    /// Mirrors top–bottom with this probability.
    case flipVertical(probability: Float)

    /// Checks the parameter, naming the augmentation when it is out of range.
    func validate() throws {
        let ok: Bool
        switch self {
        case let .shift(m): ok = m >= 0
        case let .rotate(m): ok = m.isFinite && m >= 0
        case let .noise(s): ok = s.isFinite && s >= 0
        case let .crop(p): ok = p >= 0
        case let .flipHorizontal(p), let .flipVertical(p): ok = p >= 0 && p <= 1
        }
        guard ok else {
            throw DatasetError.invalidArgument(
                operation: "augmentation", message: "\(self) has a parameter out of range "
                    + "(sizes ≥ 0, probabilities in [0, 1])")
        }
    }

    /// Whether it only works on [C, H, W] images (noise works on any sample).
    var needsImages: Bool {
        if case .noise = self { return false }
        return true
    }

    /// Applies the augmentation to one sample, reading `src` and writing `dst` (same size).
    func apply(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
               shape: (channels: Int, height: Int, width: Int), random g: inout RandomStream) {
        let (c, h, w) = shape
        switch self {
        case let .shift(m):
            let dx = Float(g.nextInt(in: -m...m)), dy = Float(g.nextInt(in: -m...m))
            ImageOps.shift(src, dst, channels: c, height: h, width: w, dx: dx, dy: dy)
        case let .rotate(m):
            let angle = Dataset.symmetric(&g, m)
            ImageOps.rotate(src, dst, channels: c, height: h, width: w, degrees: angle)
        case let .noise(s):
            for k in 0..<src.count { dst[k] = src[k] + s * Float(g.nextNormal()) }
        case let .crop(p):
            let top = g.nextInt(in: 0...(2 * p)) - p, left = g.nextInt(in: 0...(2 * p)) - p
            ImageOps.crop(src, dst, channels: c, height: h, width: w, top: top, left: left,
                          outHeight: h, outWidth: w)
        case let .flipHorizontal(p), let .flipVertical(p):
            var horizontal = false
            if case .flipHorizontal = self { horizontal = true }
            if g.nextFloat() < p {
                ImageOps.flip(src, dst, channels: c, height: h, width: w, horizontal: horizontal)
            } else {
                for k in 0..<src.count { dst[k] = src[k] }
            }
        }
    }
}
