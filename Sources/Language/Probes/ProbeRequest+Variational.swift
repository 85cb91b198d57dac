import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// Reads the settings of P3 (information_lagrangian, beta_sweep) and P4 (pac_bayes_bound):
    /// β or the list of β, λ, the optimiser's steps, pairs and rate, and for the bound δ, the
    /// weight draws and the test data. Every domain is checked here, before any work.
    mutating func readVariational(_ a: BuiltinArguments) throws {
        let name = kind.rawValue
        let lambdaIndex = a.parameterIndex("lambda")
        let lambda = try a.number(lambdaIndex)
        try Self.positive(lambda, name, a, lambdaIndex)
        let betaIndex = a.parameterIndex(kind == .betaSweep ? "betas" : "beta")
        if kind == .betaSweep {
            betas = try BuiltinRegistry.numbers(a, betaIndex)
            guard !betas.isEmpty else { throw RuntimeError(Messages.betaSweepEmpty, parameter: betaIndex) }
            for b in betas { try Self.positive(b, name, a, betaIndex) }
            if let repeated = betas.enumerated().first(where: { betas[..<$0.offset].contains($0.element) }) {
                throw RuntimeError(Messages.betaSweepRepeated(formatNumber(repeated.element)), parameter: betaIndex)
            }
        } else {
            let beta = try a.number(betaIndex)
            try Self.positive(beta, name, a, betaIndex)
            betas = [beta]
        }
        var options = VariationalOptions(beta: betas[0], lambda: lambda)
        options.steps = try a.integer(a.parameterIndex("steps"), atLeast: 2)
        options.pairs = try a.integer(a.parameterIndex("pairs"), atLeast: 1)
        let rateIndex = a.parameterIndex("learning_rate")
        options.learningRate = try a.number(rateIndex)
        try Self.positive(options.learningRate, name, a, rateIndex)
        options.seed = seed
        if kind != .pacBayesBound {
            let perIndex = a.parameterIndex("per"), per = try a.string(perIndex)
            guard let grouping = VariationalGrouping(rawValue: per) else {
                throw RuntimeError(Messages.unknownChoice(name, "per", "\"weight\" or \"filter\"", per), parameter: perIndex)
            }
            options.grouping = grouping
            options.learnsPriorScale = try a.bool(a.parameterIndex("learn_prior"))
        }
        variational = options
        if kind == .pacBayesBound { try readBound(a) }
    }

    /// δ in (0, 1), at least two weight draws, the test data, and β_PAC = N·β above ½.
    private mutating func readBound(_ a: BuiltinArguments) throws {
        let deltaIndex = a.parameterIndex("delta")
        delta = try a.number(deltaIndex)
        guard delta > 0, delta < 1 else { throw RuntimeError(Messages.pacBayesDelta(formatNumber(delta)), parameter: deltaIndex) }
        draws = try a.integer(a.parameterIndex("draws"), atLeast: 2)
        let testIndex = a.parameterIndex("test")
        guard case .object(let t as DatasetValue) = a[testIndex] else {
            if a.isNone(testIndex) { throw RuntimeError(Messages.probeNeedsData(kind.rawValue, "test"), parameter: testIndex) }
            throw a.fail(testIndex, expected: "a dataset")
        }
        test = t.dataset
        testParameter = testIndex
        let betaPAC = Double(data.count) * betas[0]
        // McAllester's linear bound divides by 1 − 1/(2β_PAC): it says nothing unless β_PAC > ½.
        guard betaPAC > 0.5 else {
            throw RuntimeError(Messages.pacBayesBeta(formatNumber(betas[0]), data.count, formatNumber(betaPAC)),
                               parameter: a.parameterIndex("beta"))
        }
    }

    private static func positive(_ x: Double, _ f: String, _ a: BuiltinArguments, _ i: Int) throws {
        guard x > 0, x.isFinite else {
            throw RuntimeError(Messages.probeNotPositive(f, a.function.parameters[i].name, formatNumber(x)), parameter: i)
        }
    }

    /// The settings rows shared by P3 and P4 tables.
    func variationalSettings(_ o: VariationalOptions, inputs: Int) -> [(key: String, value: String)] {
        [("unit", "nats"), ("λ", o.learnsPriorScale ? "learned per layer (from \(formatNumber(o.lambda)))" : formatNumber(o.lambda)),
         ("posterior", "diagonal Gaussian, one variance per \(o.grouping.rawValue), mean at the trained w*"),
         ("estimator", "reparameterisation with antithetic pairs, Adam on log σ², \(o.steps) steps × \(o.pairs) pairs, rate \(formatNumber(o.learningRate))"),
         ("inputs", "\(inputs)"), ("seed", "\(o.seed)")]
    }
}
