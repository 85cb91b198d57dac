/// P7 and P8 of docs/probe-formulas.md: the effective information in a layer's activations, and how much they
/// say about a nuisance beside what they say about the input and the input about the label.
extension BuiltinRegistry {
    static var representationProbes: [BuiltinFunction] {
        [
            def("invariance", "probes",
                "I(z;n) of a layer's activations about a nuisance, beside I(z;x) and I(x;y)",
                "For a nuisance n (a change that keeps the label: position, scale, rotation, stroke, noise) a representation z "
                    + "sufficient for y satisfies I(z;n) ≤ I(z;x) − I(x;y); the table reports the three and whether it holds, and "
                    + "I(z;y). Activations are deterministic functions of x, so I(z;x) would be infinite: z passes through a Gaussian "
                    + "channel z̃ = z + N(0, σ²I) with σ = noise (the resolution at which information counts). Estimators: I(z;n) "
                    + "= ½(log|Σ_z| + log|Σ_n| − log|Σ_(z,n)|), exact when z and n are jointly Gaussian; I(z;x) = ½ log|Σ_z̃| − m log σ "
                    + "(a Gaussian bound: exact for Gaussian z); I(x;y) = H(y), the labels' entropy (each input has one label); "
                    + "I(z;y) by the Gaussian class-conditional estimator, with a standard error. Gaussian check: x = (u, v), "
                    + "n = v, z = a·u + b·v + N(0, σ²) gives I(z;n) = ½ log(1 + b²/(a² + σ²)), I(z;x) = ½ log(1 + (a² + b²)/σ²). "
                    + "layer: a layer name as in the network's table (dense1, conv2; a dense layer followed by relu gives the output "
                    + "after the relu). nuisance: a factor the dataset records (glyphs(...) records \"position\" = dx and dy, \"scale\", "
                    + "\"rotation\", \"stroke\", \"noise\"; transforms such as shift and rotate add to them) or a list of values, one "
                    + "per sample. Cost: one forward pass and d×d covariances, d the layer's width (refused above the memory limit, "
                    + "with pooling the layer as the cheaper alternative). r.nuisance (= r.total), r.input, r.task, r.task_in_z, "
                    + "r.holds. " + paper + deferred,
                example: "network m { input [1, 12, 12]; flatten; dense(8) relu; dense(10) }; invariance(m(), glyphs(200, seed: 0, size: 12), layer: \"dense2\", nuisance: \"rotation\")",
                signature: "invariance(net, data, layer: name, nuisance: \"position\" | \"scale\" | \"rotation\" | \"stroke\" | \"noise\" | [values], noise: 0.1, samples: 1000, seed: none)") { p in
                let head = ProbeHead(p, data: "data"), settings = InvarianceParameters(p), sampling = ProbeSampling(p)
                p.probeCosts(head, sampling.samples) { s, w, net in settings.cost(s, w, net) }
                return probeBody(.invariance, head, sampling) { r, a in try r.readInvariance(a, settings) }
            },
            def("activation_information", "probes",
                "the effective information in a layer's activations: their Fisher about the input, trace, log-det and per-pixel map",
                "Activations z = f_w(x) are deterministic; perturbing the weights with the noise the Lagrangian tolerates, "
                    + "n ~ N(0, β F⁻¹), makes them a noisy channel. Linearised, z_n | x ~ N(f_w(x), Σ_z), Σ_z = β J F⁻¹ Jᵀ + εI "
                    + "(J = ∂z/∂w, G = ∂z/∂x), and the activations' Fisher about the input is F_z|x = Gᵀ Σ_z⁻¹ G + "
                    + "½ [tr(Σ_z⁻¹ ∂_aΣ_z Σ_z⁻¹ ∂_bΣ_z)]_ab (form: \"corrected\"; \"paper\" gives the printed (1/β) Gᵀ J F Jᵀ G, which "
                    + "has the wrong units, for comparison). Reported at sample input of data: tr F_z|x (r.total), the log-det (the "
                    + "pseudo-log-det over its nonzero eigenvalues when dim z < dim x, flagged), r.fisher, r.map (its diagonal, one "
                    + "entry per input value; tensor(r.map, shape: r.map_shape) is it as a tensor of the input's shape) and r.save_map(\"map.pgm\") (a greyscale image). F is the true Fisher of the weights on "
                    + "samples inputs (exact, k Fisher-vector products, up to 2000 weights), or fisher: c for c·I; damping is added "
                    + "to its diagonal when it is singular. Cost: m backward passes for J and G (m = the layer's width), 2·d more "
                    + "sets for the covariance term by central differences (d = input size), O(k³) for F's factor. The Monte Carlo "
                    + "alternative: draws > 0 samples weight noise draws times on each of the first inputs inputs and estimates "
                    + "I(z_n; c) in nats by the Gaussian class-conditional estimator, with a standard error; c is the label, or "
                    + "about: a list of ids, one per sample (a nuisance's bin, a background id). posterior: r, a result of "
                    + "information_lagrangian on this network, replaces N(0, β F⁻¹) by Q's own noise N(0, diag σ²), the noise the "
                    + "loss was found to tolerate weight by weight (β F⁻¹ is its closed form for a quadratic loss); no k×k matrix "
                    + "is formed, and beta, fisher and damping are not given with it. The network must hold Q's mean "
                    + "(set_weights(net, r.mean) when the mean was optimised). layer: a dense or conv "
                    + "layer by name (its output before any activation that follows, except a relu fused with a dense layer). "
                    + paper + deferred,
                example: "network m { input [2]; dense(3) relu; dense(2) }; activation_information(m(), moons(20, seed: 0), layer: \"dense1\", beta: 0.1, damping: 1e-3, epsilon: 1e-6).total",
                signature: "activation_information(net, data, layer: name, beta: β, form: \"corrected\", input: 0, fisher: none, damping: 0, epsilon: 0, draws: 0, inputs: 20, about: none, posterior: none, samples: 1000, seed: none)") { p in
                let head = ProbeHead(p, data: "data"), settings = ActivationParameters(p), sampling = ProbeSampling(p)
                p.probeCosts(head, sampling.samples) { s, w, net in settings.cost(s, w, net) }
                return probeBody(.activationInformation, head, sampling) { r, a in try r.readActivation(a, settings) }
            },
        ]
    }
}
