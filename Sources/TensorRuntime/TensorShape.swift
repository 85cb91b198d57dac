/// Shape arithmetic shared by all tensor operations: element counts, strides, axes, broadcasting.
public enum TensorShape {
    /// The shape written as in messages: `[32, 64]`, `[]` for a scalar.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// The number of elements, or an error naming the operation when a dimension is negative or
    /// the product overflows.
    static func elementCount(_ shape: [Int], operation: String) throws -> Int {
        var count = 1
        for dim in shape {
            if dim < 0 {
                throw TensorError.invalidArgument(
                    operation: operation, reason: "shape \(describe(shape)) has a negative dimension")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            if overflow {
                throw TensorError.allocationTooLarge(operation: operation, shape: shape,
                                                     bytes: Int.max, limitBytes: TensorLimits.maxBytes)
            }
            count = product
        }
        return count
    }

    /// Row-major strides in elements.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// Resolves a possibly negative axis (`-1` is the last) against `rank`.
    static func axis(_ axis: Int, rank: Int, operation: String, shape: [Int]) throws -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 0, resolved < rank else {
            throw TensorError.invalidArgument(
                operation: operation,
                reason: "axis \(axis) is out of range for shape \(describe(shape)) of rank \(rank)")
        }
        return resolved
    }

    /// Resolves a list of axes, sorted and without repeats; an empty list means every axis.
    static func axes(_ axes: [Int]?, rank: Int, operation: String, shape: [Int]) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        let resolved = try axes.map { try axis($0, rank: rank, operation: operation, shape: shape) }
        if Set(resolved).count != resolved.count {
            throw TensorError.invalidArgument(
                operation: operation, reason: "axes \(axes) repeat an axis of shape \(describe(shape))")
        }
        return resolved.sorted()
    }

    /// The broadcast shape of two operands (NumPy rules: align trailing axes; sizes must match or be 1).
    static func broadcast(_ a: [Int], _ b: [Int], operation: String) throws -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da != db && da != 1 && db != 1 {
                throw TensorError.incompatibleShapes(
                    operation: operation, shapes: [a, b],
                    reason: "dimension \(da) does not match \(db) at axis \(i) and neither is 1")
            }
            result[i] = da == 1 ? db : da
        }
        return result
    }

    /// Strides that read an operand of `shape` as if broadcast to `target` (0 on broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { i in
            if i < offset { return 0 }
            return shape[i - offset] == 1 && target[i] != 1 ? 0 : own[i - offset]
        }
    }
}

/// How a binary kernel reads two operands broadcast to one output shape.
public struct BroadcastPlan: Sendable {
    /// The output shape.
    public let shape: [Int]
    /// Strides of the left operand over the output's axes (0 where it is broadcast).
    public let aStrides: [Int]
    /// Strides of the right operand over the output's axes.
    public let bStrides: [Int]
    /// The number of output elements.
    public let count: Int
    /// Both operands have exactly the output's shape.
    public let isElementwise: Bool

    init(a: [Int], b: [Int], shape: [Int], count: Int) {
        self.shape = shape
        self.count = count
        aStrides = TensorShape.broadcastStrides(a, to: shape)
        bStrides = TensorShape.broadcastStrides(b, to: shape)
        isElementwise = a == shape && b == shape
    }

    /// The left operand is a single value repeated.
    var aIsScalar: Bool { aStrides.allSatisfy { $0 == 0 } }
    /// The right operand is a single value repeated.
    var bIsScalar: Bool { bStrides.allSatisfy { $0 == 0 } }
}

/// The operands of one matrix product, row-major, as `gemm` takes them.
public struct MatmulSpec: Sendable {
    /// Whether `A` is read transposed.
    public var transposeA: Bool
    /// Whether `B` is read transposed.
    public var transposeB: Bool
    /// Rows of `op(A)` and `C`.
    public var m: Int
    /// Columns of `op(B)` and `C`.
    public var n: Int
    /// Columns of `op(A)`, rows of `op(B)`.
    public var k: Int

    /// Row stride of `A` as stored.
    var lda: Int { transposeA ? m : k }
    /// Row stride of `B` as stored.
    var ldb: Int { transposeB ? k : n }
}
