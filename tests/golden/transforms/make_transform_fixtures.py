#!/usr/bin/python3
"""Golden fixtures for SemgKit.Signal transforms, wavelets and onsets, from numpy / scipy / pywt.

Run from anywhere:  /usr/bin/python3 tests/golden/transforms/make_transform_fixtures.py
Writes beside this script (all inputs are seeded float32 signals; references computed in float64 from them):
  rfft.json          numpy.fft.rfft at lengths 1..9, 16, 37, 64, 100, 256, 257
  welch.json         scipy.signal.welch, 2 configs (hann/256/128/density; hamming/100/30/spectrum, detrend none)
  stft.json          scipy.signal.stft (boundary='zeros', padded=True, defaults) with hann and hamming, 256/128
  spectrogram.json   scipy.signal.spectrogram (psd density, psd spectrum, magnitude) with hann and hamming, 256/128
  wavelets.json      pywt filter banks (dec_lo, dec_hi) for db1..db10, sym2..sym10
  dwt.json           pywt.dwt and pywt.wavedec (mode='symmetric') for db1, db4, sym5 at lengths 37 and 64
  wavelet_packet.json  pywt.WaveletPacket(x, w, 'symmetric', maxlevel=L) level-L nodes in natural and freq order
                     (db4 L3 at lengths 200 and 151, sym5 L2, sym8 L4, db1 L3)
  libemg_wavelet.json  LibEMG's WENG, WV, WWL, WENT (feature_extractor.py formulas: sym8, level floor(log2(fs/2)-1))
  tkeo.json          Teager-Kaiser psi[n] = x[n]^2 - x[n-1] x[n+1] with x[-1] = x[N] = 0

With --emit-csharp PATH, also writes the C# table of pywt decomposition low-pass filters embedded in
src/SemgKit.Signal/Wavelets/WaveletCoefficients.cs.
"""
import json
import math
import os
import sys

import numpy as np
import pywt
import scipy
import scipy.signal as sig

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = [f"db{k}" for k in range(1, 11)] + [f"sym{k}" for k in range(2, 11)]


def dump(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, indent=None, separators=(",", ":"))
        f.write("\n")


def r(a):
    return [float(repr(float(v))) for v in np.ravel(a)]


def signal(seed, n, fs=1000.0):
    rng = np.random.default_rng(seed)
    t = np.arange(n) / fs
    return (rng.standard_normal(n) + 0.7 * np.sin(2 * np.pi * 60 * t) + 0.2).astype(np.float32)


def main():
    versions = {"numpy": np.__version__, "scipy": scipy.__version__, "pywt": pywt.__version__}

    cases = []
    for n in list(range(1, 10)) + [16, 37, 64, 100, 256, 257]:
        x = signal(100 + n, n)
        z = np.fft.rfft(x.astype(np.float64))
        cases.append({"n": n, "x": r(x), "re": r(z.real), "im": r(z.imag)})
    dump("rfft.json", {**versions, "cases": cases})

    x = signal(7, 2000)
    fs = 1000.0
    welch = []
    for window, nperseg, noverlap, scaling, detrend in [("hann", 256, 128, "density", "constant"), ("hamming", 100, 30, "spectrum", False)]:
        f, p = sig.welch(x.astype(np.float64), fs=fs, window=window, nperseg=nperseg, noverlap=noverlap, scaling=scaling, detrend=detrend)
        welch.append({"window": window, "nperseg": nperseg, "noverlap": noverlap, "scaling": scaling, "detrend": detrend or "none", "f": r(f), "p": r(p)})
    dump("welch.json", {**versions, "fs": fs, "x": r(x), "cases": welch})

    x = signal(8, 1000)
    stft = []
    for window in ("hann", "hamming"):
        f, t, z = sig.stft(x.astype(np.float64), fs=fs, window=window, nperseg=256, noverlap=128)
        stft.append({"window": window, "nperseg": 256, "noverlap": 128, "f": r(f), "t": r(t), "shape": list(z.shape), "re": r(z.real), "im": r(z.imag)})
    dump("stft.json", {**versions, "fs": fs, "x": r(x), "cases": stft})

    spec = []
    for window in ("hann", "hamming"):
        for mode, scaling in (("psd", "density"), ("psd", "spectrum"), ("magnitude", "density")):
            f, t, s = sig.spectrogram(x.astype(np.float64), fs=fs, window=window, nperseg=256, noverlap=128, mode=mode, scaling=scaling)
            spec.append({"window": window, "nperseg": 256, "noverlap": 128, "mode": mode, "scaling": scaling, "f": r(f), "t": r(t), "shape": list(s.shape), "s": r(s)})
    dump("spectrogram.json", {**versions, "fs": fs, "x": r(x), "cases": spec})

    banks = [{"name": n, "dec_lo": list(pywt.Wavelet(n).dec_lo), "dec_hi": list(pywt.Wavelet(n).dec_hi)} for n in NAMES]
    dump("wavelets.json", {**versions, "wavelets": banks})

    dwt = []
    for name in ("db1", "db4", "sym5"):
        for n in (37, 64):
            x = signal(300 + n, n).astype(np.float64)
            a, d = pywt.dwt(x, name, mode="symmetric")
            levels = pywt.dwt_max_level(n, pywt.Wavelet(name).dec_len)
            dec = pywt.wavedec(x, name, mode="symmetric", level=3)
            dwt.append({"wavelet": name, "x": r(x), "cA": r(a), "cD": r(d), "maxLevel": levels, "wavedecLevel": 3, "wavedec": [r(c) for c in dec]})
    dump("dwt.json", {**versions, "cases": dwt})

    wp_cases = []
    for n, name, level in ((200, "db4", 3), (151, "db4", 3), (200, "sym5", 2), (151, "sym8", 4), (64, "db1", 3)):
        seed = 500 + n if name == "db4" else 700 + n + level
        x = signal(seed, n).astype(np.float64)
        wp = pywt.WaveletPacket(x, name, mode="symmetric", maxlevel=level)
        natural = wp.get_level(level, order="natural")
        freq = wp.get_level(level, order="freq")
        wp_cases.append({"x": r(x), "wavelet": name, "level": level,
                         "natural": {"paths": [nd.path for nd in natural], "data": [r(nd.data) for nd in natural]},
                         "freq": {"paths": [nd.path for nd in freq], "data": [r(nd.data) for nd in freq]}})
    dump("wavelet_packet.json", {**versions, "cases": wp_cases})

    # LibEMG feature_extractor.py getWENGfeat / getWVfeat / getWWLfeat / getWENTfeat on one window per channel
    emg = []
    for n, fs_feat in ((200, 1000), (150, 2000)):
        x = signal(900 + n, n).astype(np.float64)
        order = math.floor(np.log(fs_feat / 2) / np.log(2) - 1)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            coeffs = pywt.wavedec(x, "sym8", level=order)
        weng = [np.log(np.sum(c ** 2) + 1e-10) for c in coeffs]
        wv = [np.log(np.var(c ** 2) + 1e-10) for c in coeffs]
        wwl = [np.log(np.sum(np.abs(np.diff(c ** 2))) + 1e-10) for c in coeffs]
        went = []
        for c in coeffs:
            e = c ** 2
            p = e / np.sum(e)
            went.append(-np.sum(p * np.log(p)))
        emg.append({"x": r(x), "fs": fs_feat, "level": order, "WENG": r(weng), "WV": r(wv), "WWL": r(wwl), "WENT": r(went)})
    dump("libemg_wavelet.json", {**versions, "cases": emg})

    x = signal(11, 300).astype(np.float64)
    xp = np.concatenate(([0.0], x, [0.0]))
    psi = xp[1:-1] ** 2 - xp[:-2] * xp[2:]
    dump("tkeo.json", {**versions, "x": r(x), "psi": r(psi)})

    if len(sys.argv) == 3 and sys.argv[1] == "--emit-csharp":
        emit_csharp(sys.argv[2])


def emit_csharp(path):
    lines = [
        "// <auto-generated> by tests/golden/transforms/make_transform_fixtures.py --emit-csharp from pywt "
        + pywt.__version__ + " (Wavelet(name).dec_lo). Do not edit by hand. </auto-generated>",
        "#nullable enable",
        "namespace SemgKit.Signal.Wavelets;",
        "",
        "/// <summary>Decomposition low-pass filters of pywt's Daubechies and Symlet wavelets, in pywt's <c>dec_lo</c> order.</summary>",
        "internal static class WaveletCoefficients",
        "{",
        "    public static double[]? DecompositionLowPass(string name) => name switch",
        "    {",
    ]
    for n in NAMES:
        vals = ", ".join(repr(float(v)) for v in pywt.Wavelet(n).dec_lo)
        lines.append(f'        "{n}" => [{vals}],')
    lines += ["        _ => null,", "    };", "}", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
