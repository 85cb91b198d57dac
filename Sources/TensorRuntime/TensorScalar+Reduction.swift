/// A reduction over one axis, evaluated by `TensorScalar._reduceKernel`.
public enum ReduceKernelOp: Sendable, Equatable {
    case sum, max, logSumExp
}

// Sums accumulate in Double in a fixed order, so a Float32 sum of a million elements keeps ~1e-7
// relative accuracy and the result never depends on threading. A contiguous run (the reduced axis
// is the last) is summed in 8 interleaved partial sums, added up in a fixed order at the end: one
// running sum is a chain of dependent adds that runs ~8x slower.

@inline(__always)
private func contiguousSum<S: TensorScalar>(_ x: UnsafePointer<S>, _ n: Int) -> Double {
    var (a0, a1, a2, a3, a4, a5, a6, a7) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    var j = 0
    while j + 8 <= n {
        a0 += Double(x[j]); a1 += Double(x[j + 1]); a2 += Double(x[j + 2]); a3 += Double(x[j + 3])
        a4 += Double(x[j + 4]); a5 += Double(x[j + 5]); a6 += Double(x[j + 6]); a7 += Double(x[j + 7])
        j += 8
    }
    while j < n { a0 += Double(x[j]); j += 1 }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
}

/// `contiguousSum` of `(x[j] · scale)²`, each square rounded to `S` first: the same partial sums
/// in the same order as summing a tensor of those squares.
@inline(__always)
private func contiguousSquaredSum<S: TensorScalar>(_ x: UnsafePointer<S>, _ n: Int, _ scale: S) -> Double {
    @inline(__always) func square(_ j: Int) -> Double { let v = x[j] * scale; return Double(v * v) }
    var (a0, a1, a2, a3, a4, a5, a6, a7) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    var j = 0
    while j + 8 <= n {
        a0 += square(j); a1 += square(j + 1); a2 += square(j + 2); a3 += square(j + 3)
        a4 += square(j + 4); a5 += square(j + 5); a6 += square(j + 6); a7 += square(j + 7)
        j += 8
    }
    while j < n { a0 += square(j); j += 1 }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
}

@inline(__always)
private func rowSquaredSumsLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ scale: S, _ out: UnsafeMutablePointer<S>,
                                                 _ rows: Int, _ length: Int) {
    for r in 0..<rows { out[r] = S(contiguousSquaredSum(x + r * length, length, scale)) }
}

@inline(__always)
private func reduceLoop<S: TensorScalar>(_ op: ReduceKernelOp, _ x: UnsafePointer<S>,
                                         _ out: UnsafeMutablePointer<S>,
                                         _ outer: Int, _ length: Int, _ inner: Int, _ stride: Int) {
    let acc = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(inner, 1))
    let peak = UnsafeMutablePointer<S>.allocate(capacity: Swift.max(inner, 1))
    defer { acc.deallocate(); peak.deallocate() }
    for o in 0..<outer {
        let base = x + o * length * stride
        let dst = out + o * stride
        if op != .sum {
            for k in 0..<inner { peak[k] = -S.infinity }
            for j in 0..<length {
                let row = base + j * stride
                for k in 0..<inner where row[k] > peak[k] || row[k].isNaN { peak[k] = row[k] }
            }
            if op == .max {
                for k in 0..<inner { dst[k] = peak[k] }
                continue
            }
        }
        if op == .sum && inner == 1 && stride == 1 {
            dst[0] = S(contiguousSum(base, length))
            continue
        }
        for k in 0..<inner { acc[k] = 0 }
        if op == .sum {
            for j in 0..<length {
                let row = base + j * stride
                for k in 0..<inner { acc[k] += Double(row[k]) }
            }
            for k in 0..<inner { dst[k] = S(acc[k]) }
        } else {
            for j in 0..<length {
                let row = base + j * stride
                for k in 0..<inner { acc[k] += Double(S._exp(row[k] - peak[k])) }
            }
            // An all -inf (or empty) slice has logsumexp -inf; an infinite peak is the answer.
            for k in 0..<inner {
                dst[k] = peak[k].isFinite ? peak[k] + S(Double._log(acc[k])) : peak[k]
            }
        }
    }
}

@inline(__always)
private func softmaxCrossEntropyLoop<S: TensorScalar>(_ logits: UnsafePointer<S>, _ labels: UnsafePointer<Int>,
                                                     _ rows: Int, _ classes: Int) -> Double {
    var total = 0.0
    for r in 0..<rows {
        let row = logits + r * classes
        var peak = -S.infinity
        for j in 0..<classes where row[j] > peak || row[j].isNaN { peak = row[j] }
        var sum = 0.0
        for j in 0..<classes { sum += Double(S._exp(row[j] - peak)) }
        total += Double(peak) + Double._log(sum) - Double(row[labels[r]])
    }
    return total
}

extension Float {
    /// Implementation hook: scaled squared sums of contiguous rows.
    public static func _rowSquaredSumsKernel(_ x: UnsafePointer<Float>, scale: Float, _ out: UnsafeMutablePointer<Float>,
                                             rows: Int, length: Int) {
        rowSquaredSumsLoop(x, scale, out, rows, length)
    }
    /// Implementation hook: single-axis reduction kernel.
    public static func _reduceKernel(_ op: ReduceKernelOp, _ x: UnsafePointer<Float>,
                                     _ out: UnsafeMutablePointer<Float>, outer: Int, length: Int, inner: Int,
                                     stride: Int) {
        reduceLoop(op, x, out, outer, length, inner, stride)
    }
    /// Implementation hook: summed softmax cross-entropy.
    public static func _softmaxCrossEntropyKernel(_ logits: UnsafePointer<Float>, labels: UnsafePointer<Int>,
                                                  rows: Int, classes: Int) -> Double {
        softmaxCrossEntropyLoop(logits, labels, rows, classes)
    }
}

extension Double {
    /// Implementation hook: scaled squared sums of contiguous rows.
    public static func _rowSquaredSumsKernel(_ x: UnsafePointer<Double>, scale: Double, _ out: UnsafeMutablePointer<Double>,
                                             rows: Int, length: Int) {
        rowSquaredSumsLoop(x, scale, out, rows, length)
    }
    /// Implementation hook: single-axis reduction kernel.
    public static func _reduceKernel(_ op: ReduceKernelOp, _ x: UnsafePointer<Double>,
                                     _ out: UnsafeMutablePointer<Double>, outer: Int, length: Int, inner: Int,
                                     stride: Int) {
        reduceLoop(op, x, out, outer, length, inner, stride)
    }
    /// Implementation hook: summed softmax cross-entropy.
    public static func _softmaxCrossEntropyKernel(_ logits: UnsafePointer<Double>, labels: UnsafePointer<Int>,
                                                  rows: Int, classes: Int) -> Double {
        softmaxCrossEntropyLoop(logits, labels, rows, classes)
    }
}
