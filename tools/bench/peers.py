#!/usr/bin/python3
# Copied unchanged (apart from these two comment lines) from the project's shared notes, ../shared/bench/peers.py,
# so that tools/bench/compare.sh does not depend on anything outside the repository.
"""Peer anchors for NetGen's training-step benchmark.

Each workload is a dense network trained full-batch with plain gradient descent:
hidden layers ReLU, output sigmoid, binary cross-entropy (the textbook L-layer model).
One step = forward + cost + backward + parameter update.
Prints one JSON object per (system, workload): microseconds per step (median of runs).

The workload "chains" is different: SimpleChains.jl's published benchmark shape, [4, 32, 16, 4] with tanh hidden layers,
a linear output, squared error J = (1/2m) sum ||A - Y||^2 and one Adam step (lr 1e-3) per full batch of m = 10000.

Systems:
  numpy-f64 / numpy-f32 : the textbook vectorized equations, written directly in NumPy (OpenBLAS)
  torch-f32            : PyTorch nn.Sequential + autograd + optim.SGD (what a user would pick)
Usage: peers.py [--threads N] [--workloads a,b] [--systems x,y] [--seconds S] [--dims name:n0,...,nL:m]
"""
import argparse, json, os, statistics, sys, time

WORKLOADS = {
    # name: (layer sizes, m)
    "tiny":    ([2, 4, 1], 400),
    "deep":    ([12288, 20, 7, 5, 1], 209),
    "mlp":     ([784, 128, 64, 1], 256),
    "wide":    ([1024, 1024, 1024, 1], 1024),
    "predict1": ([784, 128, 64, 1], 1),
    "chains":   ([4, 32, 16, 4], 10000),
}

def flops_per_step(dims, m):
    macs = sum(dims[i] * dims[i + 1] for i in range(len(dims) - 1))
    return 6 * macs * m  # forward 2, backward 4 (dW and dA_prev), per MAC

def timeit(step, seconds):
    step(); step()
    samples = []
    t_end = time.perf_counter() + seconds
    while time.perf_counter() < t_end or len(samples) < 5:
        n = 1
        t0 = time.perf_counter(); step(); el = time.perf_counter() - t0
        if el < 1e-3:
            n = max(1, int(1e-3 / max(el, 1e-7)))
            t0 = time.perf_counter()
            for _ in range(n): step()
            el = time.perf_counter() - t0
        samples.append(el / n)
    return statistics.median(samples) * 1e6, len(samples)

def numpy_step_factory(dims, m, dtype, predict_only):
    import numpy as np
    rng = np.random.default_rng(1)
    X = rng.random((dims[0], m)).astype(dtype)
    Y = (rng.random((1, m)) > 0.5).astype(dtype)
    P = []
    for l in range(1, len(dims)):
        W = (rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2.0 / dims[l - 1])).astype(dtype)
        b = np.zeros((dims[l], 1), dtype=dtype)
        P.append([W, b])
    L = len(P); lr = dtype(0.0075)
    def forward():
        A = X; caches = []
        for l, (W, b) in enumerate(P):
            Z = W @ A + b
            caches.append((Z, A))
            A = 1 / (1 + np.exp(-Z)) if l == L - 1 else np.maximum(Z, 0)
        return A, caches
    def step():
        AL, caches = forward()
        if predict_only:
            return
        cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
        dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        for l in reversed(range(L)):
            Z, A_prev = caches[l]; W, b = P[l]
            if l == L - 1:
                s = 1 / (1 + np.exp(-Z)); dZ = dA * s * (1 - s)
            else:
                dZ = dA * (Z > 0)
            dW = (1 / m) * (dZ @ A_prev.T)
            db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
            dA = W.T @ dZ
            P[l][0] = W - lr * dW
            P[l][1] = b - lr * db
        return cost
    return step

def numpy_chains_factory(dims, m, dtype):
    """tanh hidden layers, linear output, J = (1/2m) sum ||A - Y||^2, one Adam step (bias-corrected) per call."""
    import numpy as np
    rng = np.random.default_rng(1)
    X = rng.random((dims[0], m)).astype(dtype); Y = rng.random((dims[-1], m)).astype(dtype)
    P = [[(rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(1.0 / dims[l - 1])).astype(dtype),
          np.zeros((dims[l], 1), dtype=dtype)] for l in range(1, len(dims))]
    V = [[np.zeros_like(W), np.zeros_like(b)] for W, b in P]; S = [[np.zeros_like(W), np.zeros_like(b)] for W, b in P]
    L = len(P); lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8; t = [0]
    def step():
        A = X; caches = []
        for l, (W, b) in enumerate(P):
            Z = W @ A + b; caches.append((A, Z)); A = Z if l == L - 1 else np.tanh(Z)
        cost = 0.5 * np.sum((A - Y) ** 2) / m
        dZ = A - Y; t[0] += 1
        for l in reversed(range(L)):
            A_prev, Z = caches[l]; W, b = P[l]
            dW = (dZ @ A_prev.T) / m; db = np.sum(dZ, axis=1, keepdims=True) / m
            if l > 0:
                dZ = (W.T @ dZ) * (1 - A_prev ** 2)
            for i, g in enumerate((dW, db)):
                V[l][i] = b1 * V[l][i] + (1 - b1) * g; S[l][i] = b2 * S[l][i] + (1 - b2) * g * g
                vh = V[l][i] / (1 - b1 ** t[0]); sh = S[l][i] / (1 - b2 ** t[0])
                P[l][i] = P[l][i] - (lr * vh / (np.sqrt(sh) + eps)).astype(dtype)
        return cost
    return step

def torch_chains_factory(dims, m):
    import torch
    torch.manual_seed(1)
    layers = []
    for l in range(1, len(dims)):
        layers.append(torch.nn.Linear(dims[l - 1], dims[l]))
        if l < len(dims) - 1:
            layers.append(torch.nn.Tanh())
    net = torch.nn.Sequential(*layers)
    X = torch.rand(m, dims[0]); Y = torch.rand(m, dims[-1])
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    def step():
        opt.zero_grad(set_to_none=True)
        loss = 0.5 * ((net(X) - Y) ** 2).sum() / m
        loss.backward()
        opt.step()
    return step

def torch_step_factory(dims, m, predict_only):
    import torch
    torch.manual_seed(1)
    layers = []
    for l in range(1, len(dims)):
        layers.append(torch.nn.Linear(dims[l - 1], dims[l]))
        layers.append(torch.nn.ReLU() if l < len(dims) - 1 else torch.nn.Sigmoid())
    net = torch.nn.Sequential(*layers)
    X = torch.rand(m, dims[0]); Y = (torch.rand(m, 1) > 0.5).float()
    opt = torch.optim.SGD(net.parameters(), lr=0.0075)
    loss_fn = torch.nn.BCELoss()
    if predict_only:
        def step():
            with torch.no_grad():
                net(X)
        return step
    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(X), Y)
        loss.backward()
        opt.step()
    return step

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workloads", default=None, help="comma-separated names (default: all, or only the --dims ones)")
    ap.add_argument("--systems", default="numpy-f64,numpy-f32,torch-f32")
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--dims", help="extra workload 'name:n0,n1,...,nL:m' (may repeat)", action="append", default=[])
    a = ap.parse_args()
    extra = []
    for spec in a.dims:
        name, dims, m = spec.split(":")
        WORKLOADS[name] = ([int(x) for x in dims.split(",")], int(m)); extra.append(name)
    if a.workloads is None:
        a.workloads = ",".join(extra) if extra else ",".join(WORKLOADS)
    import numpy as np
    try:
        import threadpoolctl; threadpoolctl.threadpool_limits(a.threads)
    except ImportError:
        pass
    for w in a.workloads.split(","):
        dims, m = WORKLOADS[w]
        predict_only = w.startswith("predict")
        for s in a.systems.split(","):
            if w == "chains":
                if s.startswith("numpy"):
                    step = numpy_chains_factory(dims, m, np.float64 if s.endswith("f64") else np.float32)
                else:
                    import torch; torch.set_num_threads(a.threads)
                    step = torch_chains_factory(dims, m)
            elif s.startswith("numpy"):
                step = numpy_step_factory(dims, m, np.float64 if s.endswith("f64") else np.float32, predict_only)
            else:
                import torch; torch.set_num_threads(a.threads)
                step = torch_step_factory(dims, m, predict_only)
            us, n = timeit(step, a.seconds)
            fl = flops_per_step(dims, m) / (3 if predict_only else 1)
            print(json.dumps({"system": s, "workload": w, "dims": dims, "m": m, "threads": a.threads,
                              "us_per_step": round(us, 2), "gflops": round(fl / us / 1e3, 2), "samples": n}), flush=True)

if __name__ == "__main__":
    main()
