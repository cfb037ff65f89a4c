#!/usr/bin/python3
"""Peer for bench/SemgKit.Benchmarks/SvmBenchmarks.cs: scikit-learn SVC(kernel='rbf', C=10, gamma='scale')
on the 'emg4' set of /work/shared/peers/bench_sklearn.py (same generator, same seed: 20 000 training and
2 000 test vectors, d = 32, 4 classes, sep = 0.5, float64).

  /usr/bin/python3 bench/peers/bench_svm_peer.py [--save /tmp/semgkit_svm_emg4.bin] [--repeats 3]

--save writes the data for the C# benchmark (which reads it when present, from SEMGKIT_SVM_DATA or
/tmp/semgkit_svm_emg4.bin): int32 n_train, n_test, d, then float32 x_train (row-major), int32 y_train,
float32 x_test, int32 y_test, little-endian. The data are generated, never committed.

Prints fit time (median of repeats), test accuracy, support vectors, batch predict µs/sample and
single-sample predict latency (median over 1000 calls of predict on a (1, d) array).
"""
import argparse
import json
import statistics
import time

import numpy as np
import sklearn
from sklearn.svm import SVC

N, D, K, SEP, N_TEST, SEED = 20_000, 32, 4, 0.5, 2_000, 0


def gaussian_clusters(n, d, classes, sep, seed):
    # identical to bench_sklearn.py
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, sep, size=(classes, d))
    y = rng.integers(0, classes, size=n)
    x = centres[y] + rng.normal(0.0, 1.0, size=(n, d))
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--save")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    x, y = gaussian_clusters(N + N_TEST, D, K, SEP, SEED)
    xtr, ytr, xte, yte = x[:N], y[:N], x[N:], y[N:]
    if args.save:
        with open(args.save, "wb") as fh:
            np.array([N, N_TEST, D], dtype="<i4").tofile(fh)
            xtr.astype("<f4").tofile(fh)
            ytr.astype("<i4").tofile(fh)
            xte.astype("<f4").tofile(fh)
            yte.astype("<i4").tofile(fh)
    fits = []
    model = None
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        model = SVC(kernel="rbf", C=10, gamma="scale").fit(xtr, ytr)
        fits.append(time.perf_counter() - t0)
    acc = float((model.predict(xte) == yte).mean())
    t0 = time.perf_counter()
    model.predict(xte)
    batch = (time.perf_counter() - t0) / N_TEST * 1e6
    singles = []
    for i in range(1020):
        row = xte[i % N_TEST:i % N_TEST + 1]
        t0 = time.perf_counter_ns()
        model.predict(row)
        if i >= 20:
            singles.append((time.perf_counter_ns() - t0) / 1e3)
    print(json.dumps({"sklearn": sklearn.__version__, "fit_s": fits, "fit_median_s": statistics.median(fits),
                      "test_accuracy": acc, "support_vectors": int(model.n_support_.sum()),
                      "n_support": [int(v) for v in model.n_support_],
                      "batch_predict_us_per_sample": batch,
                      "single_predict_median_us": statistics.median(singles)}, indent=1))


if __name__ == "__main__":
    main()
