/// The outcome of comparing reverse-mode gradients with central finite differences.
public struct GradientCheckReport: Sendable, CustomStringConvertible {
    /// The largest `|analytic − numeric| / max(1, |numeric|)` over every checked element.
    public let maxError: Double
    /// Which input and element gave `maxError`, and the two values there.
    public let worstInput: Int, worstIndex: Int, worstAnalytic: Double, worstNumeric: Double
    /// How many gradient elements were compared.
    public let checkedCount: Int
    /// Whether gradients computed with `createGraph` (the recorded backward pass) were identical.
    public let recordedBackwardAgrees: Bool

    /// A one-line summary naming the worst element.
    public var description: String {
        "gradient check: max error \(maxError) at input \(worstInput)[\(worstIndex)] "
            + "(analytic \(worstAnalytic), numeric \(worstNumeric)) over \(checkedCount) elements"
    }
}

extension Autodiff {
    /// Compares the reverse-mode gradients of `function` at `inputs` with central finite differences
    /// in Float64, element by element.
    ///
    /// A non-scalar output is first reduced to `sum(output * w)` with fixed weights `w` drawn
    /// uniformly from [0.5, 1.5) (stream `seed`), so every output element's gradient is exercised.
    /// The default step 1e-5 balances truncation error (~step² · f''' ≈ 1e-10) against rounding
    /// error (~1e-16 / step ≈ 1e-11), so a correct rule shows errors near 1e-9 and a wrong one far
    /// above the 1e-6 tolerance the tests use.
    public static func checkGradients(
        at inputs: [Tensor<Double>], step: Double = 1e-5, seed: UInt64 = 0,
        _ function: ([Tensor<Double>]) throws -> Tensor<Double>
    ) throws -> GradientCheckReport {
        var stream = RandomStream(seed: seed)
        let weights = try Tensor<Double>.uniform(try function(inputs).shape, low: 0.5, high: 1.5, using: &stream)
        func scalarised(_ xs: [Tensor<Double>]) throws -> Tensor<Double> { try (function(xs) * weights).sum() }

        let variables = inputs.map { $0.variable() }
        let analytic = try scalarised(variables).gradients(withRespectTo: variables)
        let recorded = try scalarised(variables).gradients(withRespectTo: variables, createGraph: true)
        var worst = (error: -1.0, input: 0, index: 0, analytic: 0.0, numeric: 0.0)
        var checked = 0
        for (i, input) in inputs.enumerated() {
            var values = input.scalars
            for j in values.indices {
                let saved = values[j]
                var shifted = inputs
                values[j] = saved + step
                shifted[i] = try Tensor(shape: input.shape, scalars: values)
                let plus = try scalarised(shifted).scalar()
                values[j] = saved - step
                shifted[i] = try Tensor(shape: input.shape, scalars: values)
                let minus = try scalarised(shifted).scalar()
                values[j] = saved
                let numeric = (plus - minus) / (2 * step)
                let got = analytic[i].scalars[j]
                let error = Swift.abs(got - numeric) / Swift.max(1, Swift.abs(numeric))
                // NaN errors must surface as the worst, not be skipped by the comparison.
                if error > worst.error || error.isNaN && !worst.error.isNaN {
                    worst = (error, i, j, got, numeric)
                }
                checked += 1
            }
        }
        let agrees = zip(analytic, recorded).allSatisfy { $0.scalars == $1.scalars }
        return GradientCheckReport(maxError: Swift.max(worst.error, 0), worstInput: worst.input, worstIndex: worst.index,
                                   worstAnalytic: worst.analytic, worstNumeric: worst.numeric,
                                   checkedCount: checked, recordedBackwardAgrees: agrees)
    }
}
