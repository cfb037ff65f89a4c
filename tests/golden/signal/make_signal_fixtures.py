#!/usr/bin/python3
"""Golden fixtures for SemgKit.Signal filters, from scipy.signal (an independent implementation).

Run from anywhere:  /usr/bin/python3 tests/golden/signal/make_signal_fixtures.py
Writes beside this script:
  butter_sos.json    scipy.signal.butter(N, Wn, btype, fs=fs, output='sos') for several orders (odd and even),
                     types and rates
  iirnotch.json      scipy.signal.iirnotch(f0, Q, fs) as one section [b0 b1 b2 1 a1 a2]
  sosfilt.json       a seeded float32 random signal (3 channels x 1000 samples) and, per filter,
                     scipy.signal.sosfilt and scipy.signal.sosfiltfilt (default padding) of each channel,
                     computed in float64 from the float32 input, written to 9 significant digits
"""
import json
import os

import numpy as np
import scipy
import scipy.signal as sig

HERE = os.path.dirname(os.path.abspath(__file__))


def dump(name, obj, indent=1):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, indent=indent)
        f.write("\n")


def g9(a):
    """Signals to 9 significant digits (exact for the float32 input; far below the 1e-5 test tolerance)."""
    return [[float(f"{v:.9g}") for v in row] for row in np.asarray(a)]


def butter_cases():
    cases = []
    for fs in (200.0, 1000.0, 2048.0):
        for order in (1, 2, 3, 4, 5, 8):
            cases.append(("lowpass", order, [0.3 * fs / 2]))
            cases.append(("highpass", order, [20.0]))
            cases.append(("bandpass", order, [20.0, 0.45 * fs]))
            # Not centred on fs/4: a band symmetric about fs/4 gives mirror-image poles whose section order scipy
            # decides by last-bit rounding of np.abs (same filter, different order), which no port can reproduce.
            cases.append(("bandstop", order, [0.18 * fs, 0.31 * fs]))
        yield from ((btype, order, wn, fs) for btype, order, wn in cases)
        cases = []


def main():
    butter = []
    for btype, order, wn, fs in butter_cases():
        sos = sig.butter(order, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs, output="sos")
        butter.append({"btype": btype, "order": order, "wnHz": wn, "fsHz": fs, "sos": sos.tolist()})
    dump("butter_sos.json", {"scipy": scipy.__version__, "cases": butter})

    notches = []
    for f0, q, fs in [(50.0, 30.0, 1000.0), (60.0, 30.0, 1000.0), (50.0, 10.0, 200.0), (150.0, 35.0, 2048.0), (450.0, 30.0, 1000.0)]:
        b, a = sig.iirnotch(f0, q, fs=fs)
        notches.append({"f0Hz": f0, "q": q, "fsHz": fs, "sos": [list(b) + list(a)]})
    dump("iirnotch.json", {"scipy": scipy.__version__, "cases": notches})

    rng = np.random.default_rng(20240611)
    channels, n, fs = 3, 1000, 1000.0
    t = np.arange(n) / fs
    x = (rng.standard_normal((channels, n)) + 0.5 * np.sin(2 * np.pi * 50 * t) + 0.3).astype(np.float32)
    filters = {
        "butter_bandpass_4_20_450": sig.butter(4, [20, 450], btype="bandpass", fs=fs, output="sos"),
        "butter_highpass_3_20": sig.butter(3, 20, btype="highpass", fs=fs, output="sos"),
        "butter_lowpass_5_100": sig.butter(5, 100, btype="lowpass", fs=fs, output="sos"),
        "iirnotch_50_30": np.array([np.concatenate(sig.iirnotch(50, 30, fs=fs))]),
    }
    out = []
    for name, sos in filters.items():
        x64 = x.astype(np.float64)
        out.append({
            "name": name,
            "sos": sos.tolist(),
            "sosfilt": g9(sig.sosfilt(sos, x64, axis=-1)),
            "sosfiltfilt": g9(sig.sosfiltfilt(sos, x64, axis=-1)),
            "sosfilt_zi": sig.sosfilt_zi(sos).tolist(),
        })
    dump("sosfilt.json", {"scipy": scipy.__version__, "fsHz": fs, "input": g9(x), "filters": out}, indent=None)


if __name__ == "__main__":
    main()
