/// The vector types of the register tiles. Generic SIMD code compiles the loop to plain vector
/// instructions, but a generic comparison (`.<`) stays a lane-by-lane loop through the stack even
/// once specialised (the standard library's vector compares are concrete overloads); ReLU goes
/// through this protocol so that it is written where the concrete type is known.
public protocol TileVector: SIMD where Scalar == Float {
    /// Negative lanes become 0; NaN stays NaN, as in `referenceGemm`, so a broken input shows up
    /// instead of turning into 0.
    func clampingNegativesToZero() -> Self
}

extension SIMD8: TileVector where Scalar == Float {
    @inlinable @inline(__always)
    public func clampingNegativesToZero() -> Self {
        replacing(with: 0, where: self .< 0)
    }
}

extension SIMD16: TileVector where Scalar == Float {
    @inlinable @inline(__always)
    public func clampingNegativesToZero() -> Self {
        replacing(with: 0, where: self .< 0)
    }
}
