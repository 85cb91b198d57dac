import Foundation

// Row-wise softmax, log-softmax and the fused softmax-cross-entropy over row-major
// `[rows × columns]` buffers. Preconditions (unchecked): `rows >= 1`, `columns >= 1`, buffers hold
// `rows · columns` floats (labels: `rows` entries in `0..<columns`). Input and output may be the
// same buffer for the forward functions; backward buffers must not overlap.
//
// Stability: every row is shifted by its maximum before exponentiating, so exp never overflows
// and the largest term is exactly 1 (the sum is at least 1, so its logarithm is finite).

/// Writes `output[r, j] = exp(x[r, j] - max_r) / Σ_k exp(x[r, k] - max_r)`.
public func softmaxForward(rows: Int, columns: Int, input: UnsafePointer<Float>,
                           output: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let x = input + r * columns, y = output + r * columns
        let top = rowMaximum(x, columns)
        var sum: Float = 0
        for j in 0..<columns {
            let e = expf(x[j] - top)
            y[j] = e
            sum += e
        }
        let inverse = 1 / sum
        for j in 0..<columns { y[j] *= inverse }
    }
}

/// Writes `output[r, j] = x[r, j] - max_r - log Σ_k exp(x[r, k] - max_r)`.
public func logSoftmaxForward(rows: Int, columns: Int, input: UnsafePointer<Float>,
                              output: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let x = input + r * columns, y = output + r * columns
        let top = rowMaximum(x, columns)
        let shift = top + logf(rowExpSum(x, columns, top))
        for j in 0..<columns { y[j] = x[j] - shift }
    }
}

/// Softmax backward from the forward output `y`: `dx = y ⊙ (dy - Σ_j dy_j y_j)` per row.
public func softmaxBackward(rows: Int, columns: Int, output: UnsafePointer<Float>,
                            outputGradient: UnsafePointer<Float>, inputGradient: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let y = output + r * columns, dy = outputGradient + r * columns, dx = inputGradient + r * columns
        var dot: Float = 0
        for j in 0..<columns { dot += dy[j] * y[j] }
        for j in 0..<columns { dx[j] = y[j] * (dy[j] - dot) }
    }
}

/// Log-softmax backward from the forward output `y`: `dx = dy - exp(y) · Σ_j dy_j` per row.
public func logSoftmaxBackward(rows: Int, columns: Int, output: UnsafePointer<Float>,
                               outputGradient: UnsafePointer<Float>, inputGradient: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let y = output + r * columns, dy = outputGradient + r * columns, dx = inputGradient + r * columns
        var sum: Float = 0
        for j in 0..<columns { sum += dy[j] }
        for j in 0..<columns { dx[j] = dy[j] - expf(y[j]) * sum }
    }
}

/// Fused softmax + cross-entropy forward: returns the mean over rows of
/// `log Σ_k exp(logits[r, k]) - logits[r, labels[r]]`, accumulated in Double.
///
/// If `probabilities` is given, the row-wise softmax is written there for the backward pass.
public func softmaxCrossEntropyForward(rows: Int, columns: Int, logits: UnsafePointer<Float>,
                                       labels: UnsafePointer<Int32>,
                                       probabilities: UnsafeMutablePointer<Float>?) -> Float {
    var total = 0.0
    for r in 0..<rows {
        let x = logits + r * columns
        let top = rowMaximum(x, columns)
        let sum = rowExpSum(x, columns, top)
        total += Double(top) + Double(logf(sum)) - Double(x[Int(labels[r])])
        if let probabilities {
            let p = probabilities + r * columns, inverse = 1 / sum
            for j in 0..<columns { p[j] = expf(x[j] - top) * inverse }
        }
    }
    return Float(total / Double(rows))
}

/// Fused softmax + cross-entropy backward: `logitGradient = scale · (p - onehot(labels)) / rows`,
/// where `p` are the probabilities from the forward pass and `scale` is the loss's upstream
/// gradient (1 when the loss is the final output).
public func softmaxCrossEntropyBackward(rows: Int, columns: Int, probabilities: UnsafePointer<Float>,
                                        labels: UnsafePointer<Int32>, scale: Float,
                                        logitGradient: UnsafeMutablePointer<Float>) {
    let factor = scale / Float(rows)
    for r in 0..<rows {
        let p = probabilities + r * columns, g = logitGradient + r * columns
        for j in 0..<columns { g[j] = factor * p[j] }
        g[Int(labels[r])] -= factor
    }
}

@inline(__always)
private func rowMaximum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
    var top = x[0]
    for j in 1..<count where x[j] > top { top = x[j] }
    return top
}

@inline(__always)
private func rowExpSum(_ x: UnsafePointer<Float>, _ count: Int, _ top: Float) -> Float {
    var sum: Float = 0
    for j in 0..<count { sum += expf(x[j] - top) }
    return sum
}
