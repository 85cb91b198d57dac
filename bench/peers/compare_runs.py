"""Reads RESULT lines of the cnn and fisher workloads (ours and torch's; any order, several
rounds) from stdin and prints one line per comparison and thread count, ending in
ratio=<our seconds / peer seconds> (below 1: we are faster). Each side's figure is its best
round's median (other processes only slow runs down); `rounds` shows our lowest..highest.

cnn:    infoscope_cnn.sec_per_10k_samples_median vs torch_cnn.sec_per_10k_samples_median.
cnn-script, mlp-script: the same workloads declared in bench/cnn_script.isc and
        bench/mlp_torch_script.isc and run by the interpreter, against torch_cnn and torch_mlp.
fisher-script: the same traces from bench/fisher_script.isc (the interpreter, the probe builtins on
        a declared network), and the Hessian probes' time per iteration in gradient evaluations.
fisher: our Monte Carlo and exact Fisher traces through the Probes API, and the runtime's
        per-sample norms (empirical Fisher, the peer's quantity), against torch's dense closed
        form and torch.func vmap(grad)."""
import sys, json

runs = {}  # (bench, threads) -> [result of each round]
for line in sys.stdin:
    if line.startswith("RESULT "):
        r = json.loads(line[len("RESULT "):])
        runs.setdefault((r["bench"], r["threads"]), []).append(r)

def best(results, key):
    values = [r[key] for r in results if r.get(key) is not None]
    return (min(values), max(values)) if values else (None, None)

def line(name, threads, ours, peer, peer_name):
    (low, high), (peer_best, _) = ours, peer
    if low is None or peer_best is None:
        print("%s threads=%d ours=%s %s=%s ratio=n/a" % (name, threads, low, peer_name, peer_best))
        return
    print("%s threads=%d ours=%.4f s (rounds %.4f..%.4f) %s=%.4f s ratio=%.3f"
          % (name, threads, low, low, high, peer_name, peer_best, low / peer_best))

for (bench, threads), ours in sorted(runs.items(), key=lambda kv: kv[0][1]):
    if bench == "infoscope_cnn":
        peer = runs.get(("torch_cnn", threads), [])
        line("cnn per 10k samples", threads, best(ours, "sec_per_10k_samples_median"),
             best(peer, "sec_per_10k_samples_median"), "torch")
    elif bench == "infoscope_cnn_script":
        peer = runs.get(("torch_cnn", threads), [])
        line("cnn-script per 10k samples", threads, best(ours, "sec_per_10k_samples_median"),
             best(peer, "sec_per_10k_samples_median"), "torch")
    elif bench == "infoscope_mlp_script":
        peer = runs.get(("torch_mlp", threads), [])
        line("mlp-script per epoch", threads, best(ours, "sec_per_epoch_median"),
             best(peer, "sec_per_epoch_median"), "torch")
    elif bench == "infoscope_fisher":
        peer = runs.get(("torch_fisher", threads), [])
        closed, vmap = best(peer, "sec_closed_form_dense"), best(peer, "sec_vmap_grad_full")
        if peer:
            print("fisher threads=%d traces: ours empirical %.4f, Monte Carlo %.4f, exact %.4f; torch empirical %.4f "
                  "(different random data, same distribution)" % (
                      threads, ours[0]["trace_probe_empirical"], ours[0]["trace_probe_monte_carlo"],
                      ours[0]["trace_probe_exact"], peer[0]["trace_F"]))
        for method in ("probe_monte_carlo", "probe_exact", "runtime_norms_empirical"):
            mine = best(ours, "sec_" + method)
            line("fisher %s vs closed form" % method, threads, mine, closed, "torch_closed_form")
            line("fisher %s vs vmap" % method, threads, mine, vmap, "torch_vmap")
    elif bench == "infoscope_fisher_script":
        peer = runs.get(("torch_fisher", threads), [])
        closed, vmap = best(peer, "sec_closed_form_dense"), best(peer, "sec_vmap_grad_full")
        for method in ("monte_carlo", "exact", "empirical"):
            mine = best(ours, "sec_" + method)
            line("fisher-script %s vs closed form" % method, threads, mine, closed, "torch_closed_form")
            line("fisher-script %s vs vmap" % method, threads, mine, vmap, "torch_vmap")
        mc, ex = best(ours, "sec_monte_carlo"), best(ours, "sec_exact")
        print("fisher-script exact vs Monte Carlo threads=%d ratio=%.3f" % (threads, ex[0] / mc[0]))
        r = min(ours, key=lambda r: r["sec_gradient"])
        for key, label in (("hutchinson_per_probe", "Hutchinson trace, per probe vector"),
                           ("lanczos_per_step", "Lanczos top eigenvalue, per step")):
            sec = best(ours, "sec_" + key)[0]
            print("hessian %s threads=%d %.4f s = %.2f gradient evaluations (one gradient: %.4f s)"
                  % (label, threads, sec, sec / r["sec_gradient"], r["sec_gradient"]))
        print("fisher-script threads=%d traces: Monte Carlo %.4f, exact %.4f, empirical %.4f; torch empirical %s; "
              "tr H %.4f, top eigenvalue %.4f" % (threads, ours[0]["trace_monte_carlo"], ours[0]["trace_exact"],
              ours[0]["trace_empirical"], peer[0]["trace_F"] if peer else "n/a", ours[0]["hessian_trace"], ours[0]["hessian_top"]))
