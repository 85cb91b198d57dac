import KernelTiles

/// The portable kernels (6×16 tiles, a multiply and an add), compiled for no particular CPU:
/// they run on any x86-64 (SSE2) and on arm64 (NEON); `KernelPath.portable`. On x86-64 the twelve
/// 8-wide accumulators need 24 of SSE's 16 registers, so they spill: correct, not fast.
///
/// Every function here inlines `registerTile` (or `packBPanel`), so this module's object code holds
/// its own copy of the loop, built without CPU assumptions; `GemmBuildTests` reads it.
public enum PortableKernels {
    public static let gemm = GemmKernelTable(
        columns: 16, packed: portableGemmPacked, columnPacked: portableGemmColumnPacked,
        strided: portableGemmStrided, short: portableGemmShort,
        packB: portableGemmPackB, packA: portableGemmPackA)
    public static let optimizers = OptimizerKernelTable(sgdStep: portableSGDStep, adamStep: portableAdamStep)
    public static let variational = VariationalKernelTable(
        sigmaAndKL: portableSigmaAndKL, point: portableVariationalPoint, lossGradient: portableLossGradient,
        update: portableVariationalUpdate)
    public static let random = RandomKernelTable(philoxBlocks: portablePhiloxBlocks, normalPairs: portableNormalPairs)
    public static let peak = PeakLoop.of(Vector.self, portablePeakLoop)
    public static let convolution = ConvKernelTable(image: portableConvImage, gathered: portableConvGathered,
                                                      packB: portableGemmPackB)
}

private typealias Vector = SIMD8<Float>

@inline(never)
func portableGemmPacked(kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: false, kc: kc, GemmPanels<Vector>(.packed(a), GemmPanelB(base: b, step: 16)),
                 c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func portableGemmColumnPacked(count: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                          c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue) {
    columnOfPackedTiles(Vector.self, fused: false, count: count, kc: kc, a: a, b: b, c: c, ldc: ldc,
                        epilogue: epilogue)
}

@inline(never)
func portableGemmStrided(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
                     epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: false, kc: kc, GemmPanels<Vector>(a, b), c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func portableGemmPackB(b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int,
                      out: UnsafeMutablePointer<Float>) {
    packBPanel(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc, width: 16, into: out)
}

@inline(never)
func portablePeakLoop(iterations: Int) -> Float {
    multiplyAddLoop(Vector.self, fused: false, iterations: iterations)
}

@inline(never)
func portableGemmPackA(a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
                      out: UnsafeMutablePointer<Float>) {
    packAPanel(a, firstRow: firstRow, panelRows: panelRows, p0: p0, kc: kc, into: out)
}

@inline(never)
func portableSGDStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, b: UnsafeMutablePointer<Float>?,
                    count: Int, lr: Float, mu: Float, decay: Float, nesterov: Bool) {
    sgdStep(w, g, b, count: count, lr: lr, mu: mu, decay: decay, nesterov: nesterov)
}

/// One non-inlined function per row count: merged, the optimiser kept `rows` a variable inside
/// the loop (3.5% of a 128×256×10 product's profile for 1/64 of its work).
func portableGemmShort(rows: Int, kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
                   epilogue: GemmEpilogue) {
    switch rows {
    case 1: portableGemmRows1(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 2: portableGemmRows2(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 3: portableGemmRows3(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 4: portableGemmRows4(kc, GemmPanels(a, b), c, ldc, epilogue)
    default: portableGemmRows5(kc, GemmPanels(a, b), c, ldc, epilogue)
    }
}

@inline(never) private func portableGemmRows1(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 1, fused: false, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func portableGemmRows2(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 2, fused: false, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func portableGemmRows3(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 3, fused: false, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func portableGemmRows4(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 4, fused: false, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func portableGemmRows5(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 5, fused: false, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func portableConvImage(kc: Int, operands: ImageOperands, c: UnsafeMutablePointer<Float>, ldc: Int,
                   epilogue: GemmEpilogue, rowBias: UnsafePointer<Float>?) {
    registerTile(rows: 6, fused: false, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue, rowBias: rowBias)
}

@inline(never)
func portableConvGathered(kc: Int, operands: GatheredOperands, c: UnsafeMutablePointer<Float>, ldc: Int,
                      epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: false, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func portableAdamStep(x: UnsafeMutablePointer<Double>, m: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>,
              g: UnsafePointer<Double>, count: Int, lr: Double, c1: Double, c2: Double) {
    adamStep(x, m, v, g, count: count, lr: lr, c1: c1, c2: c2)
}

@inline(never)
func portablePhiloxBlocks(first: UInt64, stream: UInt64, key: UInt64, count: Int, out: UnsafeMutablePointer<UInt32>) {
    philoxBlocks(SIMD8<UInt32>.self, first: first, stream: stream, key: key, count: count, into: out)
}

@inline(never)
func portableNormalPairs(first: UInt64, stream: UInt64, key: UInt64, count: Int, out: UnsafeMutablePointer<Double>) {
    normalPairs(SIMD8<UInt32>.self, first: first, stream: stream, key: key, count: count, into: out)
}

@inline(never)
func portableSigmaAndKL(rho: UnsafePointer<Double>, sigma: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>,
                   mu: UnsafePointer<Double>, count: Int, prior: Double, logPrior: Double) -> Double {
    variationalSigmaAndKL(rho: rho, sigma: sigma, mean: mean, mu: mu, count: count, prior: prior, logPrior: logPrior)
}

@inline(never)
func portableVariationalPoint(point: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>, sigma: UnsafePointer<Double>,
                         noise: UnsafePointer<Double>, count: Int, sign: Double) {
    variationalPoint(point: point, mean: mean, sigma: sigma, noise: noise, count: count, sign: sign)
}

@inline(never)
func portableLossGradient(rhoGradient: UnsafeMutablePointer<Double>, meanGradient: UnsafeMutablePointer<Double>?,
                     g: UnsafePointer<Double>, noise: UnsafePointer<Double>, sigma: UnsafePointer<Double>, count: Int,
                     sign: Double, share: Double) {
    variationalLossGradient(rhoGradient: rhoGradient, meanGradient: meanGradient, g: g, noise: noise, sigma: sigma,
                            count: count, sign: sign, share: share)
}

@inline(never)
func portableVariationalUpdate(operands: VariationalOperands, start: Int, count: Int, prior: Double, beta: Double,
                          adam: AdamSettings) {
    operands.update(start: start, count: count, prior: prior, beta: beta, adam: adam)
}
