import KernelTiles

/// Rows of the GEMM's register tile (all kernel variants).
let gemmTileRows = tileRows

/// Computes a tile of `rows × columns` (at most 6 × `kernels.columns`) of `C` with the variant in
/// `kernels`. A panel read in place must be full; partial ones are packed with zero padding.
///
/// Full tiles, and tiles short only of rows, go straight to `C`. Tiles short of columns run the
/// 6-row kernel on a stack copy and copy back only the valid part. Either way each element
/// gets exactly the arithmetic of a full tile.
@inline(__always)
func gemmTile(
    rows: Int, columns: Int, kc: Int, a: GemmPanelA, b: GemmPanelB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, kernels: GemmKernelTable
) {
    if rows == gemmTileRows && columns == kernels.columns {
        gemmRunKernel(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue, kernels: kernels)
    } else if columns == kernels.columns {
        kernels.short(rows, kc, a, b, c, ldc, epilogue)
    } else {
        gemmEdgeTile(rows: rows, columns: columns, kc: kc, a: a, b: b, c: c, ldc: ldc,
                     epilogue: epilogue, kernels: kernels)
    }
}

/// A full tile: the packed kernel when both panels are packed, else the strided one.
@inline(__always)
private func gemmRunKernel(
    kc: Int, a: GemmPanelA, b: GemmPanelB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, kernels: GemmKernelTable
) {
    if a.rowStride == 1 && a.step == gemmTileRows && b.step == kernels.columns {
        kernels.packed(kc, a.base, b.base, c, ldc, epilogue)
    } else {
        kernels.strided(kc, a, b, c, ldc, epilogue)
    }
}

@inline(never)
private func gemmEdgeTile(
    rows: Int, columns: Int, kc: Int, a: GemmPanelA, b: GemmPanelB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, kernels: GemmKernelTable
) {
    let width = kernels.columns
    let tileCount = gemmTileRows * width
    withUnsafeTemporaryAllocation(of: Float.self, capacity: tileCount + width) { scratch in
        guard let tile = scratch.baseAddress else { return }
        let biasCopy = tile + tileCount
        tile.initialize(repeating: 0, count: tileCount + width)
        if epilogue.beta != 0 {
            for r in 0..<rows {
                (tile + r * width).update(from: c + r * ldc, count: columns)
            }
        }
        var local = epilogue
        if let bias = epilogue.bias {
            biasCopy.update(from: bias, count: columns)
            local.bias = UnsafePointer(biasCopy)
        }
        gemmRunKernel(kc: kc, a: a, b: b, c: tile, ldc: width, epilogue: local, kernels: kernels)
        for r in 0..<rows {
            (c + r * ldc).update(from: tile + r * width, count: columns)
        }
    }
}
