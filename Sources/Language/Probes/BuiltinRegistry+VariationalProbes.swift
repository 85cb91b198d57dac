/// P3 and P4 of docs/probe-formulas.md: the information Lagrangian without the quadratic assumption, its β
/// sweep, and the PAC-Bayes bound it gives.
extension BuiltinRegistry {
    private static let posteriorText = "per: \"weight\" (one variance per weight) or \"filter\" (one per output unit of each "
        + "weight tensor: a dense row, a conv output channel, shared by its entries). learn_prior: true learns λ per layer with "
        + "the variances (each step λ_l² = mean over the layer of σ_i² + w_i², the scale that minimises KL); r.prior_scales "
        + "gives them. A prior learned from the data makes KL smaller but no longer the KL a PAC-Bayes bound may use. "

    private static let variationalMethod = "The posterior Q = N(w*, diag σ²) keeps its mean at the trained weights w* (unless "
        + "information_lagrangian's optimise_mean: true moves it) and has one variance per weight; the prior is P = N(0, λ²I). The variances minimise E_{n~N(0,Σ)} L_D(w* + n) + β·KL(Q‖P) by the "
        + "reparameterisation trick: each of steps Adam steps (rate learning_rate, on log σ²) draws pairs antithetic noise pairs "
        + "(ε, −ε), one backward pass over the samples inputs each (over batch of them drawn afresh each step when batch: is given, "
        + "so a step's cost does not grow with the data); the variances reported average the second half of the run. "
        + "E_Q L_D is then averaged over 200 antithetic draws, with its standard error. β is in the mean-loss convention (β > 0). "
        + "Convergence: the objective E_Q L_D + β·KL is recorded at every step from the losses the gradients already compute "
        + "(r.objective_trace); r.relative_change is the change of its mean from the third quarter of the steps to the last, "
        + "relative to it, and r.converged is false when that exceeds 1% or, beyond the steps' noise, a tenth of the run's "
        + "whole movement (a steady drift) — then a note under the table and a warning say to raise steps. "
        + "Cost: steps × 2·pairs backward passes over the inputs (infoscope check prints it). "

    static var variationalProbes: [BuiltinFunction] {
        [
            def("information_lagrangian", "probes",
                "the information in the weights (nats) without the quadratic assumption, by a variational Gaussian posterior",
                "KL(Q‖P) = ½ Σ_i [σ_i²/λ² + w_i²/λ² − 1 − log(σ_i²/λ²)] nats is the information in the weights: per layer with "
                    + "its share, then the total, E_Q L_D and the Lagrangian E_Q L_D + β·KL. " + variationalMethod
                    + "r.mean (Q's mean), r.variances and r.implied_curvature (1/σ_i² − 1/λ², which estimates F_ii/β) are records "
                    + "of one list per weight tensor. Where the loss is quadratic it agrees with info_in_weights(curvature: "
                    + "\"diagonal\"); beyond, it does not need the Fisher. " + posteriorText
                    + "optimise_mean: true moves Q's mean too (Adam at mean_learning_rate, from w*): the result is then the "
                    + "Lagrangian's own trade-off, a network that keeps fewer nats for a small cost in loss; set_weights(net, r.mean) "
                    + "puts that mean into a network, and activation_information(net, data, layer: ..., posterior: r) measures its "
                    + "activations with Q's noise. " + paper + deferred,
                example: "network m { input [2]; dense(3) }; information_lagrangian(m(), blobs(50, seed: 0), beta: 1e-3, steps: 200).total",
                signature: "information_lagrangian(net, data, beta: β, lambda: 1, steps: 3000, pairs: 8, learning_rate: 0.01, batch: none, samples: 1000, seed: none, per: \"weight\", learn_prior: false, optimise_mean: false, mean_learning_rate: 0.001)") { p in
                let head = ProbeHead(p, data: "data"), beta = p.required("beta", .positive)
                let optimiser = OptimiserParameters(p, defaultSamples: 1000), posterior = PosteriorParameters(p)
                let mean = MeanParameters(p)
                p.probeCosts(head, optimiser.sampling.samples) { s, w, _ in optimiser.cost(s, w, mean: mean) }
                return probeBody(.informationLagrangian, head, optimiser.sampling) { r, a in
                    try r.readVariational(a, betas: [try a[beta]], optimiser: optimiser, posterior: posterior, mean: mean)
                }
            },
            def("beta_sweep", "probes",
                "the trade-off curve of the information Lagrangian: expected loss against information in the weights",
                "Runs information_lagrangian at each β of betas (distinct, positive) with the other settings shared and prints "
                    + "one row per β: KL(Q‖P) nats, E_Q L_D with its standard error, and the Lagrangian. As β grows the network "
                    + "keeps fewer nats and the expected loss rises; random labels need about log|Y| nats per sample and stop being "
                    + "fitted above β ≈ 1. r.curve lists records (beta, kl, expected_loss, expected_loss_stderr, lagrangian); "
                    + "r.kl, r.expected_loss and r.lagrangian are lists in the order of betas; r.total is the KL at the first β. The Δ "
                    + "objective column gives each β's relative_change; r.converged is true when every β settled, "
                    + "r.relative_change and r.objective_trace list each β's, and each curve record has converged, "
                    + "relative_change and objective_trace. "
                    + variationalMethod + posteriorText + "The cost is that of one optimisation per β. Under mpirun, "
                    + "parallel: \"runs\" gives β i to rank i mod N, which optimises it alone, and every rank then has every "
                    + "result, a single process's bit for bit (docs/distributed.md); by default every rank optimises every β. "
                    + paper + deferred,
                example: "network m { input [2]; dense(3) }; beta_sweep(m(), blobs(50, seed: 0), betas: [1e-3, 1e-1], steps: 100).curve",
                signature: "beta_sweep(net, data, betas: [β...], lambda: 1, steps: 3000, pairs: 8, learning_rate: 0.01, batch: none, samples: 1000, seed: none, per: \"weight\", learn_prior: false, parallel: \"batches\")") { p in
                let head = ProbeHead(p, data: "data"), betas = p.required("betas", .numbers)
                let optimiser = OptimiserParameters(p, defaultSamples: 1000), posterior = PosteriorParameters(p)
                let parallel = p.optional("parallel", .oneOf(["batches", "runs"]), default: .string("batches"))
                p.probeCosts(head, optimiser.sampling.samples) { s, w, _ in optimiser.cost(s, w, betas: betas) }
                return probeBody(.betaSweep, head, optimiser.sampling) { r, a in
                    try r.readVariational(a, betas: try ProbeRequest.sweepBetas(a, betas), optimiser: optimiser, posterior: posterior,
                                          spreadsRuns: try a[parallel] == "runs")
                }
            },
            def("pac_bayes_bound", "probes",
                "PAC-Bayes bounds on the test error (McAllester's, and a kl-form certificate), beside the measured test error",
                "With probability at least 1 − δ over the training set, L_test(Q) ≤ [E_Q L_D + (β_PAC/N)(KL(Q‖P) + log(1/δ))] / "
                    + "(1 − 1/(2β_PAC)), for the 0-1 error (a loss in [0, 1]) and β_PAC = N·β > ½ fixed in advance. N is the "
                    + "number of training inputs: all of data unless samples: draws fewer (the table's N line says which). Q is fitted on data as information_lagrangian does "
                    + "at beta: β, or, with objective: \"bound\", to the PAC-Bayes bound (√(ê + B) + √B)², B = (KL + log(2√N/δ))/(2N) "
                    + "(Pérez-Ortiz et al. 2021), by setting β at every step to the rate at which that bound trades error for KL "
                    + "(r.beta is the last; McAllester's form, whose β must be fixed in advance, is then not given). "
                    + "E_Q of the training error and the test error of Q come from draws passes over each dataset, every block of "
                    + "at most 500 rows judged by its own weights drawn from Q (with standard errors), and the test error of the "
                    + "trained weights w* is shown too. test: the held-out data (all of it). r.bound (McAllester's), r.train_error, r.kl, r.test_error, "
                    + "r.test_error_at_center, r.beta_pac, r.n (= r.samples, N). The table adds the test error of always guessing "
                    + "the training data's majority class (r.majority_error); r.vacuous says the certificate (the linear bound "
                    + "when N < 8) is ≥ 1 (it says nothing about a 0-1 error), r.above_majority that it is no better than that "
                    + "guess; either is also a note under the table and a warning. The certificate (r.total): the drawn blocks' "
                    + "mean train error is itself bounded, e_S(Q) ≤ kl⁻¹(ê, log(2/δ′)/T) for T independent blocks with "
                    + "probability 1 − δ′ (delta_draws, default 0.01), and the kl form "
                    + "kl(e_S(Q)‖e(Q)) ≤ (KL(Q‖P) + log(2√N/δ))/N (Seeger, Maurer; N ≥ 8) gives r.certificate: with probability at "
                    + "least 1 − δ − δ′ the test error of Q is below it, with no term estimated; r.train_error_bound is the first step. "
                    + "More draws tighten it. The prior P = N(μ, λ²I) must be fixed before seeing the data: μ is 0, or the weights "
                    + "of a file written by save (prior_mean: \"start.ckpt\"): the initial weights, so that the KL charges only how "
                    + "far training moved them, or a network trained on a part of the data that data then leaves out "
                    + "(split(data, 0.5)): a data-dependent prior. prior_scales: [λ...] tries each scale, each paying 1/J of δ and δ′ "
                    + "(a union bound over the J), and reports the smallest certificate (r.lambda, r.scale_certificates). "
                    + "optimise_mean: true lets Q's mean move from w* too (Adam at rate mean_learning_rate, 0.001 by default), trading train error against "
                    + "distance from the prior's mean; r.test_error_at_mean is then the test error at that mean. initial_variance: Q's "
                    + "σ²/λ² at the start, 1e-4 by default with the Lagrangian (the quadratic regime) and 1 with the bound (Q starts as "
                    + "wide as the prior, and the fit narrows only what the error needs). " + variationalMethod + "Each pass adds a forward pass over both datasets. "
                    + paper + deferred,
                example: "network m { input [2]; dense(3) }; pac_bayes_bound(m(), blobs(50, seed: 0), test: blobs(50, seed: 1), beta: 0.05, steps: 100).bound",
                signature: "pac_bayes_bound(net, data, test: data, beta: β, objective: \"lagrangian\", delta: 0.05, draws: 100, delta_draws: 0.01, prior_mean: none, prior_scales: none, optimise_mean: false, mean_learning_rate: 0.001, initial_variance: none, lambda: 1, steps: 3000, pairs: 8, learning_rate: 0.01, batch: none, samples: none, seed: none)") { p in
                let head = ProbeHead(p, data: "data"), bound = BoundParameters(p)
                let optimiser = OptimiserParameters(p, defaultSamples: nil)
                p.probeCosts(head, optimiser.sampling.samples) { s, w, net in
                    optimiser.cost(s, w, bound: bound).map { bound.cost(s, w, net, fit: $0) }
                }
                return probeBody(.pacBayesBound, head, optimiser.sampling) { r, a in
                    // With objective: "bound" the fit sets β at every step; the 1 only passes validation.
                    try r.readVariational(a, betas: [try a[bound.beta] ?? 1], optimiser: optimiser, posterior: nil, bound: bound)
                }
            },
        ]
    }
}
