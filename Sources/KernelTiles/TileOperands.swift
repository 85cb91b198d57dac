/// The GEMM's operands: six rows of `A` and a row of `B` of two `Vector`s, both with any strides
/// (packed panels, or operands read where they are stored).
@frozen
public struct GemmPanels<Vector: TileVector>: TileOperands {
    public var a: GemmPanelA
    public var b: GemmPanelB

    @inlinable @inline(__always)
    public init(_ a: GemmPanelA, _ b: GemmPanelB) {
        self.a = a
        self.b = b
    }

    @inlinable @inline(__always)
    public func a(row r: Int, step p: Int) -> Float {
        a.base[r &* a.rowStride &+ p &* a.step]
    }

    @inlinable @inline(__always)
    public func b(step p: Int) -> (Vector, Vector) {
        let row = UnsafeRawPointer(b.base + p &* b.step)
        return (row.loadUnaligned(as: Vector.self),
                row.loadUnaligned(fromByteOffset: MemoryLayout<Vector>.size, as: Vector.self))
    }
}

/// The direct forward convolution's operands: `A` a packed 6-row panel of weights, `B` 16 output
/// positions read from the image, 8 at `low + offsets[p]` and 8 at `high + offsets[p]`.
@frozen
public struct ImageOperands: TileOperands {
    public var a: UnsafePointer<Float>
    public var low: UnsafePointer<Float>
    public var high: UnsafePointer<Float>
    public var offsets: UnsafePointer<Int>

    @inlinable @inline(__always)
    public init(a: UnsafePointer<Float>, low: UnsafePointer<Float>, high: UnsafePointer<Float>,
                offsets: UnsafePointer<Int>) {
        self.a = a
        self.low = low
        self.high = high
        self.offsets = offsets
    }

    @inlinable @inline(__always)
    public func a(row r: Int, step p: Int) -> Float {
        a[p &* tileRows &+ r]
    }

    @inlinable @inline(__always)
    public func b(step p: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        let offset = offsets[p] &* 4
        return (UnsafeRawPointer(low).loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self),
                UnsafeRawPointer(high).loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
    }
}

/// The direct weight gradient's operands: `A` gathered from the image (row `r` at step `p` is
/// `row_r[positions[p]]`), `B` a packed 16-column panel.
@frozen
public struct GatheredOperands: TileOperands {
    public var rows: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
                      UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>)
    public var positions: UnsafePointer<Int>
    public var b: UnsafePointer<Float>

    @inlinable @inline(__always)
    public init(rows: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
                       UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>),
                positions: UnsafePointer<Int>, b: UnsafePointer<Float>) {
        self.rows = rows
        self.positions = positions
        self.b = b
    }

    @inlinable @inline(__always)
    public func a(row r: Int, step p: Int) -> Float {
        let o = positions[p]
        switch r {
        case 0: return rows.0[o]
        case 1: return rows.1[o]
        case 2: return rows.2[o]
        case 3: return rows.3[o]
        case 4: return rows.4[o]
        default: return rows.5[o]
        }
    }

    @inlinable @inline(__always)
    public func b(step p: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        let row = UnsafeRawPointer(b + p &* 16)
        return (row.loadUnaligned(as: SIMD8<Float>.self),
                row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self))
    }
}
