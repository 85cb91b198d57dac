import KernelTiles

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

/// Packs `panels` (`width` columns each: the tile width of the kernel variant whose `packer` is
/// given, counted from column `j0`) of rows `p0 ..< p0 + kc` of `op(B)`, `n` columns in all.
/// Panel `q` lands at `destination + q * width * kc` (layout: `KernelTiles.packBPanel`).
func gemmPackB(
    _ b: GemmOperand, j0: Int, n: Int, p0: Int, kc: Int,
    panels: Range<Int>, width: Int, packer: BPanelPacker, into destination: UnsafeMutablePointer<Float>
) {
    for panel in panels {
        packer(b, j0 + panel * width, min(width, n - panel * width), p0, kc, destination + panel * width * kc)
    }
}
