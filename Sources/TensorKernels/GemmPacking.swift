/// Packs rows `rowStart ..< rowStart + rows` and columns `p0 ..< p0 + kc` of `op(A)` into 6-row
/// panels: panel `q` holds, for each step `p`, its six `A` values next to each other. Rows past
/// the end are zero, so edge tiles can run the full kernel.
func gemmPackA(
    _ a: GemmOperand, rowStart: Int, rows: Int, p0: Int, kc: Int,
    into destination: UnsafeMutablePointer<Float>
) {
    var panelStart = 0
    var out = destination
    while panelStart < rows {
        let panelRows = min(gemmTileRows, rows - panelStart)
        let first = rowStart + panelStart
        if a.transposed {
            gemmPackAPanelTransposed(a, firstRow: first, panelRows: panelRows, p0: p0, kc: kc, out)
        } else {
            gemmPackAPanel(a, firstRow: first, panelRows: panelRows, p0: p0, kc: kc, out)
        }
        out += gemmTileRows * kc
        panelStart += gemmTileRows
    }
}

/// One panel of a row-major `A`: the six rows are read side by side, each contiguously, and each
/// step's six values are written as a 4-vector and a 2-vector instead of six scalar stores.
private func gemmPackAPanel(
    _ a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    guard panelRows == gemmTileRows else {
        gemmPackAPartialPanel(a, firstRow: firstRow, panelRows: panelRows, p0: p0, kc: kc, out)
        return
    }
    let s0 = a.pointer(row: firstRow, column: p0)
    let s1 = s0 + a.stride, s2 = s1 + a.stride, s3 = s2 + a.stride
    let s4 = s3 + a.stride, s5 = s4 + a.stride
    let target = UnsafeMutableRawPointer(out)
    for p in 0..<kc {
        let offset = p * gemmTileRows * 4
        target.storeBytes(of: SIMD4<Float>(s0[p], s1[p], s2[p], s3[p]), toByteOffset: offset,
                          as: SIMD4<Float>.self)
        target.storeBytes(of: SIMD2<Float>(s4[p], s5[p]), toByteOffset: offset + 16,
                          as: SIMD2<Float>.self)
    }
}

/// The last, partial panel of a row-major `A`, with the missing rows zero.
private func gemmPackAPartialPanel(
    _ a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    for r in 0..<gemmTileRows {
        if r < panelRows {
            let source = a.pointer(row: firstRow + r, column: p0)
            for p in 0..<kc {
                out[p * gemmTileRows + r] = source[p]
            }
        } else {
            for p in 0..<kc {
                out[p * gemmTileRows + r] = 0
            }
        }
    }
}

/// One panel of a transposed `A` (stored `k × m`): the six values of a step are contiguous.
private func gemmPackAPanelTransposed(
    _ a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    for p in 0..<kc {
        let source = a.pointer(row: firstRow, column: p0 + p)
        let target = out + p * gemmTileRows
        for r in 0..<panelRows {
            target[r] = source[r]
        }
        for r in panelRows..<gemmTileRows {
            target[r] = 0
        }
    }
}

/// Packs `panels` (`width` columns each, a multiple of 8: the kernel variant's tile width,
/// counted from column `j0`) of rows `p0 ..< p0 + kc` of `op(B)`, `n` columns in all. Panel `q`
/// lands at `destination + q * width * kc` and holds, for each step `p`, its `width` values next
/// to each other; columns past `n` are zero.
func gemmPackB(
    _ b: GemmOperand, j0: Int, n: Int, p0: Int, kc: Int,
    panels: Range<Int>, width: Int, into destination: UnsafeMutablePointer<Float>
) {
    for panel in panels {
        let firstColumn = j0 + panel * width
        let columns = min(width, n - panel * width)
        let out = PackedPanel(base: destination + panel * width * kc, width: width)
        if b.transposed {
            gemmPackBPanelTransposed(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc,
                                     out)
        } else {
            gemmPackBPanel(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc, out)
        }
    }
}

/// Where one packed `B` panel goes: step `p`'s `width` values start at `base + p * width`.
private struct PackedPanel {
    var base: UnsafeMutablePointer<Float>
    var width: Int
}

/// One panel of a row-major `B`: each step's values are contiguous vector copies.
private func gemmPackBPanel(
    _ b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int, _ out: PackedPanel
) {
    let width = out.width
    if columns == width {
        for p in 0..<kc {
            let source = UnsafeRawPointer(b.pointer(row: p0 + p, column: firstColumn))
            let target = UnsafeMutableRawPointer(out.base + p * width)
            for offset in stride(from: 0, to: width * 4, by: 32) {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self),
                                  toByteOffset: offset, as: SIMD8<Float>.self)
            }
        }
        return
    }
    for p in 0..<kc {
        let source = b.pointer(row: p0 + p, column: firstColumn)
        let target = out.base + p * width
        for j in 0..<columns {
            target[j] = source[j]
        }
        for j in columns..<width {
            target[j] = 0
        }
    }
}

/// One panel of a transposed `B` (stored `n × k`): for each group of eight stored rows, 8×8 blocks
/// are loaded as eight vectors, transposed in registers and stored as eight vectors; a partial
/// panel and the last `kc % 8` steps are copied element by element. (Element-wise, this took a
/// sixth of a 128×256×784 product's time.) Reading eight rows at once at a row stride that is a
/// multiple of 2 KiB lands in one L1 set (bench/README.md), which its eight ways just hold.
private func gemmPackBPanelTransposed(
    _ b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int, _ out: PackedPanel
) {
    let width = out.width
    guard columns == width else {
        gemmPackBPartialTransposed(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc,
                                   out)
        return
    }
    let blocked = kc / 8 * 8
    for group in stride(from: 0, to: width, by: 8) {
        let first = UnsafeRawPointer(b.pointer(row: p0, column: firstColumn + group))
        let rowBytes = b.stride * 4
        let target = UnsafeMutableRawPointer(out.base + group)
        for p in stride(from: 0, to: blocked, by: 8) {
            let source = first + p * 4
            let rows = gemmTranspose8x8(
                source.loadUnaligned(as: SIMD8<Float>.self),
                (source + rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 2 * rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 3 * rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 4 * rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 5 * rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 6 * rowBytes).loadUnaligned(as: SIMD8<Float>.self),
                (source + 7 * rowBytes).loadUnaligned(as: SIMD8<Float>.self))
            let step = width * 4
            let base = target + p * step
            base.storeBytes(of: rows.0, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.1, toByteOffset: step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.2, toByteOffset: 2 * step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.3, toByteOffset: 3 * step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.4, toByteOffset: 4 * step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.5, toByteOffset: 5 * step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.6, toByteOffset: 6 * step, as: SIMD8<Float>.self)
            base.storeBytes(of: rows.7, toByteOffset: 7 * step, as: SIMD8<Float>.self)
        }
    }
    for j in 0..<width {
        let source = b.pointer(row: p0, column: firstColumn + j)
        for p in blocked..<kc {
            out.base[p * width + j] = source[p]
        }
    }
}

/// Transposes an 8×8 block given as eight row vectors. Three rounds of "unzip" (even elements of
/// each pair of vectors, then odd ones) rotate the six index bits of the 64 elements by three,
/// which swaps row and column.
@inline(__always)
private func gemmTranspose8x8(
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

/// A partial panel of a transposed `B`: the stored rows one by one, missing columns zero.
private func gemmPackBPartialTransposed(
    _ b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int, _ out: PackedPanel
) {
    let width = out.width
    out.base.initialize(repeating: 0, count: kc * width)
    for j in 0..<columns {
        let source = b.pointer(row: p0, column: firstColumn + j)
        for p in 0..<kc {
            out.base[p * width + j] = source[p]
        }
    }
}
