/// Optimizer and learning-rate builtins: what a schedule's `optimizer` and `lr` lines call.
extension BuiltinRegistry {
    static var optimizers: [BuiltinFunction] { optimizerRules + rateShapes }

    static var optimizerRules: [BuiltinFunction] {
        [
            def("sgd", "training", "stochastic gradient descent, with optional momentum and L2 weight decay",
                "Follows PyTorch's torch.optim.SGD (dampening 0): lr ≥ 0, momentum in [0, 1), weight_decay ≥ 0.",
                example: "sgd(lr: 0.05, momentum: 0.9, weight_decay: 1e-3)") { p in
                let lr = p.required("lr", .nonNegative), momentum = p.optional("momentum", .unitInterval, default: .number(0))
                let nesterov = p.optional("nesterov", .bool, default: .bool(false))
                let decay = p.optional("weight_decay", .nonNegative, default: .number(0))
                return { a in
                    let m = try a[momentum], n = try a[nesterov]
                    guard !n || m > 0 else { throw a.fail(nesterov, expected: "false unless momentum is above 0") }
                    return .object(OptimizerValue(.sgd(momentum: m, nesterov: n), learningRate: try a[lr], weightDecay: try a[decay]))
                }
            },
            adamRule("adam", decay: 0, "Adam with L2 weight decay added to the gradient (PyTorch's torch.optim.Adam)") {
                .adam(beta1: $0, beta2: $1, epsilon: $2)
            },
            adamRule("adamw", decay: 0.01, "AdamW: Adam with decoupled weight decay (PyTorch's torch.optim.AdamW)") {
                .adamw(beta1: $0, beta2: $1, epsilon: $2)
            },
        ]
    }

    private static func adamRule(_ name: String, decay: Double, _ summary: String,
                                 _ rule: @escaping (Double, Double, Double) -> OptimizerValue.Rule) -> BuiltinFunction {
        def(name, "training", summary, "lr ≥ 0; beta1 and beta2 in [0, 1); eps > 0; weight_decay ≥ 0.",
            example: "\(name)(lr: 0.001)") { p in
            let lr = p.optional("lr", .nonNegative, default: .number(0.001))
            let beta1 = p.optional("beta1", .unitInterval, default: .number(0.9))
            let beta2 = p.optional("beta2", .unitInterval, default: .number(0.999))
            let eps = p.optional("eps", .positive, default: .number(1e-8))
            let weightDecay = p.optional("weight_decay", .nonNegative, default: .number(decay))
            return { a in
                .object(OptimizerValue(rule(try a[beta1], try a[beta2], try a[eps]), learningRate: try a[lr],
                                       weightDecay: try a[weightDecay]))
            }
        }
    }

    static var rateShapes: [BuiltinFunction] {
        [
            def("exponential", "training", "a learning rate multiplied by factor every epoch (or step)",
                "In a schedule: lr exponential(0.97) per epoch gives lr · 0.97^epoch (PyTorch's ExponentialLR).",
                example: "exponential(0.97)") { p in
                let factor = p.required("factor", .positive)
                return { a in .object(RateValue(.exponential(factor: try a[factor]))) }
            },
            def("step_decay", "training", "a learning rate multiplied by factor every `every` epochs (or steps)",
                "lr · factor^⌊t / every⌋ (PyTorch's StepLR).", example: "step_decay(0.1, every: 30)") { p in
                let factor = p.required("factor", .positive), every = p.required("every", .integer(atLeast: 1))
                return { a in .object(RateValue(.stepDecay(factor: try a[factor], every: try a[every]))) }
            },
            def("multistep", "training", "a learning rate multiplied by factor at each milestone epoch (or step)",
                "lr · factor^(milestones passed) (PyTorch's MultiStepLR); milestones increase.",
                example: "multistep(0.1, [30, 60])") { p in
                let factor = p.required("factor", .positive)
                let milestones = p.required("milestones", ArgumentKind<[Int]>.integers.constrained("increasing integers ≥ 0") { m in
                    m.allSatisfy { $0 >= 0 } && zip(m, m.dropFirst()).allSatisfy { $0 < $1 }
                })
                return { a in .object(RateValue(.multistep(factor: try a[factor], milestones: try a[milestones]))) }
            },
            def("cosine", "training", "a learning rate annealed along a half cosine to minimum over length epochs (or steps)",
                "PyTorch's CosineAnnealingLR without restarts; the rate stays at minimum afterwards.",
                example: "cosine(30)") { p in
                let length = p.required("length", .integer(atLeast: 1))
                let minimum = p.optional("minimum", .nonNegative, default: .number(0))
                return { a in .object(RateValue(.cosine(length: try a[length], minimum: try a[minimum]))) }
            },
        ]
    }
}
