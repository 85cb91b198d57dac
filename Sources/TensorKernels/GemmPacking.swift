import KernelTiles

/// Packs rows `rowStart ..< rowStart + rows` and columns `p0 ..< p0 + kc` of `op(A)` into 6-row
/// panels with `packer` (a kernel variant's `packAPanel`): panel `q` holds, for each step `p`, its
/// six `A` values next to each other. Rows past the end are zero, so edge tiles can run the full
/// kernel.
func gemmPackA(
    _ a: GemmOperand, rowStart: Int, rows: Int, p0: Int, kc: Int, packer: APanelPacker,
    into destination: UnsafeMutablePointer<Float>
) {
    var panelStart = 0
    var out = destination
    while panelStart < rows {
        packer(a, rowStart + panelStart, min(gemmTileRows, rows - panelStart), p0, kc, out)
        out += gemmTileRows * kc
        panelStart += gemmTileRows
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
