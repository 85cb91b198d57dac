"""Reads RESULT lines of the mnist workload (ours: infoscope_mnist, the peer: torch_mnist; several
rounds, any order) from stdin and prints, per model and thread count, each side's seconds per epoch
and seconds to the target test accuracy (98% for the MLP, 99% for the CNN: the training seconds at
the end of the first epoch that reaches it), each side's best round, and
ratio=<our seconds / peer seconds> (below 1: we are faster) for both."""
import sys, json

targets = {"mlp": 98.0, "cnn": 99.0}
rounds = {}  # (side, model, threads) -> [result]
for line in sys.stdin:
    if line.startswith("RESULT "):
        r = json.loads(line[len("RESULT "):])
        side = "ours" if r["bench"] == "infoscope_mnist" else "torch"
        rounds.setdefault((side, r["model"], r["threads"]), []).append(r)

def figures(results, target):
    """Best seconds per epoch and best seconds to the target (None when no round reached it)."""
    per_epoch = min(r["train_seconds_cumulative"][-1] / len(r["train_seconds_cumulative"]) for r in results)
    reached = [next((s for a, s in zip(r["test_acc_per_epoch"], r["train_seconds_cumulative"]) if a >= target), None)
               for r in results]
    reached = [s for s in reached if s is not None]
    final = max(r["test_acc_per_epoch"][-1] for r in results)
    return per_epoch, (min(reached) if reached else None), final

def ratio(a, b):
    return "%.2f" % (a / b) if a is not None and b else "n/a"

for (side, model, threads) in sorted(k for k in rounds if k[0] == "ours"):
    peer = rounds.get(("torch", model, threads))
    if not peer:
        continue
    target = targets[model]
    ours_epoch, ours_reach, ours_final = figures(rounds[(side, model, threads)], target)
    torch_epoch, torch_reach, torch_final = figures(peer, target)
    print("mnist %s threads=%d sec_per_epoch ours=%.2f torch=%.2f ratio=%s" % (model, threads, ours_epoch, torch_epoch, ratio(ours_epoch, torch_epoch)))
    print("mnist %s threads=%d sec_to_%g%% ours=%s torch=%s (final accuracy ours %.2f%%, torch %.2f%%) ratio=%s"
          % (model, threads, target, ours_reach, torch_reach, ours_final, torch_final, ratio(ours_reach, torch_reach)))
