"""W2 — depth sweep: depths 1…50, width 256, batch 256, sigmoid, Xavier (normal) init; one
forward + backward per depth, recording the gradient norm of every layer's weights.

Ours: ``qa_core.labs.vanishing_gradients.probe.layer_grad_norms`` (float64): nested networks share one forward pass
and the backward passes of all depths run stacked (see its module doc); init is timed.
PyTorch (float32; both sides on 2 threads): for each depth a fresh nn.Sequential with
xavier_normal_ weights, forward, backward, read every weight's grad norm — init timed too. A second reference reuses
50 pre-drawn weight matrices (init not timed), i.e. the nested setup without shared forward.
"""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads, torch_or_none
from qa_core.labs.vanishing_gradients.probe import Probe, layer_grad_norms

NAME = "W2 depth sweep (1…50, width 256, sigmoid)"
DEPTHS = range(1, 51)
WIDTH = BATCH = 256
N_CLASSES = 10


def ours() -> float:
    probe = Probe("sigmoid", max(DEPTHS), "xavier", width=WIDTH, batch=BATCH)
    norms, _ = layer_grad_norms(probe, DEPTHS, n_classes=N_CLASSES)
    return float(norms[50][0])


def make_torch_fresh(torch):
    nn = torch.nn

    def sweep() -> float:
        gen = torch.Generator().manual_seed(0)
        x = torch.randn(BATCH, WIDTH, generator=gen)
        y = torch.randint(0, N_CLASSES, (BATCH,), generator=gen)
        first = float("nan")
        for depth in DEPTHS:
            layers: list = []
            for _ in range(depth):
                lin = nn.Linear(WIDTH, WIDTH)
                nn.init.xavier_normal_(lin.weight, generator=gen)
                nn.init.zeros_(lin.bias)
                layers += [lin, nn.Sigmoid()]
            out = nn.Linear(WIDTH, N_CLASSES)
            nn.init.xavier_normal_(out.weight, generator=gen)
            nn.init.zeros_(out.bias)
            net = nn.Sequential(*layers, out)
            nn.functional.cross_entropy(net(x), y).backward()
            norms = [m.weight.grad.norm().item() for m in layers[::2]]
            first = norms[0]
        return first

    return sweep


def make_torch_shared(torch):
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(BATCH, WIDTH, generator=gen)
    y = torch.randint(0, N_CLASSES, (BATCH,), generator=gen)
    readout = torch.empty(N_CLASSES, WIDTH)
    torch.nn.init.xavier_normal_(readout, generator=gen)
    weights = []
    for _ in range(max(DEPTHS)):
        w = torch.empty(WIDTH, WIDTH)
        torch.nn.init.xavier_normal_(w, generator=gen)
        weights.append(w.requires_grad_())

    def sweep() -> float:
        first = float("nan")
        for depth in DEPTHS:
            h = x
            for w in weights[:depth]:
                h = torch.sigmoid(h @ w.T)
            loss = torch.nn.functional.cross_entropy(h @ readout.T, y)
            grads = torch.autograd.grad(loss, weights[:depth])
            norms = [g.norm().item() for g in grads]
            first = norms[0]
        return first

    return sweep


def run(repeats: int) -> list[Row]:
    torch = torch_or_none()
    fns = {"ours": ours}
    if torch is not None:
        fns["fresh"] = make_torch_fresh(torch)
        fns["shared"] = make_torch_shared(torch)
    with blas_threads(2, torch) as threads:
        med, last = alternate(fns, repeats)
    note = f"first-layer grad norm at depth 50: ours {last['ours']:.3g}"
    if torch is None:
        return [Row(NAME, med["ours"], notes=(note, threads))]
    note += f", torch {last['fresh']:.3g} (other random draws; float32, whose norm can underflow)"
    return [
        Row(NAME, med["ours"], med["fresh"], target=1.0, notes=(note, threads)),
        Row(NAME.replace("sweep", "sweep vs torch, pre-drawn W"), med["ours"], med["shared"],
            notes=("reference: torch with 50 weight matrices drawn once, init not timed",)),
    ]  # fmt: skip
