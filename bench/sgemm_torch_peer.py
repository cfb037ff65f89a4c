#!/usr/bin/python3
"""Peer timing for SgemmBenchmarks: torch.matmul (OpenBLAS) on the same shapes, 1 and 2 threads, best of several runs.

Run: LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/sgemm_torch_peer.py
"""
import time

import torch

SHAPES = [  # name, M, N, K, B stored N×K
    ("0064³", 64, 64, 64, False),
    ("0128³", 128, 128, 128, False),
    ("0256³", 256, 256, 256, False),
    ("0512³", 512, 512, 512, False),
    ("1024³", 1024, 1024, 1024, False),
    ("conv im2col 64×1022×24", 64, 1022, 24, False),
    ("dense 1×1260→600", 1, 600, 1260, False),
    ("dense 1×1260→600 Wᵀ", 1, 600, 1260, True),
    ("dense 1×600→100", 1, 100, 600, False),
    ("dense 64×1260→600 Wᵀ", 64, 600, 1260, True),
]


def best_seconds(fn, flops, repeat=7):
    inner = max(1, int(2e8 / flops))
    fn()
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(inner):
            fn()
        best = min(best, (time.perf_counter() - t) / inner)
    return best


torch.manual_seed(42)
torch.matmul(torch.rand(64, 64), torch.rand(64, 64))
with open("/proc/self/maps") as maps:
    blas = sorted({line.split()[-1] for line in maps if "blas" in line.lower()})
print(f"torch {torch.__version__}, BLAS libraries loaded: {', '.join(blas) or 'none found'}")
for threads in (1, 2):
    torch.set_num_threads(threads)
    for name, m, n, k, tb in SHAPES:
        a = torch.rand(m, k) - 0.5
        b = (torch.rand(n, k) - 0.5) if tb else (torch.rand(k, n) - 0.5)
        out = torch.empty(m, n)
        bb = b.t() if tb else b
        flops = 2.0 * m * n * k
        s = best_seconds(lambda: torch.matmul(a, bb, out=out), flops)
        print(f"{name:24s} threads={threads}  {s * 1e6:10.2f} us  {flops / s / 1e9:7.1f} GFLOP/s")
