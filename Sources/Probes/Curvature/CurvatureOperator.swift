import Learning
import TensorRuntime

/// Curvature of the mean loss `L_D` as flat Double vectors: Hessian- and Fisher-vector products,
/// and the exact matrices for small k.
public struct CurvatureOperator<S: TensorScalar> {
    /// The model whose weights the curvature is about.
    public let model: ProbeModel<S>
    /// The samples `L_D` averages over.
    public let data: ProbeData<S>
    /// k² Doubles at this k take 32 MB, and forming the matrix costs k products: the default
    /// limit for the exact forms. Above it, use the matrix-free estimators.
    public static var defaultMaxExactParameters: Int { 2000 }
    static var name: String { "curvature" }

    /// Checks the data against the model before any product is taken. `chunkSize` is the
    /// inputs per product; nil: all of them when their second-order graph fits the memory share
    /// `ProbeCost.chunkRows` allows, else as many as fit. With several processes (`processes`,
    /// docs/distributed.md) the chunks hold at most ⌈n/N⌉ inputs and each process takes a
    /// contiguous share of them; every product is then the same bits on every process, and
    /// equals a single process's with the same chunks.
    public init(model: ProbeModel<S>, data: ProbeData<S>, chunkSize: Int? = nil,
                processes: any ProcessGroup = Processes.world) throws {
        _ = try model.check(data, probe: Self.name)
        if let chunkSize, chunkSize < 1 {
            throw ProbeError.invalidArgument(probe: Self.name, message: "chunk size \(chunkSize) must be at least 1")
        }
        self.model = model
        self.data = data
        self.workload = try ProbeWorkload(model: model, data: data)
        self.processes = processes
        var size = chunkSize ?? ProbeCost.chunkRows(workload, secondOrder: true)
        if processes.size > 1 { size = max(1, min(size, (data.count + processes.size - 1) / processes.size)) }
        self.chunkSize = size
    }

    /// The processes that share the products' chunks.
    public let processes: any ProcessGroup

    /// The sizes cost estimates of products over this operator start from.
    public let workload: ProbeWorkload

    /// The recorded loss and gradient of a one-chunk operator, kept for the next product: the
    /// operator's weights and data never change, so neither does the recording.
    private let recorded = RecordedGradient<S>()

    /// k, the number of weights.
    public var dimension: Int { model.parameterCount }

    /// Inputs per product chunk: `L_D` is a mean, so a product over all data is the
    /// size-weighted mean of products over chunks; chunking bounds the recorded graph's memory.
    public let chunkSize: Int

    /// `H v`, exactly (reverse over reverse). When all samples fit one chunk, the loss and its
    /// gradient graph are recorded on the first product and reused by every later one, so a
    /// product costs one backward pass through that graph rather than a forward and two backwards.
    public func hessianVectorProduct(_ v: [Double]) throws -> [Double] {
        let parts = try unflatten(v)
        if data.count <= chunkSize {
            let products = try recorded.products ?? HessianVectorProducts(at: model.parameters) { values in
                try model.meanLoss(data, values: values, probe: Self.name)
            }
            recorded.products = products
            return try flatten(try products.product(parts))
        }
        return try chunked { chunk in
            try Autodiff.hessianVectorProduct(at: model.parameters, vector: parts) { values in
                try model.meanLoss(chunk, values: values, probe: Self.name)
            }
        }
    }

    /// `F v` with the true Fisher, through the Gauss-Newton identity `F = (1/n) Σ J_iᵀ(diag p − ppᵀ)J_i`.
    public func fisherVectorProduct(_ v: [Double]) throws -> [Double] {
        let parts = try unflatten(v)
        return try chunked { chunk in
            try Autodiff.gaussNewtonVectorProduct(at: model.parameters, vector: parts) { values in
                try model.classLogits(values, chunk.inputs, probe: Self.name).logits
            }
        }
    }

    /// `Σ_c (n_c/n) product(chunk c)`, flat, added in chunk order. With several processes each
    /// computes its share of the chunks, and every process adds all of them (a process holds one
    /// vector per chunk then, N of them with the default chunks).
    private func chunked(_ product: (ProbeData<S>) throws -> [Tensor<S>]) throws -> [Double] {
        if data.count <= chunkSize { return try flatten(try product(data)) }
        let starts = Array(stride(from: 0, to: data.count, by: chunkSize))
        var total = [Double](repeating: 0, count: dimension)
        func weightedProduct(_ start: Int) throws -> [Double] {
            let chunk = try data.rows(Array(start..<min(start + chunkSize, data.count)))
            let weight = Double(chunk.count) / Double(data.count)
            return try flatten(try product(chunk)).map { weight * $0 }
        }
        func add(_ vectors: [Double]) {
            for offset in stride(from: 0, to: vectors.count, by: max(dimension, 1)) {
                for i in 0..<dimension { total[i] += vectors[offset + i] }
            }
        }
        guard processes.size > 1 else {
            for start in starts { add(try weightedProduct(start)) }
            return total
        }
        let mine = try starts[processes.share(of: starts.count)].flatMap { try weightedProduct($0) }
        add(try processes.gather(mine, what: "a curvature product").flatMap { $0 })
        return total
    }

    /// The exact k×k matrix of `multiply`, by k products with unit vectors, symmetrised.
    ///
    /// - Throws: `ProbeError.tooLarge` above `maxParameters`, before any product.
    public func matrix(maxParameters: Int = defaultMaxExactParameters, probe: String,
                       _ multiply: ([Double]) throws -> [Double]) throws -> Matrix64 {
        let k = dimension
        guard k <= maxParameters else {
            throw ProbeError.tooLarge(probe: probe, message: "the exact \(k)×\(k) matrix needs \(k * k * 8 / 1_000_000) MB and \(k) products; the limit is \(maxParameters) weights", instead: [.matrixFree])
        }
        try exactMatrixCost(probe: probe).check()
        var elements = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[j] = 1
            let column = try multiply(e)
            for i in 0..<k { elements[i * k + j] = column[i] }
        }
        for i in 0..<k { for j in (i + 1)..<max(i + 1, k) {
            let mean = (elements[i * k + j] + elements[j * k + i]) / 2
            elements[i * k + j] = mean
            elements[j * k + i] = mean
        } }
        return try Matrix64(rows: k, columns: k, elements: elements)
    }

    /// The exact Fisher matrix from per-sample gradients: true (every class weighted by p) or
    /// empirical (data labels). An independent route from `fisherVectorProduct`.
    public func fisherMatrixFromGradients(empirical: Bool, maxParameters: Int = defaultMaxExactParameters) throws -> Matrix64 {
        let k = dimension, probe = "fisher_matrix"
        guard k <= maxParameters else {
            throw ProbeError.tooLarge(probe: probe, message: "the exact \(k)×\(k) Fisher matrix is over the limit of \(maxParameters) weights")
        }
        try exactMatrixCost(probe: probe).check()
        let p = try model.probabilities(data.inputs, probe: probe)
        var f = [Double](repeating: 0, count: k * k)
        let n = Double(data.count)
        for i in 0..<data.count {
            let x = try data.inputs.selectRows([i])
            let classes = empirical ? [data.labels[i]] : Array(p[i].indices)
            for c in classes {
                let g = try model.sampleGradient(x, label: c, probe: probe).flatMap { $0 }
                let w = (empirical ? 1 : p[i][c]) / n
                for a in 0..<k where g[a] != 0 { for b in 0..<k { f[a * k + b] += w * g[a] * g[b] } }
            }
        }
        return try Matrix64(rows: k, columns: k, elements: f)
    }

    /// The memory of a k×k Double matrix built column by column (the matrix and one column),
    /// checked against the tensor runtime's limit before the matrix is allocated.
    func exactMatrixCost(probe: String) -> CostEstimate {
        let k = Double(dimension)
        return CostEstimate(probe: probe, method: "the exact \(dimension)×\(dimension) matrix", tensorFlops: 0, operations: 0,
                            peakBytes: k * k * 8 + 2 * k * 8, largestAllocationBytes: k * k * 8,
                            alternative: .init(instead: [.matrixFree], peakBytes: ProbeCost.productBytes(workload)))
    }

    /// The parameters as one flat Double vector.
    public func flatWeights() throws -> [Double] { try flatten(model.parameters) }

    /// The tensors' values in order, as one flat Double vector. `cast` converts in the runtime's
    /// loop for the element type; `map(Double.init)` here runs unspecialised, a dynamic cast per
    /// element (a fifth of a Hessian-vector product's time on a 269k-weight MLP).
    func flatten(_ tensors: [Tensor<S>]) throws -> [Double] {
        var flat: [Double] = []
        flat.reserveCapacity(tensors.reduce(0) { $0 + $1.count })
        for t in tensors { flat += try t.cast(to: Double.self).scalars }
        return flat
    }

    /// The tensors for the `dimension` values at `v`, each converted from Double in one pass
    /// (the variational fits' path: no array of the values, no intermediate Double tensors).
    func unflatten(_ v: UnsafePointer<Double>) throws -> [Tensor<S>] {
        var offset = 0
        return try model.parameters.map { p in
            defer { offset += p.count }
            return try Tensor<S>.converting(v + offset, shape: p.shape)
        }
    }

    /// Writes the tensors' values in order, as Double, to `out` (`dimension` of them).
    func flatten(_ tensors: [Tensor<S>], into out: UnsafeMutablePointer<Double>) {
        var offset = 0
        for t in tensors {
            t.withUnsafeScalars { values in
                if let base = values.baseAddress { S._convertKernel(base, out + offset, count: values.count) }
            }
            offset += t.count
        }
    }

    func unflatten(_ v: [Double]) throws -> [Tensor<S>] {
        guard v.count == dimension else {
            throw ProbeError.shapeMismatch(probe: Self.name, message: "vector has \(v.count) entries; the model has \(dimension) weights")
        }
        var offset = 0
        return try model.parameters.map { p in
            defer { offset += p.count }
            // Built as Double and cast, for the same reason as in `flatten`.
            return try Tensor<Double>(shape: p.shape, scalars: Array(v[offset..<(offset + p.count)])).cast(to: S.self)
        }
    }
}
