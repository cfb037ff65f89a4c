#!/usr/bin/python3
"""Golden fixtures for SemgKit.Neural from PyTorch (python3-torch 1.13).

Run from anywhere with the system interpreter:
    /usr/bin/python3 tests/golden/neural/make_neural_fixtures.py
Writes layers.json, losses.json and optimizers.json beside this script.

Every input, weight and upstream gradient is a float32 value (stored as an exact double); PyTorch then computes in
float64 so the C# float32 engine is compared against an accurate reference. Layers run in training mode; BatchNorm
cases also record the running statistics after the step and an eval-mode output.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(1234)


def f32(t):
    return t.float().double()


def enc(t):
    t = t.detach().double()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def rand(*shape):
    return f32(torch.randn(*shape))


class Branch(nn.Module):
    def __init__(self, split, branches):
        super().__init__()
        self.split = split
        self.b = nn.ModuleList(branches)

    def forward(self, x):
        xs = torch.split(x, self.split, dim=1)
        return torch.cat([m(xi) for m, xi in zip(self.b, xs)], dim=1)

    def state_names(self):
        return {f"b.{i}.{k}": f"{i}.{k}" for i in range(len(self.b)) for k in self.b[i].state_dict()}


class Lambda(nn.Module):
    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, x):
        return self.f(x)


def layer_case(name, module, input_shape, rename=None):
    module = module.double()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(torch.rand_like(p) * 2 - 1) if p.dim() > 0 else p)
    state = {k: v.clone() for k, v in module.state_dict().items() if not k.endswith("num_batches_tracked")}
    x = rand(*input_shape).requires_grad_(True)
    module.train()
    y = module(x)
    gy = rand(*y.shape)
    y.backward(gy)
    names = rename or {}
    case = {
        "name": name,
        "input": enc(x),
        "state": {names.get(k, k): enc(v) for k, v in state.items()},
        "output": enc(y),
        "grad_output": enc(gy),
        "grad_input": enc(x.grad),
        "grads": {names.get(k, k): enc(p.grad) for k, p in module.named_parameters()},
    }
    buffers = {k: v for k, v in module.state_dict().items() if "running" in k}
    if buffers:
        case["buffers_after"] = {names.get(k, k): enc(v) for k, v in buffers.items()}
        module.eval()
        with torch.no_grad():
            case["eval_output"] = enc(module(x))
    return case


def layers():
    cases = [
        layer_case("dense", nn.Linear(5, 3), (4, 5)),
        layer_case("dense_seq", nn.Linear(5, 3), (2, 3, 5)),
        layer_case("dense_nobias", nn.Linear(4, 2, bias=False), (3, 4)),
        layer_case("conv1d", nn.Conv1d(3, 4, 3, stride=2, padding=1), (2, 3, 11)),
        layer_case("conv1d_same_dilated", nn.Conv1d(2, 3, 4, padding="same", dilation=2), (2, 2, 9)),
        layer_case("conv2d", nn.Conv2d(3, 4, (3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2)), (2, 3, 7, 6)),
        layer_case("conv2d_same", nn.Conv2d(2, 3, 3, padding="same"), (1, 2, 5, 6)),
        layer_case("conv_transpose1d", nn.ConvTranspose1d(3, 2, 4, stride=2, padding=1, output_padding=1), (2, 3, 5)),
        layer_case("conv_transpose2d", nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1), (2, 2, 4, 3)),
        layer_case("batchnorm1d", nn.BatchNorm1d(3), (4, 3, 5)),
        layer_case("batchnorm1d_flat", nn.BatchNorm1d(3), (6, 3)),
        layer_case("batchnorm2d", nn.BatchNorm2d(3), (2, 3, 4, 5)),
        layer_case("maxpool1d", nn.MaxPool1d(3, 2), (2, 3, 10)),
        layer_case("maxpool2d", nn.MaxPool2d(2), (2, 2, 5, 7)),
        layer_case("avgpool1d", nn.AvgPool1d(3, 2), (2, 3, 10)),
        layer_case("avgpool2d", nn.AvgPool2d((2, 3), (1, 2)), (2, 2, 5, 7)),
        layer_case("global_avg_pool1d", Lambda(lambda x: x.mean(dim=2)), (2, 3, 6)),
        layer_case("global_avg_pool2d", Lambda(lambda x: x.mean(dim=(2, 3))), (2, 3, 4, 5)),
        layer_case("relu", nn.ReLU(), (3, 7)),
        layer_case("leaky_relu", nn.LeakyReLU(0.1), (3, 7)),
        layer_case("elu", nn.ELU(0.7), (3, 7)),
        layer_case("tanh", nn.Tanh(), (3, 7)),
        layer_case("sigmoid", nn.Sigmoid(), (3, 7)),
        layer_case("flatten", nn.Flatten(), (2, 3, 4)),
        layer_case("reshape", Lambda(lambda x: x.reshape(x.shape[0], 4, -1)), (2, 3, 4)),
        layer_case("permute", Lambda(lambda x: x.permute(0, 2, 1).contiguous()), (2, 3, 4)),
        layer_case("sequential", nn.Sequential(
            nn.Conv1d(2, 4, 3, padding=1), nn.BatchNorm1d(4), nn.ReLU(), nn.MaxPool1d(2),
            nn.Flatten(), nn.Linear(4 * 4, 3)), (5, 2, 8)),
    ]
    br = Branch([2, 1], [nn.Conv1d(2, 2, 3, padding=1), nn.Sequential(nn.Conv1d(1, 3, 3, padding=1), nn.Tanh())])
    cases.append(layer_case("branch_split", br, (2, 3, 6), br.state_names()))
    return cases


def loss_case(name, k, n, weight=None, smoothing=0.0):
    z = rand(n, k).requires_grad_(True)
    y = torch.randint(0, k, (n,))
    w = None if weight is None else f32(torch.tensor(weight, dtype=torch.float64))
    loss = F.cross_entropy(z, y, weight=w, label_smoothing=smoothing)
    loss.backward()
    return {"name": name, "kind": "cross_entropy", "logits": enc(z), "labels": y.tolist(),
            "weights": None if w is None else enc(w)["data"], "smoothing": smoothing,
            "loss": float(loss), "grad": enc(z.grad)}


def losses():
    cases = [
        loss_case("ce_plain", 4, 6),
        loss_case("ce_weighted", 4, 7, weight=[0.5, 2.0, 1.0, 0.25]),
        loss_case("ce_smoothing", 5, 6, smoothing=0.1),
        loss_case("ce_weighted_smoothing", 4, 8, weight=[0.5, 2.0, 1.0, 0.25], smoothing=0.2),
    ]
    p = rand(3, 4).requires_grad_(True)
    t = rand(3, 4)
    loss = F.mse_loss(p, t)
    loss.backward()
    cases.append({"name": "mse", "kind": "mse", "prediction": enc(p), "target": enc(t), "loss": float(loss), "grad": enc(p.grad)})
    return cases


def optimizer_case(name, make, steps=4):
    w0 = f32(torch.randn(3, 4))
    p = nn.Parameter(w0.clone().float())  # float32 like the C# engine
    opt = make([p])
    grads, values = [], []
    for _ in range(steps):
        g = torch.randn(3, 4).float()
        grads.append(enc(g))
        opt.zero_grad()
        p.grad = g.clone()
        opt.step()
        values.append(enc(p.detach()))
    return {"name": name, "initial": enc(w0), "grads": grads, "values": values}


def optimizers():
    return [
        optimizer_case("sgd_plain", lambda ps: torch.optim.SGD(ps, lr=0.1)),
        optimizer_case("sgd_momentum_wd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01)),
        optimizer_case("sgd_nesterov_wd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, weight_decay=0.02, nesterov=True)),
        optimizer_case("adam", lambda ps: torch.optim.Adam(ps, lr=0.01)),
        optimizer_case("adam_wd", lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), weight_decay=0.05)),
        optimizer_case("adamw", lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1)),
    ]


def write(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"torch": torch.__version__, "cases": obj}, f)


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    write("layers.json", layers())
    write("losses.json", losses())
    write("optimizers.json", optimizers())
    print("wrote layers.json, losses.json, optimizers.json")
