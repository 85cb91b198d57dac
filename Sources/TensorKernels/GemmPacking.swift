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

/// One panel of a row-major `A`: each row is read contiguously, written with stride 6.
private func gemmPackAPanel(
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

/// Packs panels `firstPanel ..< firstPanel + panelCount` (16 columns each, counted from column
/// `j0`) of rows `p0 ..< p0 + kc` of `op(B)`, `n` columns in all. Panel `q` lands at
/// `destination + q * 16 * kc` and holds, for each step `p`, its 16 values next to each other;
/// columns past `n` are zero.
func gemmPackB(
    _ b: GemmOperand, j0: Int, n: Int, p0: Int, kc: Int,
    panels: Range<Int>, into destination: UnsafeMutablePointer<Float>
) {
    for panel in panels {
        let firstColumn = j0 + panel * gemmTileColumns
        let columns = min(gemmTileColumns, n - panel * gemmTileColumns)
        let out = destination + panel * gemmTileColumns * kc
        if b.transposed {
            gemmPackBPanelTransposed(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc,
                                     out)
        } else {
            gemmPackBPanel(b, firstColumn: firstColumn, columns: columns, p0: p0, kc: kc, out)
        }
    }
}

/// One panel of a row-major `B`: each step's 16 values are two contiguous vector copies.
private func gemmPackBPanel(
    _ b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    if columns == gemmTileColumns {
        for p in 0..<kc {
            let source = UnsafeRawPointer(b.pointer(row: p0 + p, column: firstColumn))
            let target = UnsafeMutableRawPointer(out + p * gemmTileColumns)
            target.storeBytes(of: source.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self),
                              toByteOffset: 32, as: SIMD8<Float>.self)
        }
        return
    }
    for p in 0..<kc {
        let source = b.pointer(row: p0 + p, column: firstColumn)
        let target = out + p * gemmTileColumns
        for j in 0..<columns {
            target[j] = source[j]
        }
        for j in columns..<gemmTileColumns {
            target[j] = 0
        }
    }
}

/// One panel of a transposed `B` (stored `n × k`). Each stored row is read contiguously: walking
/// the 16 rows in step (p outer) would hit the same L1 set sixteen times whenever the row stride
/// is a multiple of 2 KiB (bench/README.md).
private func gemmPackBPanelTransposed(
    _ b: GemmOperand, firstColumn: Int, columns: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    for j in 0..<gemmTileColumns {
        if j < columns {
            let source = b.pointer(row: p0, column: firstColumn + j)
            for p in 0..<kc {
                out[p * gemmTileColumns + j] = source[p]
            }
        } else {
            for p in 0..<kc {
                out[p * gemmTileColumns + j] = 0
            }
        }
    }
}
