/// An integer range: `a..<b` (half-open) or `a..b` (inclusive); bounds are checked integers.
public struct RangeValue: Equatable {
    /// The first element.
    public let lower: Int
    /// The bound as written.
    public let upper: Int
    /// Whether `upper` is included.
    public let inclusive: Bool

    /// The number of elements (0 when empty).
    public var count: Int {
        let end = inclusive ? upper + 1 : upper
        return end > lower ? end - lower : 0
    }

    /// Element `i` (0-based, assumed in range).
    public func element(_ i: Int) -> Int { lower + i }
}
