/// The eight-lane Double vectors of the variational fit's kernels (`adamStep`, `normalPairs`,
/// `VariationalKernels.swift`), and unaligned loads and stores of them: the kernels read and
/// write flat vectors at any offset.
public typealias DoubleLanes = SIMD8<Double>

@inlinable @inline(__always)
func load(_ p: UnsafePointer<Double>) -> DoubleLanes { UnsafeRawPointer(p).loadUnaligned(as: DoubleLanes.self) }

@inlinable @inline(__always)
func store(_ value: DoubleLanes, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: value, as: DoubleLanes.self)
}
