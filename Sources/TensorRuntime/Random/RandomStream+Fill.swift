extension RandomStream {
    /// Fills `buffer` with uniform values in [low, high).
    ///
    /// - Throws: `RandomError.invalidParameter` unless both bounds are finite and `low < high`.
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>,
                                     low: Float = 0, high: Float = 1) throws {
        try RandomStream.checkBounds("uniform fill", Double(low), Double(high))
        let width = high - low
        for i in buffer.indices {
            let value = low + width * nextFloat()
            // Rounding of `low + width * u` can reach `high`; keep the interval half-open.
            buffer[i] = value < high ? value : high.nextDown
        }
    }

    /// Fills `buffer` with uniform values in [low, high).
    ///
    /// - Throws: `RandomError.invalidParameter` unless both bounds are finite and `low < high`.
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>,
                                     low: Double = 0, high: Double = 1) throws {
        try RandomStream.checkBounds("uniform fill", low, high)
        let width = high - low
        for i in buffer.indices {
            let value = low + width * nextDouble()
            buffer[i] = value < high ? value : high.nextDown
        }
    }

    /// Fills `buffer` with normal values of the given mean and standard deviation (Box–Muller).
    ///
    /// - Throws: `RandomError.invalidParameter` for a non-finite mean or a negative or non-finite
    ///   standard deviation.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>,
                                    mean: Float = 0, standardDeviation: Float = 1) throws {
        try RandomStream.checkNormal(Double(mean), Double(standardDeviation))
        for i in buffer.indices {
            buffer[i] = mean + standardDeviation * Float(nextNormal())
        }
    }

    /// Fills `buffer` with normal values of the given mean and standard deviation (Box–Muller).
    ///
    /// - Throws: `RandomError.invalidParameter` for a non-finite mean or a negative or non-finite
    ///   standard deviation.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>,
                                    mean: Double = 0, standardDeviation: Double = 1) throws {
        try RandomStream.checkNormal(mean, standardDeviation)
        for i in buffer.indices {
            buffer[i] = mean + standardDeviation * nextNormal()
        }
    }

    /// Fills `buffer` with independent Rademacher signs, +1 or -1 with probability 1/2 each.
    ///
    /// Each 32-bit word supplies 32 signs, so `n` signs cost `ceil(n / 32)` words.
    public mutating func fillRademacher(_ buffer: UnsafeMutableBufferPointer<Double>) {
        var bits: UInt32 = 0
        for (offset, i) in buffer.indices.enumerated() {
            if offset % 32 == 0 { bits = nextUInt32() }
            buffer[i] = bits & 1 == 0 ? 1 : -1
            bits >>= 1
        }
    }

    /// Returns a uniformly random permutation of `0..<count` (Fisher–Yates).
    ///
    /// - Throws: `RandomError.invalidParameter` for a negative count.
    public mutating func permutation(count: Int) throws -> [Int] {
        guard count >= 0 else {
            throw RandomError.invalidParameter(operation: "permutation", name: "count",
                                               value: Double(count), requirement: ">= 0")
        }
        var result = Array(0..<count)
        shuffle(&result)
        return result
    }

    /// Shuffles `array` in place, uniformly over all orders (Fisher–Yates, from the back).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = Int(nextUInt64(below: UInt64(i + 1)))
            array.swapAt(i, j)
        }
    }

    static func checkBounds(_ operation: String, _ low: Double, _ high: Double) throws {
        guard low.isFinite else {
            throw RandomError.invalidParameter(operation: operation, name: "low", value: low,
                                               requirement: "finite")
        }
        guard high.isFinite, low < high else {
            throw RandomError.invalidParameter(operation: operation, name: "high", value: high,
                                               requirement: "finite and greater than low (\(low))")
        }
    }

    static func checkNormal(_ mean: Double, _ deviation: Double) throws {
        guard mean.isFinite else {
            throw RandomError.invalidParameter(operation: "normal fill", name: "mean",
                                               value: mean, requirement: "finite")
        }
        guard deviation.isFinite, deviation >= 0 else {
            throw RandomError.invalidParameter(operation: "normal fill", name: "standardDeviation",
                                               value: deviation, requirement: "finite and >= 0")
        }
    }
}
