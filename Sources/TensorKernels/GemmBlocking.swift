/// Block sizes of the packed GEMM loop nest and how a problem is cut into them.
///
/// The three cache block sizes come from this machine's caches (`GemmBlockSizes`, where the
/// derivation is). Every cut depends only on the problem's shape and the machine, never on the
/// thread count, so each element of `C` sums the same products in the same order for any number
/// of threads.
enum GemmBlocking {
    /// The block sizes of this machine, computed once from the caches read at start-up.
    static let sizes = GemmBlockSizes(caches: CPUModel.caches)

    /// Rows of `A` packed per block (mc).
    static var maxRowBlock: Int { sizes.rows }
    /// Depth of one block of the shared dimension (kc).
    static var maxDepthBlock: Int { sizes.depth }
    /// Columns of `B` packed per block (nc).
    static var maxColumnBlock: Int { sizes.columns }

    /// Below this many flops a product runs on one thread: a parallel loop costs a few
    /// microseconds of hand-over, which is all of the work of a 64³ product (0.5 MFLOP).
    static let minParallelFlops = 1 << 20

    /// Products at most this wide (eight 16-column panels) read full 6-row panels of `A` where
    /// they are stored: each packed panel would be reused by so few `B` panels that packing costs
    /// as much as using it. Measured on this machine, 1 thread: the 8192×64×800 im2col product
    /// went from 58 to 85 GFLOP/s, 128×128×1024 from 85 to 92; at 256 columns the gain was lost
    /// in the noise, and rows 1 KiB apart start to collide in L1, so the limit stays at 128.
    static let inPlaceAMaxColumns = 128

    /// Products with at most this many rows (eleven 6-row panels) read full 16-column panels of a
    /// row-major `B` in place, for the same reason (weight gradients with 10, 32 or 64 outputs).
    /// At 63 a 64-row product packed all of `B` (the 64×800×8192 convolution weight gradient:
    /// 13 MB per 4,096-deep chunk, each panel then used by only 11 row panels); read in place it
    /// went from 77 to 90 GFLOP/s at 1 thread and from 155 to 175–180 at 2.
    static let inPlaceBMaxRows = 66

    /// Splits `extent` into the fewest blocks of at most `maxBlock`, of near-equal size rounded up
    /// to `multiple`, so that no block is a sliver (784 = 392 + 392, not 512 + 272).
    static func blockSize(_ extent: Int, maxBlock: Int, multiple: Int) -> Int {
        guard extent > 0 else { return multiple }
        let blocks = (extent + maxBlock - 1) / maxBlock
        let even = (extent + blocks - 1) / blocks
        return (even + multiple - 1) / multiple * multiple
    }

    /// The `index`-th of `parts` near-equal contiguous pieces of `0..<count`.
    static func piece(_ index: Int, of parts: Int, count: Int) -> Range<Int> {
        let lower = count * index / parts
        let upper = count * (index + 1) / parts
        return lower..<upper
    }
}
