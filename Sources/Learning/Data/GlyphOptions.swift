/// The ranges the procedural glyph dataset draws each sample's nuisance factors from.
///
/// Every factor is drawn uniformly from its range, independently per sample; a range of one
/// value (e.g. `rotation: 0...0`) fixes that factor, which is how invariance experiments vary one
/// nuisance while holding the others still.
public struct GlyphOptions: Equatable, Sendable {
    /// Side of the square image in pixels.
    public var size: Int
    /// Horizontal offset of the glyph's centre from the image centre, pixels (right positive).
    public var dx: ClosedRange<Float>
    /// Vertical offset of the glyph's centre, pixels (down positive).
    public var dy: ClosedRange<Float>
    /// Size multiplier; 1 draws a 9×16-pixel glyph box (about MNIST's digit size in 28×28).
    public var scale: ClosedRange<Float>
    /// Counter-clockwise rotation in degrees.
    public var rotation: ClosedRange<Float>
    /// Stroke width in pixels.
    public var stroke: ClosedRange<Float>
    /// Standard deviation of the Gaussian pixel noise added after drawing (pixels are then
    /// clipped to [0, 1]).
    public var noise: ClosedRange<Float>

    /// The defaults: shifts of up to ±3 pixels, scale 0.8…1.2, rotation ±15°, stroke 1.5…3
    /// pixels, noise up to 0.2 — enough variety that the task is not trivial, little enough that
    /// no glyph leaves the image or turns into another class.
    public init(size: Int = 28, dx: ClosedRange<Float> = -3...3, dy: ClosedRange<Float> = -3...3,
                scale: ClosedRange<Float> = 0.8...1.2, rotation: ClosedRange<Float> = -15...15,
                stroke: ClosedRange<Float> = 1.5...3, noise: ClosedRange<Float> = 0...0.2) {
        self.size = size
        self.dx = dx
        self.dy = dy
        self.scale = scale
        self.rotation = rotation
        self.stroke = stroke
        self.noise = noise
    }

    /// The factor names in the order they are drawn and recorded.
    public static let factorNames = ["dx", "dy", "scale", "rotation", "stroke", "noise"]

    /// The ranges in `factorNames` order.
    var ranges: [ClosedRange<Float>] { [dx, dy, scale, rotation, stroke, noise] }

    /// Checks every range is finite and physically meaningful.
    func validate() throws {
        // 8 pixels is the smallest image in which a glyph at scale 1 is still recognisable.
        guard size >= 8, size <= 1024 else {
            throw DatasetError.invalidArgument(operation: "glyphs", message: "size \(size) must be between 8 and 1024")
        }
        for (name, range) in zip(GlyphOptions.factorNames, ranges) {
            guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw DatasetError.invalidArgument(operation: "glyphs", message: "\(name) range \(range) must be finite")
            }
        }
        guard scale.lowerBound > 0, stroke.lowerBound > 0, noise.lowerBound >= 0 else {
            throw DatasetError.invalidArgument(
                operation: "glyphs", message: "scale and stroke must be > 0 and noise ≥ 0 "
                    + "(got scale \(scale), stroke \(stroke), noise \(noise))")
        }
    }
}
