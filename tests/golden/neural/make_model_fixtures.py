#!/usr/bin/python3
"""Golden fixtures for the named CNN architectures of SemgKit.Neural (src/SemgKit.Neural/Models) from PyTorch 1.13.

Run from anywhere with the system interpreter (needs only python3-torch; no other file of the repository):
    /usr/bin/python3 tests/golden/neural/make_model_fixtures.py
Writes models.json beside this script.

The model classes are copies of shared/peers/models.py (Cnn1d, SpectroCnn) with the input size made a parameter
(models.py fixes T = 1022 and 129 x 30; small inputs keep the fixture small), plus LightCnn, the PyTorch twin of the
C# light-cnn (designed in SemgKit, not in models.py). Per model: weights (float32 values), a small batch, the
training-mode output, the running statistics after that step, the eval-mode output, and every parameter gradient of
L = sum(output * grad_output). Weights, inputs and upstream gradients are float32 values; PyTorch computes in float64.
Tensors are stored in state_dict order as base64 little-endian float64 (exact).
"""
import base64
import json
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


class Cnn1dFeatures(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(channels, 64, kernel_size=3), nn.BatchNorm1d(64), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(64, 32, kernel_size=3), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(32, 10, kernel_size=3), nn.BatchNorm1d(10), nn.ReLU(), nn.MaxPool1d(2),
        )

    def forward(self, x):
        return self.body(x)


class Cnn1d(nn.Module):
    """models.py's Cnn1d with the flattened size computed from the window length (10 * 126 for T = 1022)."""

    def __init__(self, channels, length, classes):
        super().__init__()
        t = length
        for _ in range(3):
            t = (t - 2) // 2
        self.features = Cnn1dFeatures(channels)
        self.head = nn.Sequential(
            nn.Flatten(),
            nn.Linear(10 * t, 600), nn.ReLU(),
            nn.Linear(600, 100), nn.ReLU(),
            nn.Linear(100, classes),
        )

    def forward(self, x):
        return self.head(self.features(x))


class SpectroCnn(nn.Module):
    """models.py's SpectroCnn with the flattened size computed from the spectrogram shape (64*16*3 for 129 x 30)."""

    def __init__(self, channels, bins, frames, classes):
        super().__init__()

        def block(cin, cout):
            return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2))

        h, w = bins, frames
        for _ in range(3):
            h, w = h // 2, w // 2
        self.body = nn.Sequential(block(channels, 32), block(32, 64), block(64, 64))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(64 * h * w, classes))

    def forward(self, x):
        return self.head(self.body(x))


class LightCnn(nn.Module):
    """SemgKit's light-cnn: two Conv1d-BN-ReLU-MaxPool2 blocks (32, 64 filters, k=5), a 1x1 conv head, global average pooling."""

    def __init__(self, channels, classes):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(channels, 32, 5), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(32, 64, 5), nn.BatchNorm1d(64), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(64, classes, 1),
        )

    def forward(self, x):
        return self.body(x).mean(dim=2)


def f32(t):
    return t.float().double()


def enc(t):
    t = t.detach().double().contiguous()
    return {"shape": list(t.shape), "f64": base64.b64encode(t.numpy().astype("<f8").tobytes()).decode("ascii")}


def case(seed, name, make, input_shape, spec):
    torch.manual_seed(seed)
    module = make().double()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(p))  # PyTorch's default init, rounded to float32
        for m in module.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.weight.copy_(f32(torch.rand_like(m.weight) + 0.5))
                m.bias.copy_(f32(torch.randn_like(m.bias) * 0.1))
    state = [(k, v.clone()) for k, v in module.state_dict().items() if not k.endswith("num_batches_tracked")]
    x = f32(torch.randn(*input_shape))
    module.train()
    y = module(x)
    gy = f32(torch.randn(*y.shape))
    (y * gy).sum().backward()
    after = [(k, v.clone()) for k, v in module.state_dict().items() if "running" in k]
    module.eval()
    with torch.no_grad():
        y_eval = module(x)
    return {
        "name": name,
        "spec": spec,
        "parameter_count": sum(p.numel() for p in module.parameters()),
        "state": [{"name": k, **enc(v)} for k, v in state],
        "input": enc(x),
        "output": enc(y),
        "grad_output": enc(gy),
        "grads": [{"name": k, **enc(p.grad)} for k, p in module.named_parameters()],
        "buffers_after": [{"name": k, **enc(v)} for k, v in after],
        "eval_output": enc(y_eval),
    }


def reference_counts():
    """Parameter counts of the reference setups (the peers' shapes), for the C# count test."""
    return {
        "cnn1d": sum(p.numel() for p in Cnn1d(8, 1022, 4).parameters()),
        "spectrogram-cnn": sum(p.numel() for p in SpectroCnn(16, 129, 30, 3).parameters()),
        "light-cnn": sum(p.numel() for p in LightCnn(8, 4).parameters()),
    }


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    cases = [
        case(1, "cnn1d", lambda: Cnn1d(3, 62, 4), (3, 3, 62), {"channels": 3, "shape": [62], "classes": 4}),
        case(2, "spectrogram-cnn", lambda: SpectroCnn(2, 20, 13, 3), (3, 2, 20, 13), {"channels": 2, "shape": [20, 13], "classes": 3}),
        case(3, "light-cnn", lambda: LightCnn(3, 5), (3, 3, 41), {"channels": 3, "shape": [41], "classes": 5}),
    ]
    with open(os.path.join(HERE, "models.json"), "w") as f:
        json.dump({"torch": torch.__version__, "reference_parameter_counts": reference_counts(), "cases": cases}, f)
    print("wrote models.json")
