/// Block sizes of the packed GEMM loop nest and how a problem is cut into them.
///
/// The sizes were measured on the project's machine (Zen 3: 32 KiB L1d, 512 KiB L2 per core) by
/// a prototype (bench/README.md), where the optimum was flat around them:
/// - `kc` = 512: one 16-column `B` micro-panel (kc × 16 floats, 32 KiB) streams through L1
///   while an `A` block (mc × kc floats, 288 KiB) stays in L2. The AVX-512 kernels' 32-column
///   panels are 64 KiB and are read from L2; the sizes stay the same on every kernel path so that
///   the AVX-512 and AVX2 paths give the same bits (sizes from the caches are a later step).
/// - `mc` = 144 = 24 six-row panels.
/// - `nc` = 3072 keeps a packed `B` block (kc × nc, 6 MiB) in the shared L3.
/// Every cut depends only on the problem's shape, never on the thread count, so each element of
/// `C` sums the same products in the same order for any number of threads.
enum GemmBlocking {
    static let maxRowBlock = 144
    static let maxDepthBlock = 512
    static let maxColumnBlock = 3072

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
