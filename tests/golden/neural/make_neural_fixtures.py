#!/usr/bin/python3
"""Golden fixtures for SemgKit.Neural from PyTorch (python3-torch 1.13).

Run from anywhere with the system interpreter:
    /usr/bin/python3 tests/golden/neural/make_neural_fixtures.py
Writes layers.json, losses.json, optimizers.json, recurrent.json (LSTM and attention layers), recurrent_models.json
(the peer benchmark's recurrent architectures) and gesture_models.json (the gesture paper's comparison models lstm-cnn and
emg-image-cnn, SemgKit's, built from the peer's AttnLstmCnn) beside this script. Name files to write only those:
    /usr/bin/python3 tests/golden/neural/make_neural_fixtures.py gesture_models.json

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


def enc32(t):
    """Like enc, with every value rounded to float32 and written in its shortest form (smaller files; the C# side reads float32)."""
    t = t.detach().double()
    return {"shape": list(t.shape), "data": [float(repr(v)) for v in t.reshape(-1).float().numpy()]}


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


# ---- recurrent layers ---------------------------------------------------------------------------------------------

class LstmLayer(nn.Module):
    """nn.LSTM batch-first returning every step or the final hidden state of each direction of the last layer."""

    def __init__(self, f, h, layers=1, bidirectional=False, last=False):
        super().__init__()
        self.lstm = nn.LSTM(f, h, num_layers=layers, batch_first=True, bidirectional=bidirectional)
        self.last = last

    def forward(self, x):
        out, (h_n, _) = self.lstm(x)
        if not self.last:
            return out
        return torch.cat([h_n[-2], h_n[-1]], dim=1) if self.lstm.bidirectional else h_n[-1]


class Attention(nn.Module):
    """Luong attention, general score q^T W h_s, over H (N, T, D); query = last step or every step."""

    def __init__(self, d, mode):
        super().__init__()
        self.score = nn.Linear(d, d, bias=False)
        self.mode = mode

    def forward(self, h):
        u = self.score(h)                                    # u_s = W h_s
        if self.mode == "all_steps":
            alpha = F.softmax(torch.bmm(h, u.transpose(1, 2)), dim=-1)
            return torch.bmm(alpha, h)
        q = h[:, -1]                                         # query h_T
        alpha = F.softmax(torch.bmm(u, q.unsqueeze(2)).squeeze(2), dim=1)  # (N, T)
        weighted = alpha.unsqueeze(2) * h
        return weighted.sum(dim=1) if self.mode == "context" else weighted


def strip(prefix, module):
    return {k: k[len(prefix):] for k in module.state_dict()}


def recurrent():
    cases = []
    for name, (f, h, layers, bi, last, shape) in {
        "lstm_uni": (3, 4, 1, False, False, (2, 5, 3)),
        "lstm_uni_last": (3, 4, 1, False, True, (3, 4, 3)),
        "lstm_bi": (3, 4, 1, True, False, (2, 5, 3)),
        "lstm_bi_last": (2, 3, 1, True, True, (2, 4, 2)),
        "lstm_2layer": (3, 4, 2, False, False, (2, 5, 3)),
        "lstm_2layer_bi_last": (3, 5, 2, True, True, (2, 6, 3)),
        "lstm_odd": (7, 13, 1, False, False, (3, 9, 7)),
        "lstm_batch1_long": (5, 20, 1, False, True, (1, 30, 5)),
    }.items():
        m = LstmLayer(f, h, layers, bi, last)
        cases.append(layer_case(name, m, shape, strip("lstm.", m)))
    for name, (d, mode, shape) in {
        "attention_context": (4, "context", (3, 5, 4)),
        "attention_weighted": (4, "weighted", (3, 5, 4)),
        "attention_all_steps": (5, "all_steps", (2, 6, 5)),
    }.items():
        m = Attention(d, mode)
        cases.append(layer_case(name, m, shape, {"score.weight": "weight"}))
    return cases


# ---- recurrent architectures: the peer benchmark's classes, copied verbatim from /work/shared/peers/models.py ----------
# (the script must run from a clean clone; when the peer file is present, the copies are checked against it)

EMG_CHANNELS = 8  # C, number of EMG channels


class Cnn1dFeatures(nn.Module):
    """The seed paper's convolution stack: (B, C, 1022) -> (B, 10, 126)."""

    def __init__(self, channels: int = EMG_CHANNELS):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(channels, 64, kernel_size=3), nn.BatchNorm1d(64), nn.ReLU(), nn.MaxPool1d(2),  # 1020 -> 510
            nn.Conv1d(64, 32, kernel_size=3), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),        # 508 -> 254
            nn.Conv1d(32, 10, kernel_size=3), nn.BatchNorm1d(10), nn.ReLU(), nn.MaxPool1d(2),        # 252 -> 126
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


class LstmClassifier(nn.Module):
    """'lstm': T=50 steps of 32 inputs (8 channels x 4 time-domain features),
    one LSTM layer, last hidden state -> Linear(hidden, 4)."""

    def __init__(self, inputs: int = 32, hidden: int = 64, classes: int = 4):
        super().__init__()
        self.lstm = nn.LSTM(inputs, hidden, num_layers=1, batch_first=True)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: (B, 50, 32)
        _, (h_n, _) = self.lstm(x)
        return self.fc(h_n[-1])


class CnnLstm(nn.Module):
    """'cnn_lstm': the cnn1d conv stack, its (10, 126) output read as 126 steps
    of 10 features -> LSTM(10, 64) -> last hidden -> Linear(64,100) -> ReLU -> Linear(100,4)."""

    def __init__(self, channels: int = EMG_CHANNELS, hidden: int = 64, classes: int = 4):
        super().__init__()
        self.features = Cnn1dFeatures(channels)
        self.lstm = nn.LSTM(10, hidden, num_layers=1, batch_first=True)
        self.head = nn.Sequential(nn.Linear(hidden, 100), nn.ReLU(), nn.Linear(100, classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: (B, C, 1022)
        seq = self.features(x).transpose(1, 2)  # (B, 126, 10)
        _, (h_n, _) = self.lstm(seq)
        return self.head(h_n[-1])


class AttnLstmCnn(nn.Module):
    """'attn_lstm_cnn': gesture paper, NinaPro DB1 style, 53 classes.

    Input (B, 2, 15, 10): plane 0 = EMG image, plane 1 = wavelet-packet image,
    15 frames x 10 channels.

    Shape choices (the specification left them open):
    * LSTM step t is the frame's 10 channels x 2 planes flattened channel-major,
      i.e. x.permute(0, 2, 3, 1) -> (B, 15, 10*2=20); hidden size 20, all steps kept.
    * Luong 'general' attention over the 15 steps, every step attending to every
      step: score(h_t, h_s) = h_t^T W h_s (W: 20x20, no bias), alpha = softmax over s,
      c_t = sum_s alpha_ts h_s. The context vectors c_t (no extra tanh(W_c[c;h]) layer)
      form the context-weighted sequence.
    * (B, 15, 20) is reshaped back with the inverse of the input flattening to
      (B, 2, 15, 10), so the CNN sees 2 planes.
    * The first Conv2d(2, 32, (1, 10)) has no padding (the specification says
      'pad same' for the later ones only), so it collapses the 10 channels:
      (B, 32, 15, 1); the later 'same' convolutions keep (15, 1).
    * Dropout is element-wise nn.Dropout(0.5); the output is softmax probabilities,
      so training uses NLL on their log.
    """

    def __init__(self, frames: int = 15, channels: int = 10, planes: int = 2, classes: int = 53):
        super().__init__()
        self.frames, self.channels, self.planes = frames, channels, planes
        width = channels * planes  # 20
        self.lstm = nn.LSTM(width, width, num_layers=1, batch_first=True)
        self.score = nn.Linear(width, width, bias=False)  # W of h_t^T W h_s
        self.cnn = nn.Sequential(
            nn.Conv2d(planes, 32, kernel_size=(1, channels)), nn.ReLU(), nn.Dropout(0.5),
            nn.Conv2d(32, 32, kernel_size=3, padding="same"), nn.ReLU(), nn.Dropout(0.5),
            nn.Conv2d(32, 64, kernel_size=5, padding="same"), nn.ReLU(), nn.Dropout(0.5),
            nn.Conv2d(64, 64, kernel_size=(5, 1), padding="same"), nn.ReLU(), nn.Dropout(0.5),
            nn.Conv2d(64, classes, kernel_size=1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: (B, 2, 15, 10)
        b = x.shape[0]
        seq = x.permute(0, 2, 3, 1).reshape(b, self.frames, self.channels * self.planes)
        h, _ = self.lstm(seq)                                   # (B, 15, 20)
        scores = torch.bmm(h, self.score(h).transpose(1, 2))    # [t, s] = h_t . (W h_s)
        alpha = F.softmax(scores, dim=-1)                       # over source steps s
        context = torch.bmm(alpha, h)                           # (B, 15, 20)
        img = context.reshape(b, self.frames, self.channels, self.planes).permute(0, 3, 1, 2)
        logits = self.cnn(img).mean(dim=(2, 3))                 # global average pool -> (B, 53)
        return F.softmax(logits, dim=1)


def check_peer_copies():
    peers = "/work/shared/peers"
    if not os.path.exists(os.path.join(peers, "models.py")):
        return
    import inspect
    import sys
    sys.path.insert(0, peers)
    import models as peer
    for cls in (Cnn1dFeatures, LstmClassifier, CnnLstm, AttnLstmCnn):
        assert inspect.getsource(cls) == inspect.getsource(getattr(peer, cls.__name__)), f"{cls.__name__} differs from models.py"


class Transpose12(nn.Module):
    def forward(self, x):
        return x.transpose(1, 2).contiguous()


class LastHidden(nn.Module):
    """An LSTM's last hidden state (the C# Lstm with RecurrentOutput.LastStep)."""

    def __init__(self, inputs, hidden):
        super().__init__()
        self.lstm = nn.LSTM(inputs, hidden, batch_first=True)

    def forward(self, x):
        return self.lstm(x)[1][0][-1]


def cnn_lstm_muscle(channels=8, hidden=64, classes=4):
    """PyTorch twin of the C# CnnLstmMuscleModel (our sizes; not in models.py)."""
    seq = nn.Sequential(
        nn.Conv1d(channels, 32, 5, padding=2), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(32, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(), nn.MaxPool1d(2),
        Transpose12(), nn.Linear(64, 64), nn.ReLU(), LastHidden(64, hidden),
        nn.Linear(hidden, 32), nn.ReLU(), nn.Linear(32, classes))
    # the C# model groups each Conv1d-BatchNorm1d-ReLU-MaxPool1d as one ConvBlock ("0.0.", "0.1.", "1.0.", "1.1.")
    rules = [("0.", "0.0."), ("1.", "0.1."), ("4.", "1.0."), ("5.", "1.1."), ("9.", "3."), ("11.lstm.", "5."),
             ("12.", "6."), ("14.", "8.")]
    return seq, rename_map(seq, rules)


def cnn_lstm_muscle_stft(channels=1, bins=33, frames=14, hidden=64, classes=4):
    """PyTorch twin of the C# CnnLstmMuscleStftModel: (N, C, F, T') read as T' steps of C*F bins, convolutions without pooling."""
    class Fold(nn.Module):
        def forward(self, x):
            return x.reshape(x.shape[0], channels * bins, frames)

    seq = nn.Sequential(
        Fold(),
        nn.Conv1d(channels * bins, 32, 5, padding=2), nn.BatchNorm1d(32), nn.ReLU(),
        nn.Conv1d(32, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
        Transpose12(), nn.Linear(64, 64), nn.ReLU(), LastHidden(64, hidden),
        nn.Linear(hidden, 32), nn.ReLU(), nn.Linear(32, classes))
    # the C# model groups each Conv1d-BatchNorm1d-ReLU as one ConvBlock ("1.0.", "1.1.", "2.0.", "2.1.")
    rules = [("1.", "1.0."), ("2.", "1.1."), ("4.", "2.0."), ("5.", "2.1."), ("8.", "4."), ("10.lstm.", "6."),
             ("11.", "7."), ("13.", "9.")]
    return seq, rename_map(seq, rules)


def cnn_lstm_muscle_fconv(channels=1, bins=65, frames=6, hidden=64, classes=4):
    """PyTorch twin of the C# CnnLstmMuscleFreqConvModel: 5x1 convolutions along frequency, pooling over frequency only."""
    pooled = bins // 2 // 2

    class Fold(nn.Module):
        def forward(self, x):
            return x.reshape(x.shape[0], 32 * pooled, frames)

    seq = nn.Sequential(
        nn.Conv2d(channels, 16, (5, 1), padding=(2, 0)), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d((2, 1)),
        nn.Conv2d(16, 32, (5, 1), padding=(2, 0)), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d((2, 1)),
        Fold(), Transpose12(), nn.Linear(32 * pooled, 64), nn.ReLU(), LastHidden(64, hidden),
        nn.Linear(hidden, 32), nn.ReLU(), nn.Linear(32, classes))
    # the C# model groups each Conv2d-BatchNorm2d-ReLU-MaxPool2d as one ConvBlock ("0.0.", "0.1.", "1.0.", "1.1.")
    rules = [("0.", "0.0."), ("1.", "0.1."), ("4.", "1.0."), ("5.", "1.1."), ("10.", "4."), ("12.lstm.", "6."),
             ("13.", "7."), ("15.", "9.")]
    return seq, rename_map(seq, rules)


def rename_map(module, rules):
    out = {}
    for k in module.state_dict():
        for old, new in rules:
            if k.startswith(old):
                out[k] = new + k[len(old):]
                break
        else:
            raise KeyError(k)
    return out


def model_case(name, module, names, input_shape, classes, logits_of=None):
    for m in module.modules():
        if isinstance(m, nn.Dropout):
            m.p = 0.0  # dropout off; BatchNorm stays in training mode
    module = module.double()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(p))
    state = {k: v.clone() for k, v in module.state_dict().items() if not k.endswith("num_batches_tracked")}
    x = rand(*input_shape)
    y = torch.randint(0, classes, (input_shape[0],))
    module.train()
    logits = (logits_of or module)(x)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    return {
        "name": name,
        "input": enc32(x),
        "labels": y.tolist(),
        "state": {names[k]: enc32(v) for k, v in state.items()},
        "logits": enc32(logits),
        "loss": float(loss),
        "grads": {names[k]: enc32(p.grad) for k, p in module.named_parameters()},
        "parameters": sum(p.numel() for p in module.parameters()),
    }


def attn_logits(model):
    """The logits of AttnLstmCnn (its forward applies softmax after them): the CNN output, globally average-pooled."""
    captured = {}
    model.cnn.register_forward_hook(lambda mod, inp, out: captured.__setitem__("cnn", out))

    def run(x):
        model(x)
        return captured["cnn"].mean(dim=(2, 3))
    return run


def recurrent_models():
    check_peer_copies()
    torch.manual_seed(4321)
    cases = []
    m = LstmClassifier()
    cases.append(model_case("lstm", m, rename_map(m, [("lstm.", "0."), ("fc.", "1.")]), (3, 50, 32), 4))
    m = CnnLstm()
    # the C# conv stack is three ConvBlocks: body.4b (conv) and body.4b+1 (BatchNorm1d) are "b.0." and "b.1."
    rules = [(f"features.body.{4 * b + j}.", f"{b}.{j}.") for b in range(3) for j in range(2)] + [("lstm.", "4."), ("head.0.", "5."), ("head.2.", "7.")]
    cases.append(model_case("cnn-lstm", m, rename_map(m, rules), (3, 8, 1022), 4))
    m, names = cnn_lstm_muscle()
    cases.append(model_case("cnn-lstm-muscle", m, names, (3, 8, 200), 4))
    m = AttnLstmCnn()
    rules = [("lstm.", "2."), ("score.", "3.")] + [(f"cnn.{i}.", f"{6 + i}.") for i in range(13)]
    cases.append(model_case("attention-lstm-cnn", m, rename_map(m, rules), (4, 2, 15, 10), 53, attn_logits(m)))
    m, names = cnn_lstm_muscle_stft(channels=2, bins=9, frames=6)  # small, two channels: the fold order is checked
    cases.append(model_case("cnn-lstm-muscle-stft", m, names, (3, 2, 9, 6), 4))
    m, names = cnn_lstm_muscle_fconv(channels=2, bins=13, frames=5)  # two channels, odd bins: the pooling floor is checked
    cases.append(model_case("cnn-lstm-muscle-fconv", m, names, (3, 2, 13, 5), 4))
    return cases


# ---- the gesture paper's comparison models (SemgKit's, not in models.py): the attention model's pieces reused --------------


class LstmCnn(AttnLstmCnn):
    """'lstm-cnn': AttnLstmCnn with the Luong attention removed (the LSTM outputs go straight to the conv stack); returns logits."""

    def __init__(self, frames=15, channels=10, planes=2, classes=53):
        super().__init__(frames, channels, planes, classes)
        del self.score

    def forward(self, x):  # x: (B, 2, 15, 10)
        b = x.shape[0]
        seq = x.permute(0, 2, 3, 1).reshape(b, self.frames, self.channels * self.planes)
        h, _ = self.lstm(seq)                                   # (B, 15, 20)
        img = h.reshape(b, self.frames, self.channels, self.planes).permute(0, 3, 1, 2)
        return self.cnn(img).mean(dim=(2, 3))                   # (B, 53) logits


class EmgImageCnn(nn.Module):
    """'emg-image-cnn': AttnLstmCnn's conv stack on the EMG image alone (1 plane), global average pool; returns logits."""

    def __init__(self, frames=15, channels=10, classes=53):
        super().__init__()
        self.cnn = AttnLstmCnn(frames, channels, 1, classes).cnn

    def forward(self, x):  # x: (B, 1, 15, 10)
        return self.cnn(x).mean(dim=(2, 3))


def gesture_models():
    torch.manual_seed(8765)
    cases = []
    m = LstmCnn()
    rules = [("lstm.", "2.")] + [(f"cnn.{i}.", f"{5 + i}.") for i in range(13)]
    cases.append(model_case("lstm-cnn", m, rename_map(m, rules), (4, 2, 15, 10), 53))
    m = EmgImageCnn()
    rules = [(f"cnn.{i}.", f"{i}.") for i in range(13)]
    cases.append(model_case("emg-image-cnn", m, rename_map(m, rules), (4, 1, 15, 10), 53))
    return cases


def write(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"torch": torch.__version__, "cases": obj}, f)


if __name__ == "__main__":
    import sys
    torch.set_default_dtype(torch.float64)
    # the first four draw from the module seed in this order (all four run whenever one of them is asked for); the others reseed
    shared = {"layers.json": layers, "losses.json": losses, "optimizers.json": optimizers, "recurrent.json": recurrent}
    seeded = {"recurrent_models.json": recurrent_models, "gesture_models.json": gesture_models}
    wanted = sys.argv[1:] or [*shared, *seeded]  # e.g. make_neural_fixtures.py gesture_models.json
    unknown = [w for w in wanted if w not in shared and w not in seeded]
    if unknown:
        sys.exit(f"unknown output(s) {unknown}; known: {[*shared, *seeded]}")
    if any(w in shared for w in wanted):
        for name, make in shared.items():
            cases = make()
            if name in wanted:
                write(name, cases)
    for name, make in seeded.items():
        if name in wanted:
            write(name, make())
    print("wrote " + ", ".join(w for w in [*shared, *seeded] if w in wanted))
