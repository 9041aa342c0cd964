"""Training runs: a ``Run`` steps one epoch at a time and reports an ``EpochRecord``.

- ``Run(config)``: network, data, optimiser and the run's own ``np.random.default_rng(seed)``
  (weights, augmentation, shuffling, dropout masks and RReLU slopes all draw from it, in that
  order; data come from their own stream, see qa_core.engine.data). ``run.step()`` trains one epoch;
  ``run.update(lr=..., l2=..., dropout=..., optimizer=...)`` changes knobs mid-run and keeps the
  weights. Same config → bitwise identical records.
- ``train(config)``: an iterator of records, one per epoch, until ``config.epochs``, divergence
  or early stopping (on the validation loss: it needs ``validation_fraction`` > 0, so the test
  set is only reported, never used to choose anything). ``history(config)``: as a DataFrame.
- Mini-batches: a fresh permutation each epoch; a trailing batch of ONE joins the one before.
- A diverging run stops: the record says ``diverged="diverged at epoch k: <why>"`` — the loss
  or weights became non-finite, the training loss rose above 10× max(its value before
  training, 1), or a weight matrix's norm passed 1e6. Nothing is raised, no float warning escapes.
- Per-epoch metrics come from ONE eval-mode forward pass over train (+ validation) + test
  together: train, validation (when there is a validation split) and test loss/accuracy (the
  data loss, label-smoothed if the run is; the penalty is reported apart) and the dead fraction
  of every hidden activation layer (units whose output is exactly 0 on every training point).
  Training metrics use the original training points, not augmented copies.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import optim
from qa_core.engine.config import TrainConfig
from qa_core.engine.data import BOX, Dataset, augment, make_dataset
from qa_core.engine.network import Network, build_mlp

#: A run has diverged when its loss or weights become non-finite, when its training loss
#: exceeds DIVERGENCE_LOSS_FACTOR × max(loss before training, 1), or when a Dense weight matrix's norm
#: exceeds DIVERGENCE_WEIGHT_NORM (too large a learning rate: the loss climbs instead of
#: falling, or the weights blow up while dead ReLUs keep the loss finite).
DIVERGENCE_LOSS_FACTOR = 10.0
DIVERGENCE_WEIGHT_NORM = 1e6

#: Fields ``Run.update`` may change without rebuilding the network.
MUTABLE_FIELDS = frozenset(
    {
        "lr",
        "l1",
        "l2",
        "dropout",
        "optimizer",
        "momentum",
        "batch_size",
        "grad_clip",
        "epochs",
        "early_stopping_patience",
        "label_smoothing",
    }
) | {"weight_decay", "schedule", "warmup_epochs"}


@dataclass(frozen=True)
class EpochRecord:
    """What one epoch did. Per-layer tuples run from the input side to the output side.

    - ``train_loss``/``test_loss``: data loss in eval mode (cross-entropy or MSE);
      ``penalty``: l1·Σ|W| + (l2/2)·ΣW² at the end of the epoch.
    - ``train_acc``/``test_acc``: accuracy in [0, 1]; None for regression.
    - ``val_loss``/``val_acc``: the same on the validation split; None without one (and then
      ``to_row`` leaves them out, so a run without a validation split has the columns it
      always had).
    - ``grad_norms``: per Dense layer, mean over the epoch's mini-batches of ‖∂L_data/∂W‖₂
      (before penalties and clipping). ``weight_norms``: ‖W‖₂ per Dense layer after the epoch.
    - ``dead_fraction``: per hidden activation layer, the fraction of units that output exactly
      0 on every training point (eval mode).
    - ``prelu_slopes``: the (mean) slope a of each PReLU layer; ``bn_mean``/``bn_var``: mean of
      each BatchNorm layer's running mean / running variance.
    - ``lr``, ``optimizer``: in effect during the epoch. ``diverged``: None or the reason;
      ``stopped``: None or the early-stopping reason.
    """

    epoch: int
    train_loss: float
    test_loss: float
    train_acc: float | None
    test_acc: float | None
    penalty: float
    grad_norms: tuple[float, ...]
    weight_norms: tuple[float, ...]
    dead_fraction: tuple[float, ...]
    prelu_slopes: tuple[float, ...]
    bn_mean: tuple[float, ...]
    bn_var: tuple[float, ...]
    lr: float
    optimizer: str
    val_loss: float | None = None
    val_acc: float | None = None
    diverged: str | None = None
    stopped: str | None = None

    def to_row(self) -> dict[str, object]:
        """A flat dict: per-layer tuples become columns grad_norm_0, dead_0, ..."""
        row: dict[str, object] = {}
        expand = {
            "grad_norms": "grad_norm",
            "weight_norms": "weight_norm",
            "dead_fraction": "dead",
            "prelu_slopes": "prelu",
            "bn_mean": "bn_mean",
            "bn_var": "bn_var",
        }
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in ("val_loss", "val_acc") and self.val_loss is None:
                continue
            if f.name in expand:
                row.update({f"{expand[f.name]}_{i}": v for i, v in enumerate(value)})
            else:
                row[f.name] = value
        return row


def batch_bounds(n: int, batch_size: int) -> list[tuple[int, int]]:
    """[start, stop) of each mini-batch; a trailing batch of one joins the one before it."""
    starts = list(range(0, n, batch_size))
    bounds = [(s, min(s + batch_size, n)) for s in starts]
    if len(bounds) > 1 and bounds[-1][1] - bounds[-1][0] == 1:
        bounds[-2:] = [(bounds[-2][0], n)]
    return bounds


class Run:
    """A training run that advances one epoch per ``step()``."""

    def __init__(self, config: TrainConfig) -> None:
        if not isinstance(config, TrainConfig):
            raise ValueError(f"config must be a TrainConfig, got {type(config).__name__}")
        self.config = config
        self.rng = np.random.default_rng(config.seed)
        data_seed = config.seed if config.data_seed is None else config.data_seed
        self.data: Dataset = make_dataset(
            config.dataset,
            n_samples=config.n_samples,
            noise=config.noise,
            test_fraction=config.test_fraction,
            seed=data_seed,
            features=config.features,
            validation_fraction=config.validation_fraction,
        )
        self.network: Network = build_mlp(
            self.data.n_inputs,
            config.hidden,
            self.data.n_classes or 1,
            activation=config.activation,
            activation_params=config.activation_kwargs,
            init=config.init,
            std=config.init_std,
            weight_scale=config.weight_scale,
            **config.structure_kwargs,
            bn_momentum=config.bn_momentum,
            dropout=config.dropout,
            always_dropout=True,
            task=config.resolved_task,
            label_smoothing=config.label_smoothing,
            rng=self.rng,
        )
        x_fit, y_fit = augment(
            self.data.x_train,
            self.data.y_train,
            config.augment_copies,
            config.augment_sigma,
            self.rng,
        )
        self._x_fit = self.data.inputs(x_fit)
        self._y_fit = y_fit
        self._n_train = len(self.data.x_train)
        self._n_val = len(self.data.x_val)
        self._x_eval = self.data.inputs(
            np.concatenate([self.data.x_train, self.data.x_val, self.data.x_test])
        )
        self._bounds = batch_bounds(len(self._x_fit), config.batch_size)
        self.optimizer: optim.Optimizer = self._make_optimizer(config)
        self.epoch = 0
        self.records: list[EpochRecord] = []
        self.diverged: str | None = None
        self.stopped: str | None = None
        self.best_val_loss = np.inf
        self.best_epoch = 0
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            out = self.network.forward(self._x_eval[: self._n_train], training=False)
            self.initial_train_loss = float(self.network.loss(out, self.data.y_train)[0])

    # -- control ---------------------------------------------------------------------------

    @property
    def n_fit(self) -> int:
        """Rows trained on per epoch (training points plus augmented copies)."""
        return len(self._x_fit)

    @property
    def done(self) -> bool:
        """True after ``config.epochs`` epochs, divergence or early stopping."""
        return bool(self.diverged or self.stopped) or self.epoch >= self.config.epochs

    def update(self, **changes: object) -> None:
        """Change training knobs mid-run (see MUTABLE_FIELDS), keeping the weights.

        lr, l1/l2, dropout, batch size, label smoothing, schedule take effect at the next step; a
        new optimiser or its hyper-parameters start it with empty state. Validated like TrainConfig.
        """
        frozen = set(changes) - MUTABLE_FIELDS
        if frozen:
            raise ValueError(
                f"cannot change {', '.join(sorted(frozen))} mid-run (allowed: "
                f"{', '.join(sorted(MUTABLE_FIELDS))}); start a new Run instead"
            )
        new = dataclasses.replace(self.config, **changes)
        old, self.config = self.config, new
        if new.optimizer != old.optimizer or new.optimizer_hyper != old.optimizer_hyper:
            self.optimizer = self._make_optimizer(new)
        self.optimizer.lr = new.lr
        for layer in self.network.dropout_layers:
            layer.p = new.dropout
        self.network.label_smoothing = new.label_smoothing
        self._bounds = batch_bounds(len(self._x_fit), new.batch_size)
        if new.early_stopping_patience != old.early_stopping_patience:
            self.stopped = None

    def _make_optimizer(self, cfg: TrainConfig) -> optim.Optimizer:  # decay: Dense weights only
        n, size = self.network.n_weights, self.network.theta.size
        return optim.make(cfg.optimizer, cfg.lr, **cfg.optimizer_hyper).decay_first(n, size)

    # -- one epoch ---------------------------------------------------------------------------

    def step(self) -> EpochRecord:
        """Train one epoch (a reshuffled pass over the training rows) and evaluate.

        Stepping past ``config.epochs`` is allowed (the playground runs open-ended); only
        ``train``/``__iter__`` stop there. Raises ValueError once the run has diverged.
        """
        if self.diverged:
            raise ValueError(f"this run has {self.diverged}; start a new Run")
        cfg, net, opt = self.config, self.network, self.optimizer
        opt.lr = cfg.lr_schedule()(min(self.epoch, cfg.epochs - 1))  # then the last rate
        self.epoch += 1
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            order = self.rng.permutation(len(self._x_fit))
            xs, ys = self._x_fit[order], self._y_fit[order]
            norms = np.zeros(len(net.dense_layers))
            steps = 0
            finite = True
            for start, stop in self._bounds:
                out = net.forward(xs[start:stop], True)
                loss, dout = net.loss(out, ys[start:stop])
                if not np.isfinite(loss):
                    finite = False
                    break
                net.backward(dout, input_grad=False)
                norms += net.grad_norms()
                if cfg.l1 or cfg.l2:
                    net.add_penalty_grad(cfg.l1, cfg.l2)
                if cfg.grad_clip is not None:
                    optim.clip_by_global_norm([net.grad], cfg.grad_clip)
                opt.step([net.theta], [net.grad])
                steps += 1
            record = self._evaluate(norms / max(steps, 1), finite)
        self.records.append(record)
        return record

    def evaluate(self) -> EpochRecord:
        """The current state as a record without training (e.g. epoch 0, before any step):
        grad_norms are NaN, and divergence / early-stopping state is left alone."""
        n_dense = len(self.network.dense_layers)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            return self._evaluate(np.full(n_dense, np.nan), True, update_state=False)

    def _evaluate(
        self, grad_norms: np.ndarray, finite: bool, update_state: bool = True
    ) -> EpochRecord:
        """One eval forward over train (+ validation) + test rows → the epoch's record."""
        cfg, net, n = self.config, self.network, self._n_train
        v = n + self._n_val  # validation rows are out[n:v], test rows out[v:]
        out = net.forward(self._x_eval, training=False)
        train_loss, _ = net.loss(out[:n], self.data.y_train)
        test_loss, _ = net.loss(out[v:], self.data.y_test)
        val_loss = float(net.loss(out[n:v], self.data.y_val)[0]) if self._n_val else None
        train_acc = test_acc = val_acc = None
        if net.task == "classification":
            pred = out.argmax(axis=1) if net.n_out > 1 else (out[:, 0] > 0).astype(int)
            train_acc = float(np.mean(pred[:n] == self.data.y_train))
            test_acc = float(np.mean(pred[v:] == self.data.y_test))
            if self._n_val:
                val_acc = float(np.mean(pred[n:v] == self.data.y_val))
        hidden = net.activation_layers[: len(cfg.hidden)]
        dead = tuple(float(np.mean(~np.any(ly.last_output[:n] != 0, axis=0))) for ly in hidden)
        weight_norms = net.weight_norms()
        penalty = net.penalty(cfg.l1, cfg.l2)
        if not update_state:
            pass
        elif diverged := self._divergence(finite, train_loss, test_loss, weight_norms, val_loss):
            self.diverged = diverged
        elif cfg.early_stopping_patience is not None and val_loss is not None:
            if val_loss < self.best_val_loss:
                self.best_val_loss, self.best_epoch = val_loss, self.epoch
            elif self.epoch - self.best_epoch >= cfg.early_stopping_patience:
                self.stopped = (
                    f"early stopping at epoch {self.epoch}: no better validation loss for "
                    f"{cfg.early_stopping_patience} epochs (best at epoch {self.best_epoch})"
                )
        return EpochRecord(
            epoch=self.epoch,
            train_loss=float(train_loss),
            test_loss=float(test_loss),
            train_acc=train_acc,
            test_acc=test_acc,
            penalty=float(penalty),
            grad_norms=tuple(float(g) for g in grad_norms),
            weight_norms=tuple(float(v) for v in weight_norms),
            dead_fraction=dead,
            prelu_slopes=tuple(float(ly.params["a"].mean()) for ly in net.prelu_layers),
            bn_mean=tuple(float(ly.running_mean.mean()) for ly in net.batchnorm_layers),
            bn_var=tuple(float(ly.running_var.mean()) for ly in net.batchnorm_layers),
            lr=self.optimizer.lr,
            optimizer=cfg.optimizer,
            val_loss=val_loss,
            val_acc=val_acc,
            diverged=self.diverged,
            stopped=self.stopped,
        )

    def _divergence(
        self,
        finite: bool,
        train_loss: float,
        test_loss: float,
        weight_norms: np.ndarray,
        val_loss: float | None = None,
    ) -> str | None:
        """The reason the run diverged this epoch, or None (see DIVERGENCE_* constants)."""
        where = f"diverged at epoch {self.epoch}"
        val_finite = val_loss is None or np.isfinite(val_loss)
        if not (finite and np.isfinite(train_loss) and np.isfinite(test_loss) and val_finite):
            return f"{where}: the loss became non-finite"
        if not np.all(np.isfinite(self.network.theta)):
            return f"{where}: the weights became non-finite"
        if weight_norms.max() > DIVERGENCE_WEIGHT_NORM:
            return f"{where}: a weight matrix norm exceeded {DIVERGENCE_WEIGHT_NORM:g}"
        limit = DIVERGENCE_LOSS_FACTOR * max(self.initial_train_loss, 1.0)
        if train_loss > limit:
            return (
                f"{where}: the training loss {train_loss:.3g} exceeded {limit:.3g} "
                f"({DIVERGENCE_LOSS_FACTOR:g}× max(initial loss {self.initial_train_loss:.3g}, 1))"
            )
        return None

    def __iter__(self) -> Iterator[EpochRecord]:
        """Step until done."""
        while not self.done:
            yield self.step()

    # -- predictions ---------------------------------------------------------------------------

    def predict_proba(self, points: np.ndarray) -> np.ndarray:
        """Eval-mode predictions for box points (n, 2): probabilities (n, 2) or outputs (n,)."""
        return self.network.predict_proba(self.data.inputs(points))

    def grid(self, n: int = 200, extent: float = BOX) -> tuple[np.ndarray, np.ndarray]:
        """Axis values (n,) over [−extent, extent] and the prediction on the n×n grid:
        P(class 1) for classification, the output for regression; ``z[i, j]`` is at
        (x1 = axis[j], x2 = axis[i])."""
        axis = np.linspace(-extent, extent, n)
        x1, x2 = np.meshgrid(axis, axis)
        p = self.predict_proba(np.column_stack([x1.ravel(), x2.ravel()]))
        z = p if p.ndim == 1 else p[:, 1]
        return axis, z.reshape(n, n)


def _iterate(run: Run) -> Iterator[EpochRecord]:
    yield from run


def train(config: TrainConfig) -> Iterator[EpochRecord]:
    """Records of a fresh run, one per epoch, as they are produced. The config is validated
    and the run built before this returns (errors are not deferred to the first ``next``)."""
    return _iterate(Run(config))


def history(config: TrainConfig) -> pd.DataFrame:
    """Run ``config`` to the end: one row per epoch, per-layer values in numbered columns."""
    return pd.DataFrame([r.to_row() for r in train(config)])


__all__ = [
    "MUTABLE_FIELDS",
    "EpochRecord",
    "Run",
    "TrainConfig",
    "batch_bounds",
    "history",
    "train",
]
