import KernelTiles

/// The 8-wide kernels (6×16 tiles, fused multiply-add), compiled for Haswell (Package.swift):
/// reach them only through `KernelPath.avx2` or `.avx512`, on a CPU with AVX2 and FMA.
///
/// Every function here inlines `registerTile` (or `packBPanel`), so this module's object code holds
/// its own copy of the loop, built for this CPU; `GemmBuildTests` reads it.
public enum AVX2Kernels {
    public static let gemm = GemmKernelTable(
        columns: 16, packed: avx2GemmPacked, columnPacked: avx2GemmColumnPacked,
        strided: avx2GemmStrided, short: avx2GemmShort,
        packB: avx2GemmPackB, packA: avx2GemmPackA)
    public static let optimizers = OptimizerKernelTable(sgdStep: avx2SGDStep, adamStep: avx2AdamStep)
    public static let variational = VariationalKernelTable(
        sigmaAndKL: avx2SigmaAndKL, point: avx2VariationalPoint, lossGradient: avx2LossGradient,
        update: avx2VariationalUpdate)
    public static let random = RandomKernelTable(philoxBlocks: avx2PhiloxBlocks, normalPairs: avx2NormalPairs)
    public static let peak = PeakLoop.of(Vector.self, avx2PeakLoop)
    public static let convolution = ConvKernelTable(image: avx2ConvImage, gathered: avx2ConvGathered,
                                                      packB: avx2GemmPackB)
}

private typealias Vector = SIMD8<Float>

@inline(never)
func avx2GemmPacked(kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: true, kc: kc, GemmPanels<Vector>(.packed(a), GemmPanelB(base: b, step: 16)),
                 c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func avx2GemmColumnPacked(count: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                          c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue) {
    columnOfPackedTiles(Vector.self, fused: true, count: count, kc: kc, a: a, b: b, c: c, ldc: ldc,
                        epilogue: epilogue)
}

@inline(never)
func avx2GemmStrided(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
                     epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: true, kc: kc, GemmPanels<Vector>(a, b), c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func avx2GemmPackB(b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int,
                  out: UnsafeMutablePointer<Float>) {
    packBPanel(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc, width: 16, into: out)
}

@inline(never)
func avx2PeakLoop(iterations: Int) -> Float {
    multiplyAddLoop(Vector.self, fused: true, iterations: iterations)
}

@inline(never)
func avx2GemmPackA(a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
                  out: UnsafeMutablePointer<Float>) {
    packAPanel(a, firstRow: firstRow, panelRows: panelRows, p0: p0, kc: kc, into: out)
}

@inline(never)
func avx2SGDStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, b: UnsafeMutablePointer<Float>?,
                count: Int, lr: Float, mu: Float, decay: Float, nesterov: Bool) {
    sgdStep(w, g, b, count: count, lr: lr, mu: mu, decay: decay, nesterov: nesterov)
}

/// One non-inlined function per row count: merged, the optimiser kept `rows` a variable inside
/// the loop (3.5% of a 128×256×10 product's profile for 1/64 of its work).
func avx2GemmShort(rows: Int, kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
                   epilogue: GemmEpilogue) {
    switch rows {
    case 1: avx2GemmRows1(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 2: avx2GemmRows2(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 3: avx2GemmRows3(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 4: avx2GemmRows4(kc, GemmPanels(a, b), c, ldc, epilogue)
    default: avx2GemmRows5(kc, GemmPanels(a, b), c, ldc, epilogue)
    }
}

@inline(never) private func avx2GemmRows1(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 1, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx2GemmRows2(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 2, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx2GemmRows3(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 3, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx2GemmRows4(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 4, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx2GemmRows5(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 5, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func avx2ConvImage(kc: Int, operands: ImageOperands, c: UnsafeMutablePointer<Float>, ldc: Int,
                   epilogue: GemmEpilogue, rowBias: UnsafePointer<Float>?) {
    registerTile(rows: 6, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue, rowBias: rowBias)
}

@inline(never)
func avx2ConvGathered(kc: Int, operands: GatheredOperands, c: UnsafeMutablePointer<Float>, ldc: Int,
                      epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func avx2AdamStep(x: UnsafeMutablePointer<Double>, m: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>,
              g: UnsafePointer<Double>, count: Int, lr: Double, c1: Double, c2: Double) {
    adamStep(x, m, v, g, count: count, lr: lr, c1: c1, c2: c2)
}

@inline(never)
func avx2PhiloxBlocks(first: UInt64, stream: UInt64, key: UInt64, count: Int, out: UnsafeMutablePointer<UInt32>) {
    philoxBlocks(SIMD8<UInt32>.self, first: first, stream: stream, key: key, count: count, into: out)
}

@inline(never)
func avx2NormalPairs(first: UInt64, stream: UInt64, key: UInt64, count: Int, out: UnsafeMutablePointer<Double>) {
    normalPairs(SIMD8<UInt32>.self, first: first, stream: stream, key: key, count: count, into: out)
}

@inline(never)
func avx2SigmaAndKL(rho: UnsafePointer<Double>, sigma: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>,
                   mu: UnsafePointer<Double>, count: Int, prior: Double, logPrior: Double) -> Double {
    variationalSigmaAndKL(rho: rho, sigma: sigma, mean: mean, mu: mu, count: count, prior: prior, logPrior: logPrior)
}

@inline(never)
func avx2VariationalPoint(point: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>, sigma: UnsafePointer<Double>,
                         noise: UnsafePointer<Double>, count: Int, sign: Double) {
    variationalPoint(point: point, mean: mean, sigma: sigma, noise: noise, count: count, sign: sign)
}

@inline(never)
func avx2LossGradient(rhoGradient: UnsafeMutablePointer<Double>, meanGradient: UnsafeMutablePointer<Double>?,
                     g: UnsafePointer<Double>, noise: UnsafePointer<Double>, sigma: UnsafePointer<Double>, count: Int,
                     sign: Double, share: Double) {
    variationalLossGradient(rhoGradient: rhoGradient, meanGradient: meanGradient, g: g, noise: noise, sigma: sigma,
                            count: count, sign: sign, share: share)
}

@inline(never)
func avx2VariationalUpdate(operands: VariationalOperands, start: Int, count: Int, prior: Double, beta: Double,
                          adam: AdamSettings) {
    operands.update(start: start, count: count, prior: prior, beta: beta, adam: adam)
}
