/// An element-wise function of one operand, evaluated by `TensorScalar._unaryKernel`.
public enum UnaryKernelOp: Sendable, Equatable, Hashable {
    case negate, exp, log, sqrt, abs, sign, tanh, sigmoid, erf, gelu
    /// `x` for positive `x`, else `slope * x` (`slope == 0` is relu).
    case leakyRelu(slope: Double)
    /// The derivative mask of `leakyRelu`: 1 for positive `x`, else `slope`.
    case leakyStep(slope: Double)
    /// `scale * x + shift`.
    case affine(scale: Double, shift: Double)
}

/// An element-wise function of two broadcast operands, evaluated by `TensorScalar._binaryKernel`.
/// Comparisons give 1 where true and 0 where false.
public enum BinaryKernelOp: Sendable, Equatable, Hashable {
    case add, subtract, multiply, divide, power, maximum, minimum
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}

// The loops below are generic, but each is called only from the concrete Float and Double
// conformances at the bottom of this file, where the optimiser specialises them; keeping them in
// one file keeps that specialisation possible without whole-module optimisation.

@inline(__always)
private func unaryLoop<S: TensorScalar>(_ op: UnaryKernelOp, _ x: UnsafePointer<S>,
                                        _ y: UnsafeMutablePointer<S>, _ n: Int) {
    switch op {
    case .negate: for i in 0..<n { y[i] = -x[i] }
    case .exp: for i in 0..<n { y[i] = S._exp(x[i]) }
    case .log: for i in 0..<n { y[i] = S._log(x[i]) }
    case .sqrt: for i in 0..<n { y[i] = x[i].squareRoot() }
    case .abs: for i in 0..<n { y[i] = x[i].magnitude }
    case .sign: for i in 0..<n { y[i] = x[i] > 0 ? 1 : (x[i] < 0 ? -1 : 0) }
    case .tanh: for i in 0..<n { y[i] = S._tanh(x[i]) }
    case .erf: for i in 0..<n { y[i] = S._erf(x[i]) }
    case .sigmoid:
        // Split by sign so exp never overflows: both branches are exact rewrites of 1/(1+e^-x).
        for i in 0..<n {
            let v = x[i]
            if v >= 0 { y[i] = 1 / (1 + S._exp(-v)) } else { let e = S._exp(v); y[i] = e / (1 + e) }
        }
    case .gelu:
        // Exact GELU, x * Phi(x), with Phi the standard normal distribution function.
        let invSqrt2 = S(0.70710678118654752440)
        for i in 0..<n { y[i] = S(0.5) * x[i] * (1 + S._erf(x[i] * invSqrt2)) }
    case .leakyRelu(let slope):
        if slope == 0 {
            // NaN stays NaN (so divergence is visible); -inf becomes 0.
            for i in 0..<n { let v = x[i]; y[i] = v > 0 || v.isNaN ? v : 0 }
        } else {
            let s = S(slope)
            for i in 0..<n { let v = x[i]; y[i] = v > 0 ? v : s * v }
        }
    case .leakyStep(let slope):
        let s = S(slope)
        for i in 0..<n { y[i] = x[i] > 0 ? 1 : s }
    case .affine(let scale, let shift):
        let a = S(scale), b = S(shift)
        for i in 0..<n { y[i] = a * x[i] + b }
    }
}

/// `g · leakyStep(x)` without the mask: `g · 1` is `g` and `g · slope` is `slope · g` bit for
/// bit, NaN `x` included (`x > 0` is false, as in the mask).
private func leakyMaskLoop<S: TensorScalar>(_ g: UnsafePointer<S>, _ x: UnsafePointer<S>, _ slope: S,
                                            _ out: UnsafeMutablePointer<S>, _ n: Int) {
    for i in 0..<n { out[i] = x[i] > 0 ? g[i] : g[i] * slope }
}

/// One row of a binary op: `n` elements, operands at strides `sa` and `sb` (0 or 1 in practice).
@inline(__always)
private func binaryRow<S: TensorScalar>(_ op: BinaryKernelOp, _ a: UnsafePointer<S>, _ sa: Int,
                                        _ b: UnsafePointer<S>, _ sb: Int,
                                        _ c: UnsafeMutablePointer<S>, _ n: Int) {
    switch op {
    case .add: for i in 0..<n { c[i] = a[i * sa] + b[i * sb] }
    case .subtract: for i in 0..<n { c[i] = a[i * sa] - b[i * sb] }
    case .multiply: for i in 0..<n { c[i] = a[i * sa] * b[i * sb] }
    case .divide: for i in 0..<n { c[i] = a[i * sa] / b[i * sb] }
    case .power: for i in 0..<n { c[i] = S._pow(a[i * sa], b[i * sb]) }
    case .maximum: for i in 0..<n { let u = a[i * sa], v = b[i * sb]; c[i] = u.isNaN || u >= v ? u : v }
    case .minimum: for i in 0..<n { let u = a[i * sa], v = b[i * sb]; c[i] = u.isNaN || u <= v ? u : v }
    case .equal: for i in 0..<n { c[i] = a[i * sa] == b[i * sb] ? 1 : 0 }
    case .notEqual: for i in 0..<n { c[i] = a[i * sa] != b[i * sb] ? 1 : 0 }
    case .less: for i in 0..<n { c[i] = a[i * sa] < b[i * sb] ? 1 : 0 }
    case .lessEqual: for i in 0..<n { c[i] = a[i * sa] <= b[i * sb] ? 1 : 0 }
    case .greater: for i in 0..<n { c[i] = a[i * sa] > b[i * sb] ? 1 : 0 }
    case .greaterEqual: for i in 0..<n { c[i] = a[i * sa] >= b[i * sb] ? 1 : 0 }
    }
}

// One out-of-line function per stride pattern, each with its strides as constants, so every one
// compiles to a plain vector loop (a single function taking strides as values does not).
@inline(never) private func rowVV<S: TensorScalar>(_ op: BinaryKernelOp, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                                   _ c: UnsafeMutablePointer<S>, _ n: Int) { binaryRow(op, a, 1, b, 1, c, n) }
@inline(never) private func rowVS<S: TensorScalar>(_ op: BinaryKernelOp, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                                   _ c: UnsafeMutablePointer<S>, _ n: Int) { binaryRow(op, a, 1, b, 0, c, n) }
@inline(never) private func rowSV<S: TensorScalar>(_ op: BinaryKernelOp, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                                   _ c: UnsafeMutablePointer<S>, _ n: Int) { binaryRow(op, a, 0, b, 1, c, n) }

@inline(__always)
private func binaryLoop<S: TensorScalar>(_ op: BinaryKernelOp, _ plan: BroadcastPlan,
                                         _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                         _ c: UnsafeMutablePointer<S>) {
    // Constant strides let the optimiser emit the plain vector loop for the common cases.
    if plan.isElementwise { rowVV(op, a, b, c, plan.count); return }
    if plan.bIsScalar && !plan.aIsScalar && plan.aStrides == TensorShape.strides(plan.shape) {
        rowVS(op, a, b, c, plan.count); return
    }
    if plan.aIsScalar && !plan.bIsScalar && plan.bStrides == TensorShape.strides(plan.shape) {
        rowSV(op, a, b, c, plan.count); return
    }
    let rank = plan.shape.count
    // A rank-0 output means both operands are scalars, which the elementwise path took.
    if rank == 0 || plan.count == 0 { return }
    let inner = plan.shape[rank - 1]
    let sa = plan.aStrides[rank - 1], sb = plan.bStrides[rank - 1]
    TensorIndexWalk.forEachRow(shape: plan.shape, strides: plan.aStrides, plan.bStrides) { row, oa, ob in
        let out = c + row * inner
        switch (sa, sb) {
        case (1, 1): rowVV(op, a + oa, b + ob, out, inner)
        case (1, 0): rowVS(op, a + oa, b + ob, out, inner)
        case (0, 1): rowSV(op, a + oa, b + ob, out, inner)
        default: binaryRow(op, a + oa, sa, b + ob, sb, out, inner)
        }
    }
}

/// Walks the rows (all axes but the last) of a row-major shape, giving each row's index and the
/// element offset of that row in two strided operands.
enum TensorIndexWalk {
    @inline(__always)
    static func forEachRow(shape: [Int], strides a: [Int], _ b: [Int], _ body: (Int, Int, Int) -> Void) {
        let rank = shape.count
        let outerRank = rank - 1
        var rows = 1
        for axis in 0..<outerRank { rows *= shape[axis] }
        if rows == 0 || (rank > 0 && shape[rank - 1] == 0) { return }
        if outerRank <= 1 {
            let sa = outerRank == 1 ? a[0] : 0, sb = outerRank == 1 ? b[0] : 0
            for row in 0..<rows { body(row, row * sa, row * sb) }
            return
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: outerRank) { index in
            index.initialize(repeating: 0)
            var offsetA = 0, offsetB = 0
            for row in 0..<rows {
                body(row, offsetA, offsetB)
                // Odometer increment over the outer axes, updating the offsets incrementally.
                var axis = outerRank - 1
                while axis >= 0 {
                    index[axis] += 1
                    offsetA += a[axis]
                    offsetB += b[axis]
                    if index[axis] < shape[axis] { break }
                    offsetA -= a[axis] * shape[axis]
                    offsetB -= b[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}

extension Float {
    /// Implementation hook: a gradient masked by (leaky) relu's derivative.
    public static func _leakyMaskKernel(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, slope: Float,
                                        _ out: UnsafeMutablePointer<Float>, count: Int) {
        leakyMaskLoop(g, x, slope, out, count)
    }
    /// Implementation hook: element-wise select.
    public static func _selectKernel(_ condition: UnsafePointer<Float>, _ a: UnsafePointer<Float>,
                                     _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { out[i] = condition[i] != 0 ? a[i] : b[i] }
    }
    /// Implementation hook: element-wise unary kernel.
    public static func _unaryKernel(_ op: UnaryKernelOp, _ x: UnsafePointer<Float>,
                                    _ y: UnsafeMutablePointer<Float>, count: Int) {
        switch op {
        case .exp: vectorizedExp(x, y, count)
        case .sigmoid: vectorizedSigmoid(x, y, count)
        case .tanh: vectorizedTanh(x, y, count)
        default: unaryLoop(op, x, y, count)
        }
    }
    /// Implementation hook: broadcasting binary kernel.
    public static func _binaryKernel(_ op: BinaryKernelOp, _ plan: BroadcastPlan, _ a: UnsafePointer<Float>,
                                     _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
        binaryLoop(op, plan, a, b, out)
    }
}

extension Double {
    /// Implementation hook: a gradient masked by (leaky) relu's derivative.
    public static func _leakyMaskKernel(_ g: UnsafePointer<Double>, _ x: UnsafePointer<Double>, slope: Double,
                                        _ out: UnsafeMutablePointer<Double>, count: Int) {
        leakyMaskLoop(g, x, slope, out, count)
    }
    /// Implementation hook: element-wise select.
    public static func _selectKernel(_ condition: UnsafePointer<Double>, _ a: UnsafePointer<Double>,
                                     _ b: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { out[i] = condition[i] != 0 ? a[i] : b[i] }
    }
    /// Implementation hook: element-wise unary kernel.
    public static func _unaryKernel(_ op: UnaryKernelOp, _ x: UnsafePointer<Double>,
                                    _ y: UnsafeMutablePointer<Double>, count: Int) {
        unaryLoop(op, x, y, count)
    }
    /// Implementation hook: broadcasting binary kernel.
    public static func _binaryKernel(_ op: BinaryKernelOp, _ plan: BroadcastPlan, _ a: UnsafePointer<Double>,
                                     _ b: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
        binaryLoop(op, plan, a, b, out)
    }
}
