/// Packs one panel of `op(B)` for tiles `width` columns wide (a multiple of 8): columns
/// `firstColumn ..< firstColumn + columns` (`columns` ≤ `width`) of rows `p0 ..< p0 + kc`. Step
/// `p`'s `width` values land side by side at `out + p * width`; columns past `columns` are zero.
///
/// Written once and inlined in each kernel variant (like `registerTile`), so that the copies and
/// the 8×8 register transpose are compiled for the variant's CPU: compiled for no CPU, the
/// transpose became SSE code and products with a transposed `B` ran 2–3% slower on Zen 4
/// (bench/RESULTS.md). `width` must be a constant where this is inlined.
@inlinable @inline(__always)
public func packBPanel(
    _ b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int, width: Int,
    into out: UnsafeMutablePointer<Float>
) {
    switch (b.transposed, columns == width) {
    case (false, true): copyFullPanel(b, firstColumn: firstColumn, p0: p0, kc: kc, width: width, out)
    case (true, true): transposeFullPanel(b, firstColumn: firstColumn, p0: p0, kc: kc, width: width, out)
    default: packPartialPanel(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc, width: width, out)
    }
}

/// A full panel of a row-major `B`: each step's values are contiguous vector copies.
@inlinable @inline(__always)
func copyFullPanel(
    _ b: GemmOperand, firstColumn: Int, p0: Int, kc: Int, width: Int, _ out: UnsafeMutablePointer<Float>
) {
    for p in 0..<kc {
        let source = UnsafeRawPointer(b.pointer(row: p0 &+ p, column: firstColumn))
        let target = UnsafeMutableRawPointer(out + p &* width)
        for offset in stride(from: 0, to: width &* 4, by: 32) {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self),
                              toByteOffset: offset, as: SIMD8<Float>.self)
        }
    }
}

/// A full panel of a transposed `B` (stored `n × k`): for each group of eight stored rows, 8×8
/// blocks are loaded as eight vectors, transposed in registers and stored as eight vectors; the
/// last `kc % 8` steps are copied element by element. (Element-wise, this took a sixth of a
/// 128×256×784 product's time.) Reading eight rows at once at a row stride that is a multiple of
/// 2 KiB lands in one L1 set (bench/README.md), which its eight ways just hold.
@inlinable @inline(__always)
func transposeFullPanel(
    _ b: GemmOperand, firstColumn: Int, p0: Int, kc: Int, width: Int, _ out: UnsafeMutablePointer<Float>
) {
    let blocked = kc / 8 &* 8
    let rowBytes = b.stride &* 4
    let step = width &* 4
    for group in stride(from: 0, to: width, by: 8) {
        let first = UnsafeRawPointer(b.pointer(row: p0, column: firstColumn &+ group))
        let target = UnsafeMutableRawPointer(out + group)
        for p in stride(from: 0, to: blocked, by: 8) {
            let source = first + p &* 4
            let rows = transpose8x8(
                source.loadUnaligned(as: SIMD8<Float>.self),
                (source + rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 2 &* rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 3 &* rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 4 &* rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 5 &* rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 6 &* rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 7 &* rowBytes).loadUnaligned(as: SIMD8<Float>.self))
            let base = target + p &* step
            base.storeBytes(of: rows.0, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.1, toByteOffset: step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.2, toByteOffset: 2 &* step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.3, toByteOffset: 3 &* step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.4, toByteOffset: 4 &* step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.5, toByteOffset: 5 &* step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.6, toByteOffset: 6 &* step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.7, toByteOffset: 7 &* step, as: SIMD8<Float>.self)
        }
    }
    for j in 0..<width {
        let source = b.pointer(row: p0, column: firstColumn &+ j)
        for p in blocked..<kc {
            out[p &* width &+ j] = source[p]
        }
    }
}

/// Transposes an 8×8 block given as eight row vectors. Three rounds of "unzip" (even elements of
/// each pair of vectors, then odd ones) rotate the six index bits of the 64 elements by three,
/// which swaps row and column.
@inlinable @inline(__always)
func transpose8x8(
    _ r0: SIMD8<Float>, _ r1: SIMD8<Float>, _ r2: SIMD8<Float>, _ r3: SIMD8<Float>,
    _ r4: SIMD8<Float>, _ r5: SIMD8<Float>, _ r6: SIMD8<Float>, _ r7: SIMD8<Float>
) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
      SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
    var v = (r0, r1, r2, r3, r4, r5, r6, r7)
    for _ in 0..<3 {
        let p0 = SIMD16(lowHalf: v.0, highHalf: v.1), p1 = SIMD16(lowHalf: v.2, highHalf: v.3)
        let p2 = SIMD16(lowHalf: v.4, highHalf: v.5), p3 = SIMD16(lowHalf: v.6, highHalf: v.7)
        v = (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf,
             p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
    }
    return v
}

/// A panel short of columns (the last one of a product), element by element, missing columns
/// zero: a row-major `B` step by step, a transposed one stored row by stored row, so that both
/// read memory in order.
@inlinable @inline(__always)
func packPartialPanel(
    _ b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int, width: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    out.initialize(repeating: 0, count: kc &* width)
    if b.transposed {
        for j in 0..<columns {
            let source = b.pointer(row: p0, column: firstColumn &+ j)
            for p in 0..<kc {
                out[p &* width &+ j] = source[p]
            }
        }
    } else {
        for p in 0..<kc {
            let source = b.pointer(row: p0 &+ p, column: firstColumn)
            for j in 0..<columns {
                out[p &* width &+ j] = source[j]
            }
        }
    }
}
