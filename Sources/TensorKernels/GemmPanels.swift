/// What happens to a finished tile of `C`: `C = alpha * acc + beta * C`, then `+ bias`, then ReLU.
///
/// Every element of `C` goes through exactly this arithmetic whichever tile, thread or edge path
/// computes it; that is what makes results independent of the thread count.
struct GemmEpilogue {
    var alpha: Float
    /// Zero means `C` is not read at all (it may hold NaN).
    var beta: Float
    /// Sixteen bias values for the tile's columns, or nil.
    var bias: UnsafePointer<Float>?
    var relu: Bool
}

/// Where the micro-kernel finds six rows of `A`: value `r` of step `p` is at
/// `base[r * rowStride + p * step]`.
struct GemmPanelA {
    var base: UnsafePointer<Float>
    var rowStride: Int
    var step: Int

    /// A packed panel: six values per step, side by side.
    static func packed(_ base: UnsafePointer<Float>) -> GemmPanelA {
        GemmPanelA(base: base, rowStride: 1, step: gemmTileRows)
    }
}

/// Where the micro-kernel finds 16 columns of `B`: the values of step `p` start at
/// `base[p * step]`.
struct GemmPanelB {
    var base: UnsafePointer<Float>
    var step: Int

    /// A packed panel: 16 values per step.
    static func packed(_ base: UnsafePointer<Float>) -> GemmPanelB {
        GemmPanelB(base: base, step: gemmTileColumns)
    }
}
