/// One step of SGD over `count` elements (`Learning.SGD`'s arithmetic, PyTorch's with dampening
/// 0): `w` the weights, `g` the gradient, `b` the momentum buffer or nil without momentum. Each case
/// is its own branch-free loop so the compiler vectorises it (a single loop testing the settings
/// per element ran ~10x slower). Inlined in each kernel variant, so that the loops are compiled
/// for the variant's CPU; nothing here is fused, so every variant gives the same bits.
@inlinable @inline(__always)
public func sgdStep(
    _ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ b: UnsafeMutablePointer<Float>?,
    count n: Int, lr: Float, mu: Float, decay: Float, nesterov: Bool
) {
    guard mu != 0, let b else {
        for i in 0..<n { w[i] -= lr * (g[i] + decay * w[i]) }
        return
    }
    if nesterov {
        for i in 0..<n {
            let d = g[i] + decay * w[i]
            b[i] = mu * b[i] + d
            w[i] -= lr * (d + mu * b[i])
        }
    } else {
        for i in 0..<n {
            b[i] = mu * b[i] + (g[i] + decay * w[i])
            w[i] -= lr * b[i]
        }
    }
}
