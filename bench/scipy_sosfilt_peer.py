#!/usr/bin/python3
"""Peer timing for SignalBenchmarks: scipy.signal.sosfilt and a numpy Hudgins on the same shapes.

Run: /usr/bin/python3 bench/scipy_sosfilt_peer.py
"""
import timeit

import numpy as np
import scipy.signal as sig

rng = np.random.default_rng(1)
x = rng.uniform(-1, 1, (8, 10_000))
sos = sig.butter(4, [20, 450], btype="bandpass", fs=1000, output="sos")
xf = np.ascontiguousarray(x.T)  # frame-major


def best(stmt, number):
    return min(timeit.repeat(stmt, number=number, repeat=7)) / number


print(f"sosfilt (8, 10000) float64 axis=-1: {best(lambda: sig.sosfilt(sos, x, axis=-1), 20) * 1e6:.0f} us")
print(f"sosfilt (10000, 8) float64 axis=0 : {best(lambda: sig.sosfilt(sos, xf, axis=0), 20) * 1e6:.0f} us")
x32 = x.astype(np.float32)
print(f"sosfilt (8, 10000) float32 axis=-1: {best(lambda: sig.sosfilt(sos, x32, axis=-1), 20) * 1e6:.0f} us")

w = x32[:, :200][None]


def hudgins(w, zc_t=0.01, ssc_t=1e-4):
    d = np.diff(w, axis=-1)
    abs_d = np.abs(d)
    mav = np.abs(w).mean(axis=-1)
    wl = abs_d.sum(axis=-1)
    zc = ((w[..., :-1] * w[..., 1:] < 0) & (abs_d >= zc_t)).sum(axis=-1)
    ssc = ((-d[..., :-1] * d[..., 1:]) >= ssc_t).sum(axis=-1)
    return np.stack([mav, wl, zc, ssc], axis=-1)


print(f"numpy Hudgins one (1, 8, 200) window: {best(lambda: hudgins(w), 2000) * 1e6:.1f} us")
starts = range(0, 10_000 - 200 + 1, 25)
ws = np.stack([x32[:, s:s + 200] for s in starts])
print(f"numpy Hudgins {len(ws)} windows (vectorised): {best(lambda: hudgins(ws), 20) * 1e6:.0f} us")
