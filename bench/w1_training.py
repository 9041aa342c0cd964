"""W1 — training: moons, 1000 points (800 train), hidden (64, 64), ReLU, BatchNorm, dropout 0.2,
Adam lr 0.01, batch 64, 100 epochs, test accuracy evaluated every epoch.

Ours: ``qa_core.engine.training.train`` in float64, producing the full per-epoch record (train and
test loss/accuracy, dead fractions, gradient and weight norms, BN summaries) — more per-epoch
work than the reference does. PyTorch: the same network, initial weights (copied from ours),
inputs, batch boundaries and optimiser, in float32 (its default), with only test accuracy
evaluated each epoch. Both sides run on one thread (fastest for tensors this small).
"""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads, torch_or_none
from qa_core.engine.training import Run, TrainConfig, batch_bounds, train

NAME = "W1 training (moons, 2×64, BN, dropout, Adam)"

CONFIG = TrainConfig(
    dataset="moons",
    n_samples=1000,
    test_fraction=0.2,
    hidden=(64, 64),
    activation="relu",
    batch_norm=True,
    dropout=0.2,
    optimizer="adam",
    lr=0.01,
    batch_size=64,
    epochs=100,
    seed=0,
)


def ours() -> float:
    """Train and return the final test accuracy."""
    *_, last = train(CONFIG)
    return last.test_acc


def make_torch_trainer(torch):
    """A function that trains the PyTorch twin and returns its final test accuracy."""
    run = Run(CONFIG)  # only for the data and the initial weights
    x = torch.tensor(run.data.inputs(run.data.x_train), dtype=torch.float32)
    y = torch.tensor(run.data.y_train)
    xt = torch.tensor(run.data.inputs(run.data.x_test), dtype=torch.float32)
    yt = torch.tensor(run.data.y_test)
    init = [d.params["W"].T.copy() for d in run.network.dense_layers]
    bounds = batch_bounds(len(x), CONFIG.batch_size)
    nn = torch.nn

    def fit() -> float:
        gen = torch.Generator().manual_seed(CONFIG.seed)
        net = nn.Sequential(
            nn.Linear(2, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(64, 2),
        )  # fmt: skip
        with torch.no_grad():
            for lin, w in zip([net[0], net[4], net[8]], init, strict=True):
                lin.weight.copy_(torch.from_numpy(w))
                lin.bias.zero_()
        opt = torch.optim.Adam(net.parameters(), lr=CONFIG.lr)
        loss_fn = nn.CrossEntropyLoss()
        acc = float("nan")
        for _ in range(CONFIG.epochs):
            net.train()
            perm = torch.randperm(len(x), generator=gen)
            for start, stop in bounds:
                idx = perm[start:stop]
                opt.zero_grad()
                loss_fn(net(x[idx]), y[idx]).backward()
                opt.step()
            net.eval()
            with torch.no_grad():
                acc = (net(xt).argmax(1) == yt).float().mean().item()
        return acc

    return fit


def run(repeats: int) -> list[Row]:
    torch = torch_or_none()
    fns = {"ours": ours}
    if torch is not None:
        torch.manual_seed(0)
        fns["torch"] = make_torch_trainer(torch)
    with blas_threads(1, torch) as threads:
        med, last = alternate(fns, repeats)
    notes = [f"final test accuracy: ours {last['ours']:.3f}"]
    if torch is not None:
        notes[0] += f", torch {last['torch']:.3f} (gap {abs(last['ours'] - last['torch']):.3f})"
        notes.append("torch: float32, test accuracy only per epoch")
    notes.append("ours: float64, full EpochRecord per epoch (train+test metrics, dead units)")
    notes.append(threads)
    return [Row(NAME, med["ours"], med.get("torch"), target=0.5, notes=tuple(notes))]
