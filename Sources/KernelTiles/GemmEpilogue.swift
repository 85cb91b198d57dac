/// Rows of every register tile: 6 rows × 2 vectors = 12 accumulators, plus 2 vectors of `B` and
/// one broadcast of `A` make 15 registers: all but one of AVX2's 16, half of AVX-512's 32.
/// (Computed, so that other modules see a constant; a global `let` is read through an accessor.)
@inlinable
public var tileRows: Int { 6 }

/// What happens to a finished tile of `C`: `C = alpha * acc + beta * C`, then `+ bias`, then ReLU.
///
/// Every element of `C` goes through exactly this arithmetic whichever tile, thread or edge path
/// computes it; that is what makes results independent of the thread count.
@frozen
public struct GemmEpilogue {
    public var alpha: Float
    /// Zero means `C` is not read at all (it may hold NaN).
    public var beta: Float
    /// One bias value per column of the tile, or nil.
    public var bias: UnsafePointer<Float>?
    public var relu: Bool

    @inlinable
    public init(alpha: Float, beta: Float, bias: UnsafePointer<Float>?, relu: Bool) {
        self.alpha = alpha
        self.beta = beta
        self.bias = bias
        self.relu = relu
    }
}

/// Where a tile finds six rows of `A`: value `r` of step `p` is at `base[r * rowStride + p * step]`.
/// A packed panel uses (1, 6), a row-major `A` read in place (lda, 1), a transposed one (1, lda).
@frozen
public struct GemmPanelA {
    public var base: UnsafePointer<Float>
    public var rowStride: Int
    public var step: Int

    @inlinable
    public init(base: UnsafePointer<Float>, rowStride: Int, step: Int) {
        self.base = base
        self.rowStride = rowStride
        self.step = step
    }

    /// A packed panel: six values per step, side by side.
    @inlinable
    public static func packed(_ base: UnsafePointer<Float>) -> GemmPanelA {
        GemmPanelA(base: base, rowStride: 1, step: tileRows)
    }
}

/// Where a tile finds a row of `B` (two vectors): the values of step `p` start at `base[p * step]`.
/// A packed panel has `step` equal to the tile's width; a row-major `B` read in place has ldb.
@frozen
public struct GemmPanelB {
    public var base: UnsafePointer<Float>
    public var step: Int

    @inlinable
    public init(base: UnsafePointer<Float>, step: Int) {
        self.base = base
        self.step = step
    }
}
