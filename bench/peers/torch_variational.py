"""One step of the variational fit behind pac_bayes_bound and information_lagrangian, in PyTorch:
a diagonal Gaussian Q over the weights of the MLP 784-600-2 (472,202 weights), mean m and
log-variance rho per weight; each step draws eps ~ N(0, I) for every weight, takes the loss and
its gradient at m + sigma*eps and at m - sigma*eps (one antithetic pair) on a batch of 256 of
5,000 samples, adds the gradient of beta*KL(Q || N(mu, lambda^2 I)), and takes an Adam step on
rho and on m. The same work as Infoscope's step (bench/variational_script.isc). Prints one line:
RESULT {json} with the median seconds per step over `repeats` timings of `steps` steps.
usage: python3 torch_variational.py [threads=2] [steps=100] [repeats=3]"""
import sys, time, json, statistics
import torch, torch.nn as nn
threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 100
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
torch.set_num_threads(threads)
torch.manual_seed(0)
N, B, beta, lam = 5000, 256, 3e-5, 0.05
X = torch.randn(N, 784)
Y = torch.randint(0, 2, (N,))
shapes = [(600, 784), (600,), (2, 600), (2,)]
prior = [torch.randn(s) * 0.03 for s in shapes]
mean = [p.clone().requires_grad_(True) for p in prior]
rho = [torch.full(s, 2 * torch.log(torch.tensor(lam)).item()).requires_grad_(True) for s in shapes]
opt = torch.optim.Adam([{"params": rho, "lr": 0.05}, {"params": mean, "lr": 1e-3}])

def forward(w, x):
    h = torch.relu(x @ w[0].T + w[1])
    return h @ w[2].T + w[3]

def step():
    idx = torch.randperm(N)[:B]
    x, y = X[idx], Y[idx]
    sigma = [torch.exp(r / 2) for r in rho]
    eps = [torch.randn_like(m) for m in mean]
    loss = 0
    for sign in (1.0, -1.0):
        w = [m + sign * s * e for m, s, e in zip(mean, sigma, eps)]
        loss = loss + nn.functional.cross_entropy(forward(w, x), y) / 2
    kl = sum((0.5 * (torch.exp(r) / lam**2 + (m - p) ** 2 / lam**2 - 1 - (r - 2 * torch.log(torch.tensor(lam))))).sum()
             for r, m, p in zip(rho, mean, prior))
    opt.zero_grad()
    (loss + beta * kl).backward()
    opt.step()

for _ in range(5):
    step()
times = []
for _ in range(repeats):
    t = time.perf_counter()
    for _ in range(steps):
        step()
    times.append((time.perf_counter() - t) / steps)
print("RESULT " + json.dumps({"peer": "torch", "workload": "variational-step", "threads": threads,
                              "seconds_per_step": statistics.median(times), "weights": sum(m.numel() for m in mean)}))
