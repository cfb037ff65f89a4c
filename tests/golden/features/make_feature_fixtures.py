#!/usr/bin/python3
"""Reference values for SemgKit features that LibEMG's MATLAB files do not cover.

Run: /usr/bin/python3 tests/golden/features/make_feature_fixtures.py   (numpy only)

Input: a seeded synthetic integer-valued 8-channel signal (Myo-like, 500 samples, amplitude-modulated noise with
correlated channels), written frame-major to input.csv. Windows: 200 samples, step 25 (13 windows), fs = 1000 Hz.
Each numpy_<CODE>.csv has one row per window and channel-major columns (all values of channel 1, then channel 2, ...);
ICC has one column per channel pair (1-2, 1-3, ..., 7-8).

The definitions below are written independently from the C# kernels, straight from the papers / LibEMG:
ISD, COR, MDIFF, MLK: LibEMG feature_extractor.py.
ACT, MOB, COMP: Hjorth 1970 with first differences, mean squares over their own lengths (LibEMG's COMP is wrong).
DFTR: He et al. 2015 bands as LibEMG (mean |FFT/N| over bins strictly inside each band, ^(2/3)).
PKF: frequency of the largest bin of LibEMG's one-sided power spectrum (nfft = nextpow2(N), bins 0..nfft/2-1).
CARD: 1 + number of gaps > threshold (0) between sorted samples (BioPatRec tcard).
HFD: Higuchi 1988, kmax = 10, least squares of ln L(k) on ln(1/k).
KFD: Katz 1988 with amplitude distances: log10(n)/(log10(n)+log10(d/L)).
ICC: Pearson correlation of each channel pair (numpy.corrcoef).
FUZZYEN: LibEMG's Python loop (template mean removal, exp(-d^2/r)), r = 0.3 * sample SD (ddof=1).
SAMPEN: LibEMG's Python loop with the sample SD (ddof=1), which reproduces LibEMG's MATLAB reference.
"""
import math
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FS = 1000.0
N, STEP, C, T = 200, 25, 8, 500
EPS = np.spacing(1)

rng = np.random.default_rng(20240611)
mix = rng.normal(size=(C, C)) * 0.4 + np.eye(C)
src = rng.normal(size=(C, T)) * (1 + 3 * np.abs(np.sin(np.arange(T) / 60.0)))
x = np.round(mix @ src * 4.0)
np.savetxt(os.path.join(HERE, "input.csv"), x.T, fmt="%d", delimiter=",")

windows = np.stack([x[:, s:s + N] for s in range(0, T - N + 1, STEP)])  # (W, C, N)


def save(code, values):
    values = np.asarray(values, dtype=float)
    values = values.reshape(values.shape[0], -1)
    np.savetxt(os.path.join(HERE, f"numpy_{code}.csv"), values, fmt="%.10g", delimiter=",")


def per_channel(fn):
    return np.array([[np.atleast_1d(fn(windows[w, c])) for c in range(C)] for w in range(windows.shape[0])])


d1 = lambda v: np.diff(v)
d2 = lambda v: np.diff(v, 2)
save("ISD", per_channel(lambda v: np.sum(v ** 2)))
save("MDIFF", per_channel(lambda v: np.sum(d1(v) ** 2) / len(v)))
save("COR", per_channel(lambda v: (np.sum(d1(v) ** 2) / len(v)) / ((np.sum(d2(v) ** 2) / len(v)) * np.sum(v ** 2))))
save("MLK", per_channel(lambda v: np.log(np.sum(np.abs(v)) + EPS) / len(v)))
save("ACT", per_channel(lambda v: np.mean(v ** 2)))
save("MOB", per_channel(lambda v: np.sqrt(np.mean(d1(v) ** 2) / np.mean(v ** 2))))
save("COMP", per_channel(lambda v: np.sqrt(np.mean(d2(v) ** 2) / np.mean(d1(v) ** 2)) / np.sqrt(np.mean(d1(v) ** 2) / np.mean(v ** 2))))


def spectrum(v):
    nfft = 2 ** math.ceil(math.log2(len(v)))
    spec = np.fft.fft(v, nfft) / len(v)
    f = np.fft.fftfreq(nfft) * FS
    return np.real(spec * np.conj(spec))[: nfft // 2], f[: nfft // 2]


def dftr(v):
    p, f = spectrum(v)
    mag = np.sqrt(p)
    edges = [20, 92, 163, 235, 305, 378, 450]
    out = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        if hi < FS / 2:
            sel = (f > lo) & (f < hi)
            out.append((np.sum(mag[sel]) / np.sum(sel)) ** (2 / 3))
    return out


save("DFTR", per_channel(dftr))
save("PKF", per_channel(lambda v: spectrum(v)[1][np.argmax(spectrum(v)[0])]))
save("CARD", per_channel(lambda v: 1 + np.sum(np.diff(np.sort(v)) > 0)))


def higuchi(v, kmax=10):
    n = len(v)
    lk = []
    for k in range(1, kmax + 1):
        lm = []
        for m in range(k):
            idx = np.arange(m, n, k)
            cnt = len(idx) - 1
            lm.append(np.sum(np.abs(np.diff(v[idx]))) * (n - 1) / (cnt * k) / k)
        lk.append(np.mean(lm))
    slope, _ = np.polyfit(np.log(1.0 / np.arange(1, kmax + 1)), np.log(lk), 1)
    return slope


save("HFD", per_channel(higuchi))


def katz(v):
    length = np.sum(np.abs(np.diff(v)))
    extent = np.max(np.abs(v - v[0]))
    n = len(v) - 1
    return np.log10(n) / (np.log10(n) + np.log10(extent / length))


save("KFD", per_channel(katz))
save("ICC", np.array([[np.corrcoef(windows[w])[i, j] for i in range(C) for j in range(i + 1, C)] for w in range(windows.shape[0])]))


def fuzzyen(v, m=2, r=0.3, n_pow=2):
    tol = r * np.std(v, ddof=1)
    n = len(v)
    res = []
    for mm in (m, m + 1):
        pats = np.array([v[k:n - mm + k + 1] for k in range(mm)])
        pats = pats - pats.mean(axis=0)
        phi = np.zeros(n - mm)
        for k in range(n - mm):
            dist = np.max(np.abs(pats - pats[:, k:k + 1]), axis=0)
            phi[k] = (np.sum(np.exp(-(dist ** n_pow) / tol)) - 1) / (n - mm - 1)
        res.append(np.sum(phi) / (n - mm))
    return np.log((res[0] + EPS) / (res[1] + EPS))


def sampen(v, m=2, r=0.3):
    s = (v - v.mean()) / np.std(v, ddof=1)
    n = len(v)
    res = []
    for mm in (m, m + 1):
        pats = np.array([s[k:n - mm + k + 1] for k in range(mm)])
        count = np.zeros(n - mm)
        for k in range(n - mm):
            dist = np.max(np.abs(pats - pats[:, k:k + 1]), axis=0)
            count[k] = np.sum(dist <= r) - 1
        res.append(np.mean(count / (n - m - 1)))
    return np.log((res[0] + EPS) / (res[1] + EPS))


save("FUZZYEN", per_channel(fuzzyen))
save("SAMPEN", per_channel(sampen))
print("wrote", sorted(f for f in os.listdir(HERE) if f.endswith(".csv")))
