/// Packs one 6-row panel of `op(A)`: rows `firstRow ..< firstRow + panelRows` (`panelRows` ≤ 6),
/// columns `p0 ..< p0 + kc`; step `p`'s six values land side by side at `out + 6 p`, missing rows
/// zero. Inlined in each kernel variant like `packBPanel`: compiled for no CPU, this loop took 14%
/// more time in an MLP epoch's profile than compiled for Haswell (bench/RESULTS.md).
@inlinable @inline(__always)
public func packAPanel(
    _ a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int, into out: UnsafeMutablePointer<Float>
) {
    if a.transposed {
        packAPanelTransposed(a, firstRow: firstRow, panelRows: panelRows, p0: p0, kc: kc, out)
    } else if panelRows == tileRows {
        packAFullPanel(a, firstRow: firstRow, p0: p0, kc: kc, out)
    } else {
        packAPartialPanel(a, firstRow: firstRow, panelRows: panelRows, p0: p0, kc: kc, out)
    }
}

/// A full panel of a row-major `A`: the six rows are read side by side, each contiguously, and each
/// step's six values are written as a 4-vector and a 2-vector instead of six scalar stores.
@inlinable @inline(__always)
func packAFullPanel(
    _ a: GemmOperand, firstRow: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    let s0 = a.pointer(row: firstRow, column: p0)
    let s1 = s0 + a.stride, s2 = s1 + a.stride, s3 = s2 + a.stride
    let s4 = s3 + a.stride, s5 = s4 + a.stride
    let target = UnsafeMutableRawPointer(out)
    for p in 0..<kc {
        let offset = p * tileRows * 4
        target.storeBytes(of: SIMD4<Float>(s0[p], s1[p], s2[p], s3[p]), toByteOffset: offset,
                          as: SIMD4<Float>.self)
        target.storeBytes(of: SIMD2<Float>(s4[p], s5[p]), toByteOffset: offset + 16,
                          as: SIMD2<Float>.self)
    }
}

/// The last, partial panel of a row-major `A`, with the missing rows zero.
@inlinable @inline(__always)
func packAPartialPanel(
    _ a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    for r in 0..<tileRows {
        if r < panelRows {
            let source = a.pointer(row: firstRow + r, column: p0)
            for p in 0..<kc {
                out[p * tileRows + r] = source[p]
            }
        } else {
            for p in 0..<kc {
                out[p * tileRows + r] = 0
            }
        }
    }
}

/// One panel of a transposed `A` (stored `k × m`): the six values of a step are contiguous.
@inlinable @inline(__always)
func packAPanelTransposed(
    _ a: GemmOperand, firstRow: Int, panelRows: Int, p0: Int, kc: Int,
    _ out: UnsafeMutablePointer<Float>
) {
    for p in 0..<kc {
        let source = a.pointer(row: firstRow, column: p0 + p)
        let target = out + p * tileRows
        for r in 0..<panelRows {
            target[r] = source[r]
        }
        for r in panelRows..<tileRows {
            target[r] = 0
        }
    }
}

