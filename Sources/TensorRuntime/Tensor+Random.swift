extension Float {
    /// Implementation hook: uniform fill.
    public static func _fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, _ stream: inout RandomStream,
                                    low: Float, high: Float) throws {
        try stream.fillUniform(buffer, low: low, high: high)
    }
    /// Implementation hook: normal fill.
    public static func _fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, _ stream: inout RandomStream,
                                   mean: Float, standardDeviation: Float) throws {
        try stream.fillNormal(buffer, mean: mean, standardDeviation: standardDeviation)
    }
}

extension Double {
    /// Implementation hook: uniform fill.
    public static func _fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, _ stream: inout RandomStream,
                                    low: Double, high: Double) throws {
        try stream.fillUniform(buffer, low: low, high: high)
    }
    /// Implementation hook: normal fill.
    public static func _fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, _ stream: inout RandomStream,
                                   mean: Double, standardDeviation: Double) throws {
        try stream.fillNormal(buffer, mean: mean, standardDeviation: standardDeviation)
    }
}

extension Tensor {
    /// A tensor of independent uniform values in [low, high), drawn from `stream` in row-major order.
    public static func uniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1,
                               using stream: inout RandomStream) throws -> Tensor {
        guard low.isFinite, high.isFinite, low < high else {
            throw TensorError.invalidArgument(
                operation: "uniform", reason: "bounds \(low) and \(high) must be finite with low < high")
        }
        let storage = try allocate(shape, "uniform")
        try translatingRandomErrors("uniform") {
            try Scalar._fillUniform(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count),
                                    &stream, low: low, high: high)
        }
        return Tensor(storage: storage, shape: shape)
    }

    /// A tensor of independent normal values, drawn from `stream` in row-major order.
    public static func normal(_ shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1,
                              using stream: inout RandomStream) throws -> Tensor {
        guard mean.isFinite, standardDeviation.isFinite, standardDeviation >= 0 else {
            throw TensorError.invalidArgument(
                operation: "normal",
                reason: mean.isFinite ? "standard deviation \(standardDeviation) must be finite and not negative"
                    : "mean \(mean) must be finite")
        }
        let storage = try allocate(shape, "normal")
        try translatingRandomErrors("normal") {
            try Scalar._fillNormal(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count),
                                   &stream, mean: mean, standardDeviation: standardDeviation)
        }
        return Tensor(storage: storage, shape: shape)
    }

    /// Runs `body`, turning a `RandomError` into a `TensorError` for this operation.
    private static func translatingRandomErrors(_ name: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as RandomError {
            throw TensorError.invalidArgument(operation: name, reason: "\(error)")
        }
    }
}
