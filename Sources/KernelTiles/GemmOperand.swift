/// A matrix operand of `gemm` as stored: base, row stride and whether it is read transposed.
/// (Here rather than in TensorKernels because the kernel variants pack `B` from it.)
@frozen
public struct GemmOperand {
    public var base: UnsafePointer<Float>
    public var stride: Int
    public var transposed: Bool

    @inlinable
    public init(base: UnsafePointer<Float>, stride: Int, transposed: Bool) {
        self.base = base
        self.stride = stride
        self.transposed = transposed
    }

    /// The same operand starting at element (row, column) of the logical operand.
    @inlinable
    public func advanced(row: Int, column: Int) -> GemmOperand {
        GemmOperand(base: pointer(row: row, column: column), stride: stride, transposed: transposed)
    }

    /// Element (row, column) of the logical (possibly transposed) operand.
    @inlinable @inline(__always)
    public func pointer(row: Int, column: Int) -> UnsafePointer<Float> {
        let offset: Int = transposed ? column &* stride &+ row : row &* stride &+ column
        return base + offset
    }
}
