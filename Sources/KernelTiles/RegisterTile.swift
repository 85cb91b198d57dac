/// Where a register tile finds its operands: the `A` value of row `r` at step `p`, and the two
/// `B` vectors of step `p`. The GEMM reads packed or strided panels, the direct convolutions read
/// one of the two operands straight from the image.
public protocol TileOperands {
    associatedtype Vector: TileVector
    func a(row r: Int, step p: Int) -> Float
    func b(step p: Int) -> (Vector, Vector)
}

/// The register tile of every kernel: `C[6 × 2w] ∘= A[6×kc] · B[kc × 2w]` with the epilogue, for
/// vectors of `w` lanes (`SIMD8` → 6×16, `SIMD16` → 6×32). Written once, generic, and instantiated
/// in the kernel-variant modules, each compiled for its CPU; it must be inlined there (a call to a
/// shared copy could run code compiled for another CPU).
///
/// Twelve accumulators start at zero and take one multiply-add per step, in step order; so each
/// element's bits depend only on its own products and the depth blocks, never on the tile shape,
/// the vector width or the thread. `fused` chooses a fused multiply-add (one rounding) or a
/// multiply and an add (two): without FMA hardware `addingProduct` becomes scalar `fmaf` calls.
///
/// `rows` (1...6) and `fused` must be constants where this is inlined: the rows they exclude then
/// vanish from the loop. `rowBias` (the direct convolution's per-row bias) replaces `beta · C`
/// when given (`conv2DDirectStore`). Written as a `for` loop over the steps because a `while`
/// form spilled accumulators to the stack and halved the speed.
@inlinable @inline(__always)
public func registerTile<Operands: TileOperands>(
    rows: Int, fused: Bool, kc: Int, _ operands: Operands,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, rowBias: UnsafePointer<Float>? = nil
) {
    typealias V = Operands.Vector
    var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
    var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
    for p in 0..<kc {
        let (b0, b1) = operands.b(step: p)
        var av = V(repeating: operands.a(row: 0, step: p))
        c00 = multiplyAdd(c00, av, b0, fused); c01 = multiplyAdd(c01, av, b1, fused)
        if rows > 1 {
            av = V(repeating: operands.a(row: 1, step: p))
            c10 = multiplyAdd(c10, av, b0, fused); c11 = multiplyAdd(c11, av, b1, fused)
        }
        if rows > 2 {
            av = V(repeating: operands.a(row: 2, step: p))
            c20 = multiplyAdd(c20, av, b0, fused); c21 = multiplyAdd(c21, av, b1, fused)
        }
        if rows > 3 {
            av = V(repeating: operands.a(row: 3, step: p))
            c30 = multiplyAdd(c30, av, b0, fused); c31 = multiplyAdd(c31, av, b1, fused)
        }
        if rows > 4 {
            av = V(repeating: operands.a(row: 4, step: p))
            c40 = multiplyAdd(c40, av, b0, fused); c41 = multiplyAdd(c41, av, b1, fused)
        }
        if rows > 5 {
            av = V(repeating: operands.a(row: 5, step: p))
            c50 = multiplyAdd(c50, av, b0, fused); c51 = multiplyAdd(c51, av, b1, fused)
        }
    }
    storeTileRow(c00, c01, to: c, epilogue, rowBias, 0)
    if rows > 1 { storeTileRow(c10, c11, to: c + ldc, epilogue, rowBias, 1) }
    if rows > 2 { storeTileRow(c20, c21, to: c + 2 * ldc, epilogue, rowBias, 2) }
    if rows > 3 { storeTileRow(c30, c31, to: c + 3 * ldc, epilogue, rowBias, 3) }
    if rows > 4 { storeTileRow(c40, c41, to: c + 4 * ldc, epilogue, rowBias, 4) }
    if rows > 5 { storeTileRow(c50, c51, to: c + 5 * ldc, epilogue, rowBias, 5) }
}

/// `acc + a · b`, fused (one rounding) or as a multiply and an add.
@inlinable @inline(__always)
func multiplyAdd<V: TileVector>(_ acc: V, _ a: V, _ b: V, _ fused: Bool) -> V {
    fused ? acc.addingProduct(a, b) : acc + a * b
}

/// Applies the epilogue to one row of accumulators (two vectors) and stores it.
///
/// With `rowBias` (the direct convolution calls it so, with `beta == 0` and no ReLU):
/// `C = alpha · acc + rowBias[r]`, the bits of adding the bias as `beta · C` onto a `C` that holds
/// it, without writing the bias to the output first (that fresh-memory pass cost ~2% of a CNN step).
///
/// Transparent (always inlined) rather than `@inline(__always)`: with 16-wide vectors the
/// optimiser kept five of the six rows' stores as calls to one shared copy, which spilled the
/// accumulators and could run code compiled for another variant's CPU.
@usableFromInline @_transparent
func storeTileRow<V: TileVector>(
    _ low: V, _ high: V, to row: UnsafeMutablePointer<Float>, _ epilogue: GemmEpilogue,
    _ rowBias: UnsafePointer<Float>?, _ r: Int
) {
    let raw = UnsafeMutableRawPointer(row)
    let width = MemoryLayout<V>.size
    if let rowBias {
        let bias = V(repeating: rowBias[r])
        raw.storeBytes(of: low * epilogue.alpha + bias, as: V.self)
        raw.storeBytes(of: high * epilogue.alpha + bias, toByteOffset: width, as: V.self)
        return
    }
    var x0 = low * epilogue.alpha
    var x1 = high * epilogue.alpha
    if epilogue.beta != 0 {
        x0 += epilogue.beta * raw.loadUnaligned(as: V.self)
        x1 += epilogue.beta * raw.loadUnaligned(fromByteOffset: width, as: V.self)
    }
    if let bias = epilogue.bias {
        let biasRaw = UnsafeRawPointer(bias)
        x0 += biasRaw.loadUnaligned(as: V.self)
        x1 += biasRaw.loadUnaligned(fromByteOffset: width, as: V.self)
    }
    if epilogue.relu {
        x0 = x0.clampingNegativesToZero()
        x1 = x1.clampingNegativesToZero()
    }
    raw.storeBytes(of: x0, as: V.self)
    raw.storeBytes(of: x1, toByteOffset: width, as: V.self)
}
