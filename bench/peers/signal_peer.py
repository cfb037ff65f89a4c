#!/usr/bin/env python3
"""The numpy/scipy peer of `semg bench signal`: the same workloads, printed as one JSON object.

Features per 8-channel x 200-sample float32 window (fs = 1000 Hz), as a Python user would write them (and as
../shared/peers/bench_features.py measures them): MAV, WL, ZC (|dx| >= 0.01), SSC (>= 1e-4), RMS, MNF, MDF.
  batch:  windows/s over N windows held in one (N, 8, 200) array, 1000 windows per vectorised call, best of 3 passes
  single: median and p99 microseconds for one (1, 8, 200) window per call, 2000 calls
  hudgins: the same for MAV, WL, ZC, SSC only
  tdfd: the same for the lower-limb paper's TD+FD set, the seven plus VAR (sum x^2 / (N-1)), PKF (frequency of the
        largest power bin) and MNP (power summed over the rfft bins / (N/2))
Filter: scipy.signal.sosfilt, 4th-order Butterworth band-pass 20-450 Hz, 8 channels x 100 000 samples, best of 5:
samples per second per channel.

Usage: /usr/bin/python3 bench/peers/signal_peer.py [--windows N]
"""
import argparse
import json
import time

import numpy as np
import scipy.signal

FS = 1000.0


def features(w, spectral=True, full=False):
    d = np.diff(w, axis=-1)
    abs_d = np.abs(d)
    out = [np.abs(w).mean(axis=-1), abs_d.sum(axis=-1),
           ((w[..., :-1] * w[..., 1:] < 0) & (abs_d >= 0.01)).sum(axis=-1),
           ((-d[..., :-1] * d[..., 1:]) >= 1e-4).sum(axis=-1)]
    if spectral:
        out.append(np.sqrt((w * w).mean(axis=-1)))
        spectrum = np.fft.rfft(w, axis=-1)
        power = spectrum.real ** 2 + spectrum.imag ** 2
        freqs = np.fft.rfftfreq(w.shape[-1], d=1.0 / FS).astype(power.dtype)
        total = power.sum(axis=-1)
        out.append((power * freqs).sum(axis=-1) / total)
        out.append(freqs[(np.cumsum(power, axis=-1) < 0.5 * total[..., None]).sum(axis=-1)])
        if full:
            out.append((w * w).sum(axis=-1) / (w.shape[-1] - 1))
            out.append(freqs[np.argmax(power, axis=-1)])
            out.append(total / (w.shape[-1] // 2))
    return np.stack(out, axis=-1).astype(np.float32)


def batch(data, spectral, full):
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for s in range(0, len(data), 1000):
            features(data[s:s + 1000], spectral, full)
        best = min(best, time.perf_counter() - t)
    return len(data) / best


def single(data, spectral, full, calls=2000):
    times = []
    for i in range(calls + 100):
        t = time.perf_counter()
        features(data[i % len(data):i % len(data) + 1], spectral, full)
        times.append(time.perf_counter() - t)
    times = np.array(times[100:]) * 1e6
    return float(np.median(times)), float(np.percentile(times, 99))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--windows", type=int, default=100_000)
    a = p.parse_args()
    rng = np.random.default_rng(1)
    data = rng.standard_normal((a.windows, 8, 200)).astype(np.float32)
    result = {"peer": f"numpy {np.__version__}, scipy {scipy.__version__}"}
    for name, spectral, full in (("tdfd7", True, False), ("hudgins", False, False), ("tdfd", True, True)):
        med, p99 = single(data, spectral, full)
        result[name] = {"windowsPerSecond": batch(data, spectral, full), "singleMedianMicroseconds": med, "singleP99Microseconds": p99}
    sos = scipy.signal.butter(4, [20, 450], btype="bandpass", fs=FS, output="sos")
    x = rng.standard_normal((8, 100_000)).astype(np.float32)
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        scipy.signal.sosfilt(sos, x, axis=-1)
        best = min(best, time.perf_counter() - t)
    result["filter"] = {"samplesPerSecondPerChannel": x.shape[1] / best}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
