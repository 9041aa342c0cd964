"""A live playground run: step it, change its knobs mid-run, look inside every unit, export it.

``LiveRun(state)`` wraps one ``qa_core.engine.training.Run`` built from a ``PlaygroundState``:

- ``step(n, budget_s)`` trains up to ``n`` epochs (fewer if ``budget_s`` seconds pass first or
  the run diverges). Epochs are epochs: stepping 1 + 1 + 1 equals stepping 3 at once.
- ``apply(new_state)`` brings the run in line with new settings. Training knobs (learning
  rate, regulariser and its rate, dropout p, optimiser, batch size) go through ``Run.update``
  and keep the weights; each such change is logged as a ``Change`` at the epoch it happened,
  so charts can mark it and the reproduction script can replay it. Data, architecture,
  activation, batch norm or seed rebuild the run from epoch 0.
- ``snapshot(n)`` evaluates every unit on an n×n grid over the playground box in eval mode:
  the input features, each hidden unit's output, and the network's output, plus the weights.
- ``history()`` (one row per epoch, epoch 0 = before training), ``history_csv()``,
  ``config_csv()`` and ``script()`` (a NumPy-only reproduction via qa_core).
"""

from __future__ import annotations

import dataclasses
import io
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks, inference
from qa_core.engine.config import MAX_EPOCHS
from qa_core.engine.data import BOX
from qa_core.engine.training import EpochRecord, Run
from qa_core.labs.playground.script import reproduction_script
from qa_core.labs.playground.state import (
    LIVE_FIELDS,
    REBUILD_FIELDS,
    PlaygroundState,
    to_config,
    train_fields,
    value_text,
)
from qa_core.labs.playground.url import URL_KEYS, encode

GRID_N = 100  # output heatmap resolution (the 100×100)
_CLIP = 1e6  # unit outputs are clipped to ±this for drawing (a diverged run overflows)


@dataclass(frozen=True)
class Change:
    """Settings changed mid-run after ``epoch`` trained epochs (they act from epoch + 1).

    ``fields``: (URL key, old value, new value) as the learner sees them; ``update``: the
    keyword arguments given to ``Run.update``.
    """

    epoch: int
    fields: tuple[tuple[str, str, str], ...]
    update: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class Applied:
    """What ``LiveRun.apply`` did: "same", "view" (picture only), "updated" (mid-run change,
    weights kept), "restarted" (before the first epoch: nothing to keep) or "rebuilt"
    (a fresh run); ``fields`` names the state fields that differed."""

    kind: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Every unit of the network evaluated on an n×n grid over the box (eval mode).

    ``z[..., i, j]`` is at (x1 = axis[j], x2 = axis[i]). ``features``: (n_inputs, n, n) the
    z-scored input features; ``hidden``: per hidden layer (width, n, n) activation outputs
    (after batch norm and the activation; dropout is the identity in eval mode);
    ``output``: P(class 1) or the regression output. ``weights``/``biases``: each Dense
    layer's W (n_in, n_out) and b, input side first.
    """

    axis: np.ndarray
    features: np.ndarray
    hidden: tuple[np.ndarray, ...]
    output: np.ndarray
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    task: str


def forward_units(run: Run, points: np.ndarray) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Eval-mode pass of box ``points`` (m, 2) through ``run``'s network, keeping each unit.

    Returns (features (m, n_in), hidden outputs [(m, width)] per hidden layer, output (m,)).
    Reads the layers' parameters only: no layer's cached state is touched, so a run in the
    middle of training is left exactly as it was. BatchNorm uses its running statistics
    (x·s + t, see BatchNorm.eval_affine); RReLU its mean slope; PReLU its learned slope.
    """
    net = run.network
    features = run.data.inputs(np.asarray(points, dtype=np.float64))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        hidden, h = inference.forward_units(net.layers, features)
        out = h[:, 0] if net.task == "regression" else inference.probabilities(h)[:, 1]
    return features, hidden, out


def discretized(output: np.ndarray, task: str) -> np.ndarray:
    """TF Playground's "discretise": P(class 1) ≥ 0.5 → 1 else 0; a regression output → its sign."""
    if task == "regression":
        return np.sign(output)
    return (output >= 0.5).astype(np.float64)


def _finite(array: np.ndarray, fill: float) -> np.ndarray:
    return np.clip(np.nan_to_num(array, nan=fill, posinf=_CLIP, neginf=-_CLIP), -_CLIP, _CLIP)


class LiveRun:
    """One playground run that trains on demand and follows the learner's settings."""

    def __init__(self, state: PlaygroundState) -> None:
        self._build(state)

    def _build(self, state: PlaygroundState) -> None:
        """A fresh run for ``state``; on ValueError (invalid settings) nothing changes."""
        config = to_config(state)
        run = Run(config)
        self.state = self.start_state = state
        self.initial_config = config
        self.run = run
        self.start: EpochRecord = run.evaluate()
        self.changes: list[Change] = []
        self._columns: dict[str, list[object]] = {k: [v] for k, v in self.start.to_row().items()}

    def rebuild(self, state: PlaygroundState) -> None:
        """A fresh run for ``state`` (ValueError leaves this one as it was)."""
        self._build(state)

    def reset(self) -> None:
        """Start again from epoch 0 with the current settings (same seed: same start)."""
        self._build(self.state)

    # -- state ----------------------------------------------------------------------------

    @property
    def epoch(self) -> int:
        return self.run.epoch

    @property
    def diverged(self) -> str | None:
        return self.run.diverged

    @property
    def at_limit(self) -> bool:
        """True once the engine's epoch cap (qa_core.engine.config.MAX_EPOCHS) is reached."""
        return self.run.epoch >= MAX_EPOCHS

    @property
    def last(self) -> EpochRecord:
        """The latest record (epoch 0: the untrained network)."""
        return self.run.records[-1] if self.run.records else self.start

    @property
    def task(self) -> str:
        return self.run.network.task

    # -- changes --------------------------------------------------------------------------

    def apply(self, state: PlaygroundState) -> Applied:
        """Follow ``state``: update mid-run, or rebuild (see the module docstring).

        A run that has diverged, or has not trained yet, is rebuilt for any training change
        too (there are no weights worth keeping). ValueError (from TrainConfig) leaves the
        run as it was.
        """
        differ = tuple(
            f.name
            for f in dataclasses.fields(state)
            if getattr(state, f.name) != getattr(self.state, f.name)
        )
        if not differ:
            return Applied("same")
        live = [f for f in differ if f in LIVE_FIELDS]
        if not any(f in REBUILD_FIELDS for f in differ) and not live:
            self.state = state
            return Applied("view", differ)
        if any(f in REBUILD_FIELDS for f in differ) or self.diverged or self.epoch == 0:
            kind = "restarted" if self.epoch == 0 and not self.diverged else "rebuilt"
            self._build(state)
            return Applied(kind, differ)
        old, new = train_fields(self.state), train_fields(state)
        update = {k: v for k, v in new.items() if v != old[k]}
        if update:
            self.run.update(**update)
            shown = tuple(
                (
                    URL_KEYS[f],
                    value_text(f, getattr(self.state, f)),
                    value_text(f, getattr(state, f)),
                )
                for f in live
            )
            self.changes.append(Change(self.epoch, shown, tuple(update.items())))
        self.state = state
        return Applied("updated", differ)

    # -- training ---------------------------------------------------------------------------

    def step(self, n: int = 1, budget_s: float | None = None) -> int:
        """Train up to ``n`` epochs; stop early after ``budget_s`` seconds (at least one epoch
        is trained), on divergence or at the epoch cap. Returns the epochs trained."""
        done = 0
        start = time.perf_counter()
        while done < n and not self.diverged and not self.at_limit:
            record = self.run.step()
            for key, value in record.to_row().items():
                self._columns[key].append(value)
            done += 1
            if budget_s is not None and time.perf_counter() - start >= budget_s:
                break
        return done

    # -- looking inside -----------------------------------------------------------------------

    def snapshot(self, n: int = GRID_N) -> Snapshot:
        """Inputs, hidden units and output on an n×n grid over [−BOX, BOX]², plus weights."""
        checks.integer("n", n, 2, 400)
        axis = np.linspace(-BOX, BOX, n)
        x1, x2 = np.meshgrid(axis, axis)
        features, hidden, out = forward_units(self.run, np.column_stack([x1.ravel(), x2.ravel()]))
        fill = 0.0 if self.task == "regression" else 0.5

        def maps(a: np.ndarray) -> np.ndarray:
            return _finite(a.T.reshape(a.shape[1], n, n), 0.0)

        dense = self.run.network.dense_layers
        return Snapshot(
            axis=axis,
            features=maps(features),
            hidden=tuple(maps(h) for h in hidden),
            output=_finite(out.reshape(n, n), fill),
            weights=tuple(_finite(d.params["W"].copy(), 0.0) for d in dense),
            biases=tuple(_finite(d.params["b"].copy(), 0.0) for d in dense),
            task=self.task,
        )

    def layer_table(self) -> pd.DataFrame:
        """The latest epoch per layer: one row per hidden layer plus the output layer, with
        the Dense layer's gradient and weight norms, the dead fraction, BN running mean and
        variance (averaged over units) and the PReLU slope (NaN where a layer has none)."""
        rec = self.last
        n_hidden = len(self.state.hidden)
        nan = float("nan")

        def pick(values: tuple[float, ...], i: int) -> float:
            return values[i] if i < len(values) else nan

        rows = []
        for i in range(n_hidden + 1):
            hidden = i < n_hidden
            rows.append(
                {
                    "layer": i + 1 if hidden else "out",
                    "grad_norm": pick(rec.grad_norms, i),
                    "weight_norm": pick(rec.weight_norms, i),
                    "dead": pick(rec.dead_fraction, i) if hidden else nan,
                    "bn_mean": pick(rec.bn_mean, i) if hidden else nan,
                    "bn_var": pick(rec.bn_var, i) if hidden else nan,
                    "prelu": pick(rec.prelu_slopes, i) if hidden else nan,
                }
            )
        return pd.DataFrame(rows)

    def points(self) -> dict[str, np.ndarray]:
        """Training and test points (box coordinates) and their targets."""
        data = self.run.data
        return {"x_train": data.x_train, "y_train": data.y_train, "x_test": data.x_test,
                "y_test": data.y_test}  # fmt: skip

    # -- records and export --------------------------------------------------------------------

    def history(self) -> pd.DataFrame:
        """One row per epoch (EpochRecord.to_row columns), epoch 0 being the untrained net."""
        n = len(self._columns["epoch"])
        return pd.DataFrame({k: v[:n] for k, v in self._columns.items()})

    def history_csv(self) -> str:
        """The history with a ``change`` column naming the settings changed before an epoch."""
        frame = self.history()
        notes = {
            c.epoch + 1: "; ".join(f"{k}: {a}→{b}" for k, a, b in c.fields) for c in self.changes
        }
        frame["change"] = [notes.get(int(e), "") for e in frame["epoch"]]
        return frame.to_csv(index=False)

    def config_frame(self) -> pd.DataFrame:
        """The set-up: playground settings (URL form), the engine's TrainConfig at the start,
        and every mid-run change."""
        rows = [("playground", k, v) for k, v in encode(self.start_state).items()]
        rows += [
            ("train_config", f.name, repr(getattr(self.initial_config, f.name)))
            for f in dataclasses.fields(self.initial_config)
        ]
        rows += [
            (f"change after epoch {c.epoch}", key, f"{old} → {new}")
            for c in self.changes
            for key, old, new in c.fields
        ]
        rows.append(("run", "epochs_trained", str(self.epoch)))
        return pd.DataFrame(rows, columns=["section", "setting", "value"])

    def config_csv(self) -> str:
        buffer = io.StringIO()
        self.config_frame().to_csv(buffer, index=False)
        return buffer.getvalue()

    def script(self, file_name: str = "playground_run.py") -> str:
        """A NumPy-only script (via qa_core) that replays this run to its current epoch."""
        updates = [(c.epoch, dict(c.update)) for c in self.changes]
        epochs = len(self._columns["epoch"]) - 1
        return reproduction_script(self.initial_config, updates, epochs, file_name)


__all__ = [
    "GRID_N",
    "Applied",
    "Change",
    "LiveRun",
    "Snapshot",
    "discretized",
    "forward_units",
]
