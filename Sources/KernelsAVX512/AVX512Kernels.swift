import KernelTiles

/// The 16-wide kernels (6×32 tiles, fused multiply-add), compiled for Skylake-SP (Package.swift):
/// reach them only through `KernelPath.avx512`, on a CPU with AVX-512 F, BW and VL. Twelve zmm
/// accumulators, two `B` vectors and a broadcast use 15 of the 32 registers. The direct
/// convolutions keep the 8-wide tiles of `AVX2Kernels` on such CPUs: their image reads come in
/// runs of 8 positions.
///
/// Every function here inlines `registerTile` (or `packBPanel`), so this module's object code holds
/// its own copy of the loop, built for this CPU; `GemmBuildTests` reads it.
public enum AVX512Kernels {
    public static let gemm = GemmKernelTable(
        columns: 32, packed: avx512GemmPacked, columnPacked: avx512GemmColumnPacked,
        strided: avx512GemmStrided, short: avx512GemmShort,
        packB: avx512GemmPackB, packA: avx512GemmPackA)
    public static let optimizers = OptimizerKernelTable(sgdStep: avx512SGDStep, adamStep: avx512AdamStep)
    public static let variational = VariationalKernelTable(
        sigmaAndKL: avx512SigmaAndKL, point: avx512VariationalPoint, lossGradient: avx512LossGradient,
        update: avx512VariationalUpdate)
    public static let random = RandomKernelTable(philoxBlocks: avx512PhiloxBlocks, normalPairs: avx512NormalPairs)
    public static let peak = PeakLoop.of(Vector.self, avx512PeakLoop)
}

private typealias Vector = SIMD16<Float>

@inline(never)
func avx512GemmPacked(kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                      c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: true, kc: kc, GemmPanels<Vector>(.packed(a), GemmPanelB(base: b, step: 32)),
                 c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func avx512GemmColumnPacked(count: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                          c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue) {
    columnOfPackedTiles(Vector.self, fused: true, count: count, kc: kc, a: a, b: b, c: c, ldc: ldc,
                        epilogue: epilogue)
}

@inline(never)
func avx512GemmStrided(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
                     epilogue: GemmEpilogue) {
    registerTile(rows: 6, fused: true, kc: kc, GemmPanels<Vector>(a, b), c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func avx512GemmPackB(b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int,
                    out: UnsafeMutablePointer<Float>) {
    packBPanel(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc, width: 32, into: out)
}

@inline(never)
func avx512PeakLoop(iterations: Int) -> Float {
    multiplyAddLoop(Vector.self, fused: true, iterations: iterations)
}

@inline(never)
func avx512GemmPackA(a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
                    out: UnsafeMutablePointer<Float>) {
    packAPanel(a, firstRow: firstRow, panelRows: panelRows, p0: p0, kc: kc, into: out)
}

@inline(never)
func avx512SGDStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, b: UnsafeMutablePointer<Float>?,
                  count: Int, lr: Float, mu: Float, decay: Float, nesterov: Bool) {
    sgdStep(w, g, b, count: count, lr: lr, mu: mu, decay: decay, nesterov: nesterov)
}

/// One non-inlined function per row count: merged, the optimiser kept `rows` a variable inside
/// the loop (3.5% of a 128×256×10 product's profile for 1/64 of its work).
func avx512GemmShort(rows: Int, kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
                   epilogue: GemmEpilogue) {
    switch rows {
    case 1: avx512GemmRows1(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 2: avx512GemmRows2(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 3: avx512GemmRows3(kc, GemmPanels(a, b), c, ldc, epilogue)
    case 4: avx512GemmRows4(kc, GemmPanels(a, b), c, ldc, epilogue)
    default: avx512GemmRows5(kc, GemmPanels(a, b), c, ldc, epilogue)
    }
}

@inline(never) private func avx512GemmRows1(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 1, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx512GemmRows2(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 2, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx512GemmRows3(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 3, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx512GemmRows4(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 4, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}
@inline(never) private func avx512GemmRows5(_ kc: Int, _ operands: GemmPanels<Vector>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ epilogue: GemmEpilogue) {
    registerTile(rows: 5, fused: true, kc: kc, operands, c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
func avx512AdamStep(x: UnsafeMutablePointer<Double>, m: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>,
              g: UnsafePointer<Double>, count: Int, lr: Double, c1: Double, c2: Double) {
    adamStep(x, m, v, g, count: count, lr: lr, c1: c1, c2: c2)
}

@inline(never)
func avx512PhiloxBlocks(first: UInt64, stream: UInt64, key: UInt64, count: Int, out: UnsafeMutablePointer<UInt32>) {
    philoxBlocks(SIMD16<UInt32>.self, first: first, stream: stream, key: key, count: count, into: out)
}

@inline(never)
func avx512NormalPairs(first: UInt64, stream: UInt64, key: UInt64, count: Int, out: UnsafeMutablePointer<Double>) {
    normalPairs(SIMD16<UInt32>.self, first: first, stream: stream, key: key, count: count, into: out)
}

@inline(never)
func avx512SigmaAndKL(rho: UnsafePointer<Double>, sigma: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>,
                   mu: UnsafePointer<Double>, count: Int, prior: Double, logPrior: Double) -> Double {
    variationalSigmaAndKL(rho: rho, sigma: sigma, mean: mean, mu: mu, count: count, prior: prior, logPrior: logPrior)
}

@inline(never)
func avx512VariationalPoint(point: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>, sigma: UnsafePointer<Double>,
                         noise: UnsafePointer<Double>, count: Int, sign: Double) {
    variationalPoint(point: point, mean: mean, sigma: sigma, noise: noise, count: count, sign: sign)
}

@inline(never)
func avx512LossGradient(rhoGradient: UnsafeMutablePointer<Double>, meanGradient: UnsafeMutablePointer<Double>?,
                     g: UnsafePointer<Double>, noise: UnsafePointer<Double>, sigma: UnsafePointer<Double>, count: Int,
                     sign: Double, share: Double) {
    variationalLossGradient(rhoGradient: rhoGradient, meanGradient: meanGradient, g: g, noise: noise, sigma: sigma,
                            count: count, sign: sign, share: share)
}

@inline(never)
func avx512VariationalUpdate(operands: VariationalOperands, start: Int, count: Int, prior: Double, beta: Double,
                          adam: AdamSettings) {
    operands.update(start: start, count: count, prior: prior, beta: beta, adam: adam)
}
