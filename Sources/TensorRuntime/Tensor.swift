/// An immutable n-dimensional array of `Float` or `Double` in contiguous row-major storage, which
/// records the operations applied to it when it (or an input) takes part in differentiation.
///
/// Operations never modify a tensor; they return new ones. A reshape shares its operand's storage.
/// (Inside the package, optimizers update parameters in place through `withUnsafeMutableScalars`,
/// which copies first unless the storage is referenced by that tensor alone.)
/// Operations that can fail on user input throw `TensorError`, naming the operation and the shapes.
/// A tensor created by `variable()` is a leaf of the autodiff graph: every operation that has a
/// variable (or a tensor computed from one) among its operands records itself, and
/// `gradients(withRespectTo:)` runs reverse mode through what was recorded.
///
/// ```swift
/// let w = try Tensor<Float>.zeros([784, 10]).variable()
/// let b = try Tensor<Float>.zeros([10]).variable()
/// let logits = try Tensor.dense(images, weight: w, bias: b)
/// let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
/// let grads = try loss.gradients(withRespectTo: [w, b])
/// ```
///
/// Design: the element type is a generic parameter, but every per-element loop is a static
/// requirement of `TensorScalar` implemented separately by `Float` (through `gemm` and vectorised
/// loops) and `Double` (plain loops, for gradient checks and numerics), so generic shape code never
/// runs a hot loop unspecialised. Second derivatives, Jacobian- and Gauss-Newton-vector products
/// are in `Autodiff`; per-sample gradient norms in `Autodiff.perSampleGradientSquaredNorms`.
public struct Tensor<Scalar: TensorScalar>: @unchecked Sendable {
    /// Variable only for `withUnsafeMutableScalars` (copy-on-write); nothing else reassigns it.
    var storage: TensorStorage<Scalar>
    /// The size along each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The graph node that produced this tensor, or nil for a constant.
    var node: AutodiffNode<Scalar>?

    init(storage: TensorStorage<Scalar>, shape: [Int], node: AutodiffNode<Scalar>? = nil) {
        self.storage = storage
        self.shape = shape
        self.node = node
    }

    /// A tensor of the given shape holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Scalar]) throws {
        let count = try TensorShape.elementCount(shape, operation: "tensor")
        guard count == scalars.count else {
            throw TensorError.invalidArgument(
                operation: "tensor",
                reason: "shape \(TensorShape.describe(shape)) holds \(count) elements but \(scalars.count) were given")
        }
        let storage = try TensorStorage<Scalar>(count: count, shape: shape, operation: "tensor")
        scalars.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // A dataset handed to a probe is megabytes: copied in chunks on the pool when one is in force.
            Tensor.forEachElementChunk(count) { start, n in (storage.pointer + start).update(from: base + start, count: n) }
        }
        self.init(storage: storage, shape: shape)
    }

    /// A rank-0 tensor holding one value.
    public init(_ scalar: Scalar) {
        let storage = TensorStorage<Scalar>(smallCount: 1)
        storage.pointer[0] = scalar
        self.init(storage: storage, shape: [])
    }

    /// A rank-1 tensor holding `scalars`.
    public init(_ scalars: [Scalar]) throws {
        try self.init(shape: [scalars.count], scalars: scalars)
    }

    /// A rank-2 tensor from rows of equal length.
    public init(rows: [[Scalar]]) throws {
        let width = rows.first?.count ?? 0
        if let bad = rows.firstIndex(where: { $0.count != width }) {
            throw TensorError.invalidArgument(
                operation: "tensor",
                reason: "row \(bad) has \(rows[bad].count) elements but row 0 has \(width)")
        }
        try self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { storage.count }

    /// The elements in row-major order.
    public var scalars: [Scalar] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// The single value of a one-element tensor.
    public func scalar() throws -> Scalar {
        guard count == 1 else {
            throw TensorError.invalidArgument(
                operation: "scalar", reason: "tensor of shape \(TensorShape.describe(shape)) has \(count) elements, not 1")
        }
        return storage.pointer[0]
    }

    /// Whether gradients can flow to this tensor (it is a variable or was computed from one).
    public var requiresGradient: Bool { node != nil }

    /// The same values as a new leaf of the autodiff graph. Each call makes a distinct variable.
    public func variable() -> Tensor {
        Tensor(storage: storage, shape: shape,
               node: AutodiffNode(primitive: .leaf, inputs: [], storage: storage, shape: shape))
    }

    /// The same values with no connection to the autodiff graph.
    public func detached() -> Tensor {
        Tensor(storage: storage, shape: shape)
    }

    /// Wraps a freshly computed result, recording `primitive` if any input takes part in autodiff.
    static func recorded(_ storage: TensorStorage<Scalar>, _ shape: [Int],
                         _ primitive: @autoclosure () -> AutodiffPrimitive, _ inputs: [Tensor]) -> Tensor {
        guard inputs.contains(where: { $0.node != nil }) else {
            return Tensor(storage: storage, shape: shape)
        }
        let node = AutodiffNode(primitive: primitive(), inputs: inputs, storage: storage, shape: shape)
        return Tensor(storage: storage, shape: shape, node: node)
    }

    /// Allocates an uninitialised result of `shape` for `operation`.
    static func allocate(_ shape: [Int], _ operation: String) throws -> TensorStorage<Scalar> {
        let count = try TensorShape.elementCount(shape, operation: operation)
        return try TensorStorage<Scalar>(count: count, shape: shape, operation: operation)
    }
}
