#!/usr/bin/env python3
"""Generates the MAT-file fixtures for SemgKit.Pipeline.Tests (Data/Formats/Mat).

Independent implementations: scipy.io.savemat writes values_v6.mat (uncompressed) and values_v7.mat
(compressed); handmade_le.mat / handmade_be.mat are packed byte by byte here with struct, following the
MathWorks "MAT-File Format" Level 5 spec, to cover what scipy never writes (big-endian byte order, a double
array stored as miUINT8/miINT16, UTF-16 char data). expected.json describes every variable as MATLAB sees it
(class, size, column-major values). ninapro_like.mat and biopatrec_like.mat mimic those datasets' layouts.

Run: /usr/bin/python3 tests/golden/mat/make_mat_fixtures.py   (numpy, scipy; deterministic)
"""
import json
import os
import struct
import zlib

import numpy as np
import scipy.io as sio

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = b"MATLAB 5.0 MAT-file, written by SemgKit make_mat_fixtures.py"

CLASS_OF = {
    "float64": "Double", "float32": "Single", "int8": "Int8", "uint8": "UInt8", "int16": "Int16",
    "uint16": "UInt16", "int32": "Int32", "uint32": "UInt32", "int64": "Int64", "uint64": "UInt64",
    "complex128": "Double", "complex64": "Single", "bool": "UInt8",
}


def dims_of(a):
    shape = list(a.shape)
    if len(shape) == 0:
        return [1, 1]
    if len(shape) == 1:
        return [1, shape[0]]
    return shape


def describe(v):
    if isinstance(v, str):
        return {"kind": "char", "dims": [1 if v else 0, len(v)], "rows": [v] if v else []}
    if isinstance(v, dict):
        return {"kind": "struct", "dims": [1, 1], "fields": list(v.keys()),
                "elements": [{k: describe(x) for k, x in v.items()}]}
    a = np.asarray(v)
    if a.dtype.names:  # struct array
        flat = a.reshape(dims_of(a)).flatten(order="F")
        return {"kind": "struct", "dims": dims_of(a), "fields": list(a.dtype.names),
                "elements": [{k: describe(e[k]) for k in a.dtype.names} for e in flat]}
    if a.dtype == object:
        flat = a.reshape(dims_of(a)).flatten(order="F")
        return {"kind": "cell", "dims": dims_of(a), "cells": [describe(x) for x in flat]}
    if a.dtype.kind == "U":
        rows = [str(x) for x in a.reshape(-1)]
        width = max((len(r) for r in rows), default=0)
        return {"kind": "char", "dims": [len(rows), width], "rows": [r.ljust(width) for r in rows]}
    flat = a.reshape(dims_of(a)).flatten(order="F")
    d = {"kind": "numeric", "class": CLASS_OF[str(a.dtype)], "dims": dims_of(a),
         "logical": a.dtype == np.bool_, "real": [float(x) for x in np.real(flat)]}
    if np.iscomplexobj(a):
        d["imag"] = [float(x) for x in np.imag(flat)]
    return d


def scipy_values():
    rng = np.random.default_rng(20240501)
    cell = np.empty((1, 3), dtype=object)
    cell[0, 0] = np.array([[1.0, 2.0]])
    cell[0, 1] = "abc"
    cell[0, 2] = np.array([[7]], dtype=np.int16)
    nested = np.empty((2, 1), dtype=object)
    nested[0, 0] = np.array([[True, False]])
    nested[1, 0] = cell.copy()
    sarr = np.zeros((1, 2), dtype=[("name", object), ("value", object)])
    sarr[0, 0]["name"] = "first"
    sarr[0, 0]["value"] = np.array([[1.5]])
    sarr[0, 1]["name"] = "second"
    sarr[0, 1]["value"] = np.arange(6, dtype=np.float64).reshape(2, 3)
    return {
        "dbl": rng.standard_normal((3, 4)),
        "sgl": rng.standard_normal((2, 5)).astype(np.float32),
        "i8": np.array([[-128, -1, 0, 127]], dtype=np.int8),
        "u8": np.array([[0, 1, 200, 255]], dtype=np.uint8),
        "i16": np.array([[-32768, -2], [3, 32767]], dtype=np.int16),
        "u16": np.array([[0, 65535]], dtype=np.uint16),
        "i32": np.array([[-2147483648, 5, 2147483647]], dtype=np.int32),
        "u32": np.array([[0, 4294967295]], dtype=np.uint32),
        "i64": np.array([[-(2 ** 40), 3]], dtype=np.int64),
        "u64": np.array([[2 ** 40, 9]], dtype=np.uint64),
        "scalar": np.array([[42.5]]),
        "cplx": np.array([[1 + 2j, -3.5 + 0j], [0 - 1j, 4 + 4j]]),
        "logi": np.array([[True, False, True], [False, False, True]]),
        "str": "hello EMG",
        "charmat": np.array(["abc", "xyz"]),
        "emptydbl": np.zeros((0, 0)),
        "emptycols": np.zeros((0, 3)),
        "emptystr": "",
        "cube": np.arange(24, dtype=np.float64).reshape(2, 3, 4),
        "cube16": np.arange(-6, 6, dtype=np.int16).reshape(3, 2, 2),
        "cell": cell,
        "nested": nested,
        "st": {"a": np.array([[1.0, 2.0, 3.0]]), "b": "text", "c": {"inner": np.array([[5]], dtype=np.uint8)}},
        "sarr": sarr,
    }


# ---- hand-packed Level 5 elements (independent of scipy and of SemgKit) ----

def element(e, mi, payload, small_ok=True):
    if small_ok and 0 < len(payload) <= 4:
        return struct.pack(e + "I", (len(payload) << 16) | mi) + payload.ljust(4, b"\0")
    pad = (-len(payload)) % 8
    return struct.pack(e + "II", mi, len(payload)) + payload + b"\0" * pad


def matrix(e, name, cls, dims, parts, flags=0):
    body = element(e, 6, struct.pack(e + "II", cls | flags, 0))
    body += element(e, 5, struct.pack(e + "%di" % len(dims), *dims))
    body += element(e, 1, name.encode("ascii"))
    for p in parts:
        body += p
    return struct.pack(e + "II", 14, len(body)) + body


def handmade(e):
    header = HEADER.ljust(116, b" ") + b"\0" * 8
    header += struct.pack(e + "H", 0x0100) + (b"IM" if e == "<" else b"MI")
    out = header
    # class double stored as miUINT8 (MATLAB's space saving)
    out += matrix(e, "asu8", 6, [1, 5], [element(e, 2, bytes([0, 1, 2, 250, 255]))])
    # class double stored as miINT16
    out += matrix(e, "asi16", 6, [2, 2], [element(e, 3, struct.pack(e + "4h", -300, 7, 1000, -1))])
    # small data element form for a 1x1 single and a 1x2 int16
    out += matrix(e, "small", 7, [1, 1], [element(e, 7, struct.pack(e + "f", 2.5))])
    out += matrix(e, "smalli16", 10, [1, 2], [element(e, 3, struct.pack(e + "2h", -5, 6))])
    # char as miUINT16 (MATLAB's own encoding) and as miUTF16
    out += matrix(e, "name", 4, [1, 4], [element(e, 4, "Emg\u00e9".encode("utf-16-le" if e == "<" else "utf-16-be"))])
    # complex double with the imaginary part stored as miINT8
    out += matrix(e, "z", 6, [1, 2], [element(e, 9, struct.pack(e + "2d", 1.25, -2.0)), element(e, 1, struct.pack("2b", 3, -4))], flags=0x0800)
    # global logical
    out += matrix(e, "g", 9, [1, 3], [element(e, 2, bytes([1, 0, 1]))], flags=0x0400 | 0x0200)
    # a compressed variable
    inner = matrix(e, "packed", 6, [1, 3], [element(e, 9, struct.pack(e + "3d", 0.5, 1.5, 2.5))])
    comp = zlib.compress(inner)
    out += struct.pack(e + "II", 15, len(comp)) + comp
    return out


HANDMADE_EXPECTED = {
    "asu8": {"kind": "numeric", "class": "Double", "dims": [1, 5], "logical": False, "real": [0, 1, 2, 250, 255]},
    "asi16": {"kind": "numeric", "class": "Double", "dims": [2, 2], "logical": False, "real": [-300, 7, 1000, -1]},
    "small": {"kind": "numeric", "class": "Single", "dims": [1, 1], "logical": False, "real": [2.5]},
    "smalli16": {"kind": "numeric", "class": "Int16", "dims": [1, 2], "logical": False, "real": [-5, 6]},
    "name": {"kind": "char", "dims": [1, 4], "rows": ["Emg\u00e9"]},
    "z": {"kind": "numeric", "class": "Double", "dims": [1, 2], "logical": False, "real": [1.25, -2.0], "imag": [3, -4]},
    "g": {"kind": "numeric", "class": "UInt8", "dims": [1, 3], "logical": True, "real": [1, 0, 1], "global": True},
    "packed": {"kind": "numeric", "class": "Double", "dims": [1, 3], "logical": False, "real": [0.5, 1.5, 2.5]},
}


def ninapro_like():
    """3 movements x 2 repetitions with rest between, 4 channels, 100 Hz (NinaPro DB layout)."""
    rng = np.random.default_rng(7)
    stim, rep = [], []
    stim += [0] * 5; rep += [0] * 5
    for m in (1, 2, 3):
        for r in (1, 2):
            stim += [m] * 6; rep += [r] * 6
            stim += [0] * 4; rep += [0] * 4
    n = len(stim)
    emg = rng.standard_normal((n, 4)) * 1e-3
    return {
        "emg": emg,
        "restimulus": np.array(stim, dtype=np.uint8).reshape(-1, 1),
        "rerepetition": np.array(rep, dtype=np.uint8).reshape(-1, 1),
        "stimulus": np.array(stim, dtype=np.uint8).reshape(-1, 1),
        "repetition": np.array(rep, dtype=np.uint8).reshape(-1, 1),
        "frequency": np.array([[100.0]]),
        "subject": np.array([[3.0]]),
    }


def biopatrec_like():
    """recSession with sF = 200 Hz, 2 movements, nR = 2, cT = rT = 0.1 s, 3 channels."""
    sf, nr, ct, rt, ch = 200.0, 2, 0.1, 0.1, 3
    samples = int(round(nr * (ct + rt) * sf))  # 80
    tdata = np.zeros((samples, ch, 2))
    for m in range(2):
        for c in range(ch):
            tdata[:, c, m] = np.arange(samples) + 1000 * c + 100000 * m
    mov = np.empty((2, 1), dtype=object)
    mov[0, 0] = "Open Hand"
    mov[1, 0] = "Close Hand"
    rec = {"sF": np.array([[sf]]), "sT": np.array([[nr * (ct + rt)]]), "cT": np.array([[ct]]), "rT": np.array([[rt]]),
           "nM": np.array([[2.0]]), "nR": np.array([[float(nr)]]), "nCh": np.array([[float(ch)]]),
           "mov": mov, "tdata": tdata, "dev": "ADS1299"}
    return {"recSession": rec}


def check_against_loadmat(path, values):
    back = sio.loadmat(path, squeeze_me=False, chars_as_strings=False)
    for k, v in values.items():
        if isinstance(v, np.ndarray) and v.dtype.kind in "fiucb":
            got = back[k]
            assert list(got.shape) == dims_of(v), (k, got.shape, dims_of(v))
            assert np.array_equal(got.reshape(-1, order="F"), v.reshape(dims_of(v)).reshape(-1, order="F")), k


def main():
    values = scipy_values()
    for name, compress in (("values_v6.mat", False), ("values_v7.mat", True)):
        path = os.path.join(HERE, name)
        sio.savemat(path, values, do_compression=compress, oned_as="row")
        check_against_loadmat(path, values)
    for name, e in (("handmade_le.mat", "<"), ("handmade_be.mat", ">")):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(handmade(e))
        back = sio.loadmat(os.path.join(HERE, name))
        assert np.array_equal(back["asu8"], [[0, 1, 2, 250, 255]]), name
        assert back["z"][0, 1] == -2 - 4j, name
    sio.savemat(os.path.join(HERE, "ninapro_like.mat"), ninapro_like(), do_compression=True)
    sio.savemat(os.path.join(HERE, "biopatrec_like.mat"), biopatrec_like(), do_compression=False)
    expected = {"values": {k: describe(v) for k, v in values.items()}, "handmade": HANDMADE_EXPECTED}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
