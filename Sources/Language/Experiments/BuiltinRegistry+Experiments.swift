import Learning
import Probes

/// The experiments of the papers as one call each: the critical-period runner (Achille, Rovere &
/// Soatto) and the batch-size and class-count sweeps (Achille, Paolini & Soatto). Each trains a
/// fresh network per run from the same initial weights and measures tr F after every epoch.
extension BuiltinRegistry {
    static var experiments: [BuiltinFunction] { [criticalPeriod, batchSizeSweep, classCountSweep, clock] }

    private static let common = "net is a network recipe or a function returning a network (allconv, or fn() => allconv(width: 16)), "
        + "called once per run; a network without an input line is built for the data, and every run starts from the "
        + "first run's initial weights. with: a schedule (or recipe) for the optimizer, batch, epochs and lr (no phase "
        + "lines: the runner makes the phases); optimizer: and batch: override it (default sgd(lr: 0.05, momentum: 0.9), "
        + "batch 64). tr F is the true Fisher on the first fisher_samples inputs of the data just trained on, Monte Carlo "
        + "(exact: true sums over classes), measured before training and after every epoch. Progress: one line per epoch "
        + "on standard error (none with --quiet); Ctrl-C stops at the end of an epoch. The result prints one row per run; "
        + "members give one entry per run: final_accuracy, fisher (tr F per epoch, from epoch 0), fisher_layers (per layer), "
        + "runs (records with loss, accuracy, eval_accuracy too), table (every epoch as text); save(\"x.csv\" or \"x.json\") "
        + "writes every epoch of every run, save_summary the printed rows. `infoscope check` prints the estimated cost. "
        + "Under mpirun, parallel: \"batches\" (the default) trains every run on all ranks, each batch split among them; "
        + "parallel: \"runs\" gives run i to rank i mod N, which trains it alone, and every rank then has every run: the "
        + "result is a single process's, bit for bit (progress shows rank 0's runs only; docs/distributed.md)."

    static var criticalPeriod: BuiltinFunction {
        def("critical_period", "runners", "the critical-period experiment: a deficit for the first k epochs, then clean epochs, for each k",
            "From Achille, Rovere & Soatto, \"Critical Learning Periods in Deep Networks\" (ICLR 2019): for each deficit length "
                + "k in lengths, a fresh network trains k epochs on corrupted data (deficit), then clean epochs on the clean data; "
                + "the result sets the final accuracy (on eval when given) against k, with tr F per epoch in total and per layer. "
                + "The paper finds that a blur deficit removed late costs accuracy for good (there is a critical period early in "
                + "training), that tr F rises in the first epochs and then falls as the network consolidates, and that a vertical "
                + "flip or a label permutation leaves no lasting mark. Deficits: \"blur\" (downsample by strength, default 4, and "
                + "upsample back), \"gaussian_blur\" (σ = strength px, default 2), \"vertical_flip\", \"label_permutation\", "
                + "\"noise_images\" (inputs replaced by noise), \"noise\" (added, std = strength, default 1). With k = 0 a run is a "
                + "plain training run of the same seed. Members also lengths and peak_epoch (the epoch of the peak of tr F's rise: the largest "
                + "tr F after the bottom of its first drop, since tr F at the initial weights is the largest in most runs; none "
                + "when tr F only falls). controls: other deficits run with the same lengths (such as [\"vertical_flip\", \"noise\"], "
                + "which leave low-level statistics alone), each at its default strength. window: w with onsets: [t...] (instead of "
                + "lengths) is the sliding window: t clean epochs, w with the deficit, then clean epochs, every run training "
                + "max(t) + w + clean epochs, so that only the onset varies. seeds: [s...] repeats every setting once per seed, "
                + "each drawing its initial weights and its training from its seed; the printed rows are then per deficit and "
                + "length, with the mean final accuracy over the seeds and its spread (sample standard deviation). augment: random "
                + "changes drawn for every batch, as in train ({crop: 4, flip_h: 0.5}...). Members also deficits and seeds (per run), "
                + "groups (per deficit and length: final_accuracy, spread, accuracies, fisher averaged over the seeds) and "
                + "fisher_shares (per run, each layer's share of tr F per epoch). " + common,
            example: "network m { flatten; dense(10) }; critical_period(m, on: glyphs(200, seed: 0), lengths: [0, 1], clean: 1, fisher_samples: 50, seed: 0).final_accuracy",
            signature: "critical_period(net, on: data, eval: none, deficit: \"blur\", lengths: [0, 5, 10], clean: 20, strength: none, controls: none, window: none, onsets: none, seeds: none, augment: none, batch: none, with: none, optimizer: none, fisher_samples: 500, exact: false, seed: none, parallel: \"batches\")") { p in
            let head = ExperimentParameters.Head(p), own = CriticalPeriodCall.Parameters(p)
            let batch = p.optional("batch", .integer(atLeast: 1))
            let parameters = ExperimentParameters(head: head, shared: .init(p), batch: batch, epochs: nil)
            p.checks { s in parameters.costs(s) { _, _, _ in own.runs(s) } }
            return { a in try CriticalPeriodCall(a, parameters, own).run() }
        }
    }

    static var batchSizeSweep: BuiltinFunction {
        def("batch_size_sweep", "runners", "train once per batch size from the same initial weights: tr F and accuracy against the batch size",
            "From Achille, Paolini & Soatto, \"Where is the Information in a Deep Neural Network?\" (arXiv 1905.12213): SGD with "
                + "smaller batches is noisier and settles in flatter minima, where the Fisher, and so the information in the "
                + "weights, is smaller; larger batches end with a larger tr F. One run of epochs (default: the schedule's, else 10) "
                + "per batch size in sizes. The printed rows: final tr F, the peak of its rise (after the drop from the initial weights; none when it only falls), final tr F per layer, final accuracy and, with "
                + "beta, the information in the weights (nats, Fisher-diagonal upper bound, prior λ = 1). Members also values "
                + "(the sizes), final_fisher, peak_fisher, weights_nats, and the nats' quadratic check as for info_in_weights: "
                + "quadratic_ok, sampled_loss, sampled_loss_se per run (a \"quadratic ok\" column, and a note and a warning when it fails). "
                + "steps: n trains every run n optimizer steps instead of epochs, so that a smaller batch does not also mean more "
                + "steps (the confound of the paper's version; epochs: and steps: do not go together). scale_rate: true scales "
                + "each run's learning rate (and its schedule) by its batch over the schedule's batch (64 by default), the linear "
                + "scaling rule: a small batch then takes small steps, and its noise, not its step size, is what differs; the "
                + "table's learning rate line says so. " + common,
            example: "network m { flatten; dense(10) }; batch_size_sweep(m, on: glyphs(200, seed: 0), sizes: [16, 64], epochs: 1, fisher_samples: 50, seed: 0).final_fisher",
            signature: "batch_size_sweep(net, on: data, eval: none, sizes: [...], epochs: none, beta: none, steps: none, scale_rate: false, with: none, optimizer: none, fisher_samples: 500, exact: false, seed: none, parallel: \"batches\")") { p in
            let head = ExperimentParameters.Head(p), sizes = p.required("sizes", SweepCall.valuesKind(sizes: true))
            let epochs = p.optional("epochs", .integer(atLeast: 1)), beta = p.optional("beta", .positive)
            let steps = p.optional("steps", .integer(atLeast: 1))
            let scaleRate = p.optional("scale_rate", .bool, default: .bool(false))
            let parameters = ExperimentParameters(head: head, shared: .init(p), batch: nil, epochs: epochs)
            p.checks { s in
                parameters.costs(s) { SweepCall.runs(s, sizes, sizes: true, epochs: $0, samples: $1, batch: $2, steps: steps) }
            }
            return { a in try SweepCall(a, parameters, values: sizes, sizes: true, beta: beta, steps: steps, scaleRate: scaleRate).run() }
        }
    }

    static var classCountSweep: BuiltinFunction {
        def("class_count_sweep", "runners", "train once per number of classes (the first c of the data): tr F and accuracy against c",
            "From Achille, Paolini & Soatto, \"Where is the Information in a Deep Neural Network?\" (arXiv 1905.12213): a task "
                + "with fewer classes needs less information about the data, and the trained network's Fisher is smaller: tr F "
                + "grows with the number of classes. Each run keeps the samples of classes 0..c-1 of the training and eval data "
                + "and trains the same network (its outputs must cover the data's classes); with steps: n every run trains n "
                + "optimizer steps, so that more classes (more samples per epoch) do not also mean more steps. Members as for batch_size_sweep, "
                + "values being the class counts. " + common,
            example: "network m { flatten; dense(10) }; class_count_sweep(m, on: glyphs(300, seed: 0), classes: [2, 5], epochs: 1, fisher_samples: 50, seed: 0).final_fisher",
            signature: "class_count_sweep(net, on: data, eval: none, classes: [...], epochs: none, beta: none, batch: none, steps: none, with: none, optimizer: none, fisher_samples: 500, exact: false, seed: none, parallel: \"batches\")") { p in
            let head = ExperimentParameters.Head(p), classes = p.required("classes", SweepCall.valuesKind(sizes: false))
            let epochs = p.optional("epochs", .integer(atLeast: 1)), beta = p.optional("beta", .positive)
            let batch = p.optional("batch", .integer(atLeast: 1)), steps = p.optional("steps", .integer(atLeast: 1))
            let parameters = ExperimentParameters(head: head, shared: .init(p), batch: batch, epochs: epochs)
            p.checks { s in
                parameters.costs(s) { SweepCall.runs(s, classes, sizes: false, epochs: $0, samples: $1, batch: $2, steps: steps) }
            }
            return { a in try SweepCall(a, parameters, values: classes, sizes: false, beta: beta, steps: steps).run() }
        }
    }
}
