import TensorRuntime

extension Network {
    /// Binary logistic regression on `inputs` features: one dense unit giving the logit `z = w·x (+ b)`,
    /// with `p(y = 1 | x) = sigmoid(z)`. Built, with zero weights, ready for literal values
    /// (`setParameter("0.weight", rows: [[0.3, -0.7]])`).
    public static func logisticRegression(inputs: Int, bias: Bool = true) throws -> Network {
        try linearModel(inputs: inputs, outputs: 1, bias: bias)
    }

    /// Softmax regression: one dense layer giving the `classes` logits `W x (+ b)`, `W` stored as
    /// `[classes, inputs]`. Built, with zero weights.
    public static func softmaxRegression(inputs: Int, classes: Int, bias: Bool = true) throws -> Network {
        try linearModel(inputs: inputs, outputs: classes, bias: bias)
    }

    private static func linearModel(inputs: Int, outputs: Int, bias: Bool) throws -> Network {
        let network = Network([DenseLayer(units: outputs, bias: bias, initializer: .zeros)])
        // Zero initial weights draw nothing, so the stream's seed is irrelevant.
        try network.build(inputShape: [inputs], random: RandomStream(seed: 0))
        return network
    }
}
