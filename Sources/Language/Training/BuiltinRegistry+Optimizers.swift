/// Optimizer and learning-rate builtins: what a schedule's `optimizer` and `lr` lines call.
extension BuiltinRegistry {
    static var optimizers: [BuiltinFunction] { optimizerRules + rateShapes }

    static var optimizerRules: [BuiltinFunction] {
        [
            def("sgd", [.required("lr"), .optional("momentum", .number(0)), .optional("nesterov", .bool(false)),
                        .optional("weight_decay", .number(0))], "training",
                "stochastic gradient descent, with optional momentum and L2 weight decay",
                "Follows PyTorch's torch.optim.SGD (dampening 0): lr ≥ 0, momentum in [0, 1), weight_decay ≥ 0.",
                example: "sgd(lr: 0.05, momentum: 0.9, weight_decay: 1e-3)") { a in
                let lr = try rate(a, 0), momentum = try a.number(1), decay = try rate(a, 3)
                guard momentum >= 0, momentum < 1 else { throw a.fail(1, expected: "a number in [0, 1)") }
                let nesterov = try a.bool(2)
                guard !nesterov || momentum > 0 else { throw a.fail(2, expected: "false unless momentum is above 0") }
                return .object(OptimizerValue(kind: "sgd", learningRate: lr, momentum: momentum, nesterov: nesterov,
                                              weightDecay: decay))
            },
            adamRule("adam", decay: 0, "Adam with L2 weight decay added to the gradient (PyTorch's torch.optim.Adam)"),
            adamRule("adamw", decay: 0.01, "AdamW: Adam with decoupled weight decay (PyTorch's torch.optim.AdamW)"),
        ]
    }

    private static func adamRule(_ name: String, decay: Double, _ summary: String) -> BuiltinFunction {
        def(name, [.optional("lr", .number(0.001)), .optional("beta1", .number(0.9)), .optional("beta2", .number(0.999)),
                   .optional("eps", .number(1e-8)), .optional("weight_decay", .number(decay))], "training",
            summary, "lr ≥ 0; beta1 and beta2 in [0, 1); eps > 0; weight_decay ≥ 0.",
            example: "\(name)(lr: 0.001)") { a in
            let lr = try rate(a, 0), b1 = try a.number(1), b2 = try a.number(2), eps = try a.number(3)
            guard b1 >= 0, b1 < 1 else { throw a.fail(1, expected: "a number in [0, 1)") }
            guard b2 >= 0, b2 < 1 else { throw a.fail(2, expected: "a number in [0, 1)") }
            guard eps > 0, eps.isFinite else { throw a.fail(3, expected: "a positive number") }
            return .object(OptimizerValue(kind: name, learningRate: lr, weightDecay: try rate(a, 4),
                                          beta1: b1, beta2: b2, epsilon: eps))
        }
    }

    static var rateShapes: [BuiltinFunction] {
        [
            def("exponential", [.required("factor")], "training", "a learning rate multiplied by factor every epoch (or step)",
                "In a schedule: lr exponential(0.97) per epoch gives lr · 0.97^epoch (PyTorch's ExponentialLR).",
                example: "exponential(0.97)") { a in
                .object(RateValue(.exponential(factor: try factor(a, 0))))
            },
            def("step_decay", [.required("factor"), .required("every")], "training",
                "a learning rate multiplied by factor every `every` epochs (or steps)",
                "lr · factor^⌊t / every⌋ (PyTorch's StepLR).", example: "step_decay(0.1, every: 30)") { a in
                .object(RateValue(.stepDecay(factor: try factor(a, 0), every: try a.integer(1, atLeast: 1))))
            },
            def("multistep", [.required("factor"), .required("milestones")], "training",
                "a learning rate multiplied by factor at each milestone epoch (or step)",
                "lr · factor^(milestones passed) (PyTorch's MultiStepLR); milestones increase.",
                example: "multistep(0.1, [30, 60])") { a in
                let m = try a.integers(1)
                guard m.allSatisfy({ $0 >= 0 }), zip(m, m.dropFirst()).allSatisfy({ $0 < $1 }) else {
                    throw a.fail(1, expected: "increasing integers ≥ 0")
                }
                return .object(RateValue(.multistep(factor: try factor(a, 0), milestones: m)))
            },
            def("cosine", [.required("length"), .optional("minimum", .number(0))], "training",
                "a learning rate annealed along a half cosine to minimum over length epochs (or steps)",
                "PyTorch's CosineAnnealingLR without restarts; the rate stays at minimum afterwards.",
                example: "cosine(30)") { a in
                .object(RateValue(.cosine(length: try a.integer(0, atLeast: 1), minimum: try rate(a, 1))))
            },
        ]
    }

    /// A finite number ≥ 0 (rates and decays).
    private static func rate(_ a: BuiltinArguments, _ i: Int) throws -> Double {
        let x = try a.number(i)
        guard x.isFinite, x >= 0 else { throw a.fail(i, expected: "a finite number ≥ 0") }
        return x
    }

    /// A finite factor > 0.
    private static func factor(_ a: BuiltinArguments, _ i: Int) throws -> Double {
        let x = try a.number(i)
        guard x.isFinite, x > 0 else { throw a.fail(i, expected: "a finite number > 0") }
        return x
    }
}
