/// Reverse-mode differentiation through a recorded graph.
enum AutodiffBackward {
    /// Gradients of `output` (seeded with `seed`, or 1 for a scalar) with respect to each target.
    ///
    /// Targets may be variables or any tensor computed on the way (e.g. a layer's output). A target
    /// the output does not depend on gets a zero gradient. With `createGraph`, the gradient
    /// computations are recorded, so the results can be differentiated again.
    static func gradients<S>(of output: Tensor<S>, targets: [Tensor<S>], seed: Tensor<S>?,
                             createGraph: Bool) throws -> [Tensor<S>] {
        let name = "gradient"
        for (i, target) in targets.enumerated() where target.node == nil {
            throw TensorError.gradient(
                operation: name,
                reason: "target \(i) of shape \(TensorShape.describe(target.shape)) is a constant; make it a variable (variable()) before computing with it")
        }
        let upstream = try initialSeed(output, seed, createGraph)
        guard let root = output.node else {
            return try targets.map { try Tensor<S>.zeros(like: $0) }
        }
        let targetIDs = Set(targets.compactMap { $0.node.map(ObjectIdentifier.init) })
        let order = topologicalOrder(root)
        let relevant = relevantNodes(order, targetIDs)
        var grads: [ObjectIdentifier: Tensor<S>] = [ObjectIdentifier(root): upstream]

        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            guard relevant.contains(id), let g = grads[id], !node.inputs.isEmpty else { continue }
            let needs = node.inputs.map { $0.node.map { relevant.contains(ObjectIdentifier($0)) } ?? false }
            guard needs.contains(true) else { continue }
            let inputs = createGraph ? node.inputs : node.inputs.map { $0.detached() }
            let out = createGraph ? node.output : node.output.detached()
            let parts = try AutodiffGradientRules.vjp(node.primitive, inputs: inputs, output: out,
                                                      upstream: g, needs: needs)
            for (input, part) in zip(node.inputs, parts) {
                guard let inputNode = input.node, let part,
                      relevant.contains(ObjectIdentifier(inputNode)) else { continue }
                let shaped = try reduce(part, to: input.shape)
                let key = ObjectIdentifier(inputNode)
                grads[key] = try grads[key].map { try $0 + shaped } ?? shaped
            }
            // Intermediate gradients are dropped once passed on, unless a target needs them.
            if !targetIDs.contains(id) { grads[id] = nil }
        }
        return try targets.map { target in
            guard let node = target.node, let g = grads[ObjectIdentifier(node)] else {
                return try Tensor<S>.zeros(like: target)
            }
            return createGraph ? g : g.detached()
        }
    }

    private static func initialSeed<S>(_ output: Tensor<S>, _ seed: Tensor<S>?, _ createGraph: Bool) throws -> Tensor<S> {
        guard let seed else {
            guard output.count == 1 else {
                throw TensorError.gradient(
                    operation: "gradient",
                    reason: "output has shape \(TensorShape.describe(output.shape)); pass a seed of that shape for a non-scalar output")
            }
            return try Tensor<S>.ones(output.shape)
        }
        guard seed.shape == output.shape else {
            throw TensorError.incompatibleShapes(
                operation: "gradient", shapes: [output.shape, seed.shape],
                reason: "the seed must have the output's shape")
        }
        return createGraph ? seed : seed.detached()
    }

    /// Sums a gradient computed in a broadcast shape back to the operand's shape: the one place
    /// where broadcasting is undone.
    static func reduce<S>(_ g: Tensor<S>, to shape: [Int]) throws -> Tensor<S> {
        if g.shape == shape { return g }
        let extra = g.rank - shape.count
        var axes = Array(0..<Swift.max(extra, 0))
        for (i, dim) in shape.enumerated() where dim == 1 && extra >= 0 && g.shape[i + extra] != 1 {
            axes.append(i + extra)
        }
        guard extra >= 0 else {
            throw TensorError.incompatibleShapes(operation: "gradient", shapes: [g.shape, shape],
                                                 reason: "a gradient cannot have lower rank than its operand")
        }
        let summed = try g.sum(axes: axes, keepingDims: true)
        return try summed.reshaped(shape)
    }

    /// Nodes reachable from `root`, each after all of its inputs (iterative, so deep graphs do not
    /// exhaust the stack).
    static func topologicalOrder<S>(_ root: AutodiffNode<S>) -> [AutodiffNode<S>] {
        var order: [AutodiffNode<S>] = []
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var stack: [(AutodiffNode<S>, Int)] = [(root, 0)]
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let child = node.inputs[next].node, visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }

    /// The nodes on some path to a target: only they need gradients.
    private static func relevantNodes<S>(_ order: [AutodiffNode<S>], _ targets: Set<ObjectIdentifier>) -> Set<ObjectIdentifier> {
        var relevant = Set<ObjectIdentifier>()
        for node in order {
            let id = ObjectIdentifier(node)
            if targets.contains(id) || node.inputs.contains(where: { $0.node.map { relevant.contains(ObjectIdentifier($0)) } ?? false }) {
                relevant.insert(id)
            }
        }
        return relevant
    }
}

extension Tensor {
    /// Gradients of this tensor with respect to `targets` by reverse mode.
    ///
    /// A scalar output is seeded with 1; a non-scalar output needs a `seed` of its shape (the
    /// result is then the vector-Jacobian product `seedᵀ J`). Contributions along different paths
    /// accumulate. With `createGraph`, the backward pass is recorded so its results can be
    /// differentiated again (Hessian-vector products).
    public func gradients(withRespectTo targets: [Tensor], seed: Tensor? = nil,
                          createGraph: Bool = false) throws -> [Tensor] {
        try AutodiffBackward.gradients(of: self, targets: targets, seed: seed, createGraph: createGraph)
    }

    /// The gradient of this tensor with respect to one target.
    public func gradient(withRespectTo target: Tensor, seed: Tensor? = nil, createGraph: Bool = false) throws -> Tensor {
        try gradients(withRespectTo: [target], seed: seed, createGraph: createGraph)[0]
    }
}
