/// The block sizes of the packed GEMM loop nest (`GemmBlocking`), derived from the data caches of
/// the CPU it runs on (`CPUModel.caches`, read from sysfs at start-up).
///
/// The derivation (BLIS's analytical model, scaled to the measured optimum on Zen 3):
/// - `depth` (kc): a packed 16-column `B` micro-panel, kc × 16 floats, fills the L1 data cache:
///   kc = L1d / 64 bytes. It streams through L1 once per 6-row tile while the tile's 12
///   accumulators stay in registers. 32 KiB gives 512, the optimum a prototype found on Zen 3
///   (32 KiB L1d; bench/README.md). The same kc serves the AVX-512 path, whose 32-column panels are
///   then twice L1 and come from L2: a per-path kc would change the order in which the depth
///   blocks are summed, and the AVX-512 and AVX2 paths would no longer give the same bits. On Zen 4
///   the two paths run at the same speed with this kc (bench/RESULTS.md).
/// - `rows` (mc): a packed `A` block, mc × kc floats, fills half of L2, leaving the other half to
///   the `B` micro-panel streamed past it, the tiles of `C` and the next block's packing:
///   mc = L2 / 2 / (4 · kc), rounded down to whole 6-row panels. 512 KiB (Zen 3) gives 126 (the
///   prototype's 144 sat in a flat optimum), 1 MiB (Zen 4) 252, 2 MiB at kc 768 (Sapphire Rapids) 336.
/// - `columns` (nc): a packed `B` block, kc × nc floats, takes a quarter of L3, which the other
///   cores share: nc = L3 / 4 / (4 · kc), rounded down to whole 32-column panels. 32 MiB gives 4096.
/// Each is kept within bounds that a misreported cache cannot push into absurdity, and unknown
/// caches (no sysfs) give the constants measured on Zen 3. No size depends on the thread count, so
/// results stay bit-identical across thread counts; they do depend on the machine, like the path.
struct GemmBlockSizes: Equatable {
    var depth: Int
    var rows: Int
    var columns: Int

    /// The sizes measured on the project's Zen 3 machine, for caches that cannot be read.
    static let measuredOnZen3 = GemmBlockSizes(depth: 512, rows: 144, columns: 3072)

    /// Columns of the narrowest packed `B` panel (the 8-wide paths' 6×16 tiles): kc is sized for it.
    static let narrowPanelColumns = 16
    /// Columns of the widest panel (the AVX-512 path's 6×32 tiles): nc is a multiple of it.
    static let widePanelColumns = 32

    static let depthRange = 128...1024
    static let rowRange = (4 * gemmTileRows)...(96 * gemmTileRows)
    static let columnRange = 1024...8192

    /// The sizes for `caches`; the Zen 3 constants for whatever level is unknown.
    init(caches: CPUCaches) {
        let fallback = Self.measuredOnZen3
        let float = MemoryLayout<Float>.size
        let depth = caches.level1Data.map {
            Self.clamp($0 / (Self.narrowPanelColumns * float), Self.depthRange, multiple: 8)
        } ?? fallback.depth
        let rows = caches.level2.map {
            Self.clamp($0 / 2 / (float * depth), Self.rowRange, multiple: gemmTileRows)
        } ?? fallback.rows
        let columns = caches.level3.map {
            Self.clamp($0 / 4 / (float * depth), Self.columnRange, multiple: Self.widePanelColumns)
        } ?? fallback.columns
        self.init(depth: depth, rows: rows, columns: columns)
    }

    init(depth: Int, rows: Int, columns: Int) {
        self.depth = depth
        self.rows = rows
        self.columns = columns
    }

    /// `value` rounded down to a multiple of `multiple`, within `range` (whose ends are multiples).
    private static func clamp(_ value: Int, _ range: ClosedRange<Int>, multiple: Int) -> Int {
        min(max(value / multiple * multiple, range.lowerBound), range.upperBound)
    }
}
