/// A kernel path's multiply-add peak loop, for `infoscope-bench peak`: `run(iterations)` does
/// `flopsPerIteration` flops per iteration and returns a checksum.
public struct PeakLoop: @unchecked Sendable {
    public var flopsPerIteration: Int
    public var run: (Int) -> Float

    public init(flopsPerIteration: Int, run: @escaping (Int) -> Float) {
        self.flopsPerIteration = flopsPerIteration
        self.run = run
    }

    /// The loop of `multiplyAddLoop` for `Vector`s, given the variant's non-inlined copy of it.
    public static func of<Vector: TileVector>(_: Vector.Type, _ run: @escaping (Int) -> Float) -> PeakLoop {
        PeakLoop(flopsPerIteration: peakAccumulators * Vector.scalarCount * 2, run: run)
    }
}

/// Independent chains of the loop: as many as the register tile's accumulators, which is more
/// than the 8 in flight (4 cycles of latency × 2 per cycle) that current x86 cores need.
@usableFromInline let peakAccumulators = 12

/// `iterations` steps of `acc = acc · a + b` on twelve accumulators of `Vector`: one fused
/// multiply-add per vector and step, or a multiply and an add (`fused: false`, the portable
/// path's arithmetic). Each step depends on the last, so the optimiser can neither hoist the
/// product nor drop the loop; with `a` just below 1 the values settle near `b / (1 − a)` and never
/// overflow or become subnormal. Inlined in each variant, compiled for its CPU.
@inlinable @inline(__always)
public func multiplyAddLoop<Vector: TileVector>(_: Vector.Type, fused: Bool, iterations: Int) -> Float {
    let a = Vector(repeating: 0.999), b = Vector(repeating: 0.001)
    var x0 = Vector(repeating: 0), x1 = Vector(repeating: 0.1), x2 = Vector(repeating: 0.2)
    var x3 = Vector(repeating: 0.3), x4 = Vector(repeating: 0.4), x5 = Vector(repeating: 0.5)
    var x6 = Vector(repeating: 0.6), x7 = Vector(repeating: 0.7), x8 = Vector(repeating: 0.8)
    var x9 = Vector(repeating: 0.9), x10 = Vector(repeating: 1.0), x11 = Vector(repeating: 1.1)
    for _ in 0..<iterations {
        x0 = step(x0, a, b, fused); x1 = step(x1, a, b, fused); x2 = step(x2, a, b, fused)
        x3 = step(x3, a, b, fused); x4 = step(x4, a, b, fused); x5 = step(x5, a, b, fused)
        x6 = step(x6, a, b, fused); x7 = step(x7, a, b, fused); x8 = step(x8, a, b, fused)
        x9 = step(x9, a, b, fused); x10 = step(x10, a, b, fused); x11 = step(x11, a, b, fused)
    }
    let sum = ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7)) + ((x8 + x9) + (x10 + x11))
    return sum.sum()
}

/// `x · a + b`, fused or not.
@inlinable @inline(__always)
func step<V: TileVector>(_ x: V, _ a: V, _ b: V, _ fused: Bool) -> V {
    fused ? b.addingProduct(x, a) : x * a + b
}
