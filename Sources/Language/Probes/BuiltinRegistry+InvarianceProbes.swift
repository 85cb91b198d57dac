/// P8 of PROBES.md: how much a layer's activations say about a nuisance, beside what they say
/// about the input and what the input says about the label.
extension BuiltinRegistry {
    static var invarianceProbes: [BuiltinFunction] {
        [
            def("invariance", head("data") + [.required("layer"), .required("nuisance"), .optional("noise", .number(0.1)),
                                              .optional("samples", .number(1000)), .optional("seed", .none)], "probes",
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
                signature: "invariance(net, data, layer: name, nuisance: \"position\" | \"scale\" | \"rotation\" | \"stroke\" | \"noise\" | [values], noise: 0.1, samples: 1000, seed: none)",
                probeBody(.invariance)),
        ]
    }
}
