/// Packs one panel of `op(B)` for the table's tile width, compiled for the table's CPU
/// (`packBPanel`): `(b, firstColumn, columns, p0, kc, out)`.
public typealias BPanelPacker = (GemmOperand, Int, Int, Int, Int, UnsafeMutablePointer<Float>) -> Void

/// Packs one 6-row panel of `op(A)`, compiled for the table's CPU (`packAPanel`):
/// `(a, firstRow, panelRows, p0, kc, out)`.
public typealias APanelPacker = (GemmOperand, Int, Int, Int, Int, UnsafeMutablePointer<Float>) -> Void

/// The GEMM's entry points into one kernel variant, and its tile width. A variant module fills
/// one table with its own non-inlined functions; the driver calls only through the table of the
/// path this process chose (`KernelPath`), so code compiled for another CPU is never reached.
public struct GemmKernelTable: @unchecked Sendable {
    /// Columns of the register tile (two vectors): 16 for 8-wide vectors, 32 for 16-wide.
    public var columns: Int
    /// One full tile over packed panels: `(kc, a, b, c, ldc, epilogue)`.
    public var packed: (Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int,
                        GemmEpilogue) -> Void
    /// `count` full tiles down one packed `B` panel over consecutive packed `A` panels, in one call
    /// (in a shallow product, k = 10, a call per tile cost about a tenth of its work):
    /// `(count, kc, a, b, c, ldc, epilogue)`.
    public var columnPacked: (Int, Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>,
                              Int, GemmEpilogue) -> Void
    /// One full tile with any strides: `(kc, a, b, c, ldc, epilogue)`.
    public var strided: (Int, GemmPanelA, GemmPanelB, UnsafeMutablePointer<Float>, Int, GemmEpilogue) -> Void
    /// A full-width tile of 1...5 rows, written straight to `C`: `(rows, kc, a, b, c, ldc, epilogue)`.
    public var short: (Int, Int, GemmPanelA, GemmPanelB, UnsafeMutablePointer<Float>, Int, GemmEpilogue) -> Void
    /// Packs one `B` panel `columns` wide.
    public var packB: BPanelPacker
    /// Packs one 6-row `A` panel.
    public var packA: APanelPacker

    public init(
        columns: Int,
        packed: @escaping (Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int,
                           GemmEpilogue) -> Void,
        columnPacked: @escaping (Int, Int, UnsafePointer<Float>, UnsafePointer<Float>,
                                 UnsafeMutablePointer<Float>, Int, GemmEpilogue) -> Void,
        strided: @escaping (Int, GemmPanelA, GemmPanelB, UnsafeMutablePointer<Float>, Int, GemmEpilogue) -> Void,
        short: @escaping (Int, Int, GemmPanelA, GemmPanelB, UnsafeMutablePointer<Float>, Int, GemmEpilogue) -> Void,
        packB: @escaping BPanelPacker,
        packA: @escaping APanelPacker
    ) {
        self.columns = columns
        self.packed = packed
        self.columnPacked = columnPacked
        self.strided = strided
        self.short = short
        self.packB = packB
        self.packA = packA
    }
}

/// The direct convolutions' entry points into one kernel variant (6×16 tiles, full rows).
public struct ConvKernelTable: @unchecked Sendable {
    /// The forward tile: `(kc, operands, c, ldc, epilogue, rowBias)`.
    public var image: (Int, ImageOperands, UnsafeMutablePointer<Float>, Int, GemmEpilogue,
                       UnsafePointer<Float>?) -> Void
    /// The weight-gradient tile: `(kc, operands, c, ldc, epilogue)`.
    public var gathered: (Int, GatheredOperands, UnsafeMutablePointer<Float>, Int, GemmEpilogue) -> Void
    /// Packs one 16-column panel of the weight gradient's `B` (the output gradient, transposed).
    public var packB: BPanelPacker

    public init(
        image: @escaping (Int, ImageOperands, UnsafeMutablePointer<Float>, Int, GemmEpilogue,
                          UnsafePointer<Float>?) -> Void,
        gathered: @escaping (Int, GatheredOperands, UnsafeMutablePointer<Float>, Int, GemmEpilogue) -> Void,
        packB: @escaping BPanelPacker
    ) {
        self.image = image
        self.gathered = gathered
        self.packB = packB
    }
}

/// The optimisers' loops of one kernel variant (the training step's elementwise work that was
/// measurably slower compiled for no CPU).
public struct OptimizerKernelTable: @unchecked Sendable {
    /// `sgdStep`: `(w, g, b, count, lr, mu, decay, nesterov)`.
    public var sgdStep: (UnsafeMutablePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>?, Int,
                         Float, Float, Float, Bool) -> Void
    /// `adamStep` on Double vectors: `(x, m, v, g, count, lr, c1, c2)`.
    public var adamStep: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                          UnsafePointer<Double>, Int, Double, Double, Double) -> Void

    public init(sgdStep: @escaping (UnsafeMutablePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>?,
                                    Int, Float, Float, Float, Bool) -> Void,
                adamStep: @escaping (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                                     UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int, Double, Double,
                                     Double) -> Void) {
        self.sgdStep = sgdStep
        self.adamStep = adamStep
    }
}

/// The random generator's loops of one kernel variant: `philoxBlocks` and `normalPairs`, each
/// `(first, stream, key, count, out)`.
public struct RandomKernelTable: @unchecked Sendable {
    public var philoxBlocks: (UInt64, UInt64, UInt64, Int, UnsafeMutablePointer<UInt32>) -> Void
    public var normalPairs: (UInt64, UInt64, UInt64, Int, UnsafeMutablePointer<Double>) -> Void

    public init(philoxBlocks: @escaping (UInt64, UInt64, UInt64, Int, UnsafeMutablePointer<UInt32>) -> Void,
                normalPairs: @escaping (UInt64, UInt64, UInt64, Int, UnsafeMutablePointer<Double>) -> Void) {
        self.philoxBlocks = philoxBlocks
        self.normalPairs = normalPairs
    }
}

/// The body of a variant's `columnPacked` entry: `count` full tiles down one packed `B` panel.
@inlinable @inline(__always)
public func columnOfPackedTiles<Vector: TileVector>(
    _: Vector.Type, fused: Bool, count: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    let width = 2 * Vector.scalarCount
    var pa = a, pc = c
    for _ in 0..<count {
        registerTile(rows: tileRows, fused: fused, kc: kc,
                     GemmPanels<Vector>(.packed(pa), GemmPanelB(base: b, step: width)),
                     c: pc, ldc: ldc, epilogue: epilogue)
        pa += tileRows * kc
        pc += tileRows * ldc
    }
}
