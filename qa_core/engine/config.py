"""``TrainConfig``: every knob of a training run, validated before any work starts.

A frozen (hashable) dataclass, so a page can use it as an ``st.cache_data`` key. Every invalid
value raises ValueError naming the field and its allowed range, e.g.
"dropout must be in [0, 1), got 1.2". Upper bounds keep a page from asking for absurd work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from qa_core.engine import activations, checks
from qa_core.engine.data import DATASETS, FEATURES, split_sizes
from qa_core.engine.layers import INITS
from qa_core.engine.optim import OPTIMIZERS
from qa_core.engine.schedules import SCHEDULES, Schedule
from qa_core.engine.schedules import make as make_schedule

MAX_EPOCHS = 10_000
MAX_WIDTH = 1024
MAX_DEPTH = 100
MAX_SAMPLES = 100_000
MAX_ROWS = 200_000  # training rows after augmentation
NORMS = ("none", "batch", "layer", "group", "rms")  # TrainConfig.norm


@dataclass(frozen=True)
class TrainConfig:
    """One training run: data, model, regularisation, optimiser, schedule.

    Data: ``dataset`` (see qa_core.engine.data.DATASETS), ``n_samples`` points, Gaussian ``noise``
    (native units), ``test_fraction`` held out for testing, ``validation_fraction`` held out
    for validation (0: no validation split), ``data_seed`` (None: use ``seed``), input
    ``features``, ``task`` (None: the data set's own task, see ``resolved_task``).
    Model: ``hidden`` widths, ``activation`` with ``activation_params`` (pairs or a mapping),
    ``init`` ("he" | "xavier" | "xavier_uniform" | "lecun" | "normal" | "zeros"), ``init_std``
    (for "normal"), ``weight_scale`` (multiplies every initial weight), ``batch_norm`` (before
    each activation; PyTorch ``bn_momentum`` 0.1), ``dropout`` (drop probability, after each
    activation).
    Training: ``l1``/``l2`` penalties on Dense weights, ``optimizer``, ``lr``, ``momentum``
    (for "momentum"), ``batch_size``, ``epochs``, ``seed``, ``grad_clip`` (global norm, None
    = off), ``augment_copies`` jittered copies of the training set with std ``augment_sigma``
    (box units), ``early_stopping_patience`` (epochs without a better validation loss; None =
    off), ``label_smoothing`` ε of the cross-entropy (classification only; targets
    (1 − ε)·onehot + ε/C as PyTorch's ``cross_entropy``), ``weight_decay`` λ of the optimiser
    on Dense weights only (None: its default, 0.01 for "adamw", else 0; coupled into the gradient
    except for "adamw"), ``schedule`` of the learning rate per epoch with ``warmup_epochs``
    (see qa_core.engine.schedules). Early stopping needs a validation split: choosing when to stop by the test loss
    would make the test score an optimistic estimate, so it raises ValueError without one.
    ``norm`` ("none" | "batch" | "layer" | "group" | "rms"; None follows ``batch_norm``, so old
    configs keep their meaning) before each activation; "group" uses gcd(``norm_groups``, width).
    Residual: ``residual`` (pre-activation skip blocks of two Dense layers, see ``build_mlp``;
    ``init`` may also be "orthogonal" or "constant", every weight = ``init_std``),
    ``zero_init_residual`` (each block's last weights start at 0; needs ``residual``).
    """

    dataset: str = "moons"
    n_samples: int = 1000
    noise: float = 0.2
    test_fraction: float = 0.2
    data_seed: int | None = None
    features: tuple[str, ...] = ("x1", "x2")
    task: str | None = None
    hidden: tuple[int, ...] = (64, 64)
    activation: str = "relu"
    activation_params: tuple[tuple[str, float], ...] = ()
    init: str = "he"
    init_std: float = 0.01
    weight_scale: float = 1.0
    batch_norm: bool = False
    bn_momentum: float = 0.1
    dropout: float = 0.0
    l1: float = 0.0
    l2: float = 0.0
    optimizer: str = "adam"
    lr: float = 0.01
    momentum: float = 0.9
    batch_size: int = 64
    epochs: int = 100
    seed: int = 0
    grad_clip: float | None = None
    augment_copies: int = 0
    augment_sigma: float = 0.3
    early_stopping_patience: int | None = None
    validation_fraction: float = 0.0
    label_smoothing: float = 0.0
    norm: str | None = None
    norm_groups: int = 2
    weight_decay: float | None = None
    schedule: str = "constant"
    warmup_epochs: int = 0
    residual: bool = False
    zero_init_residual: bool = False

    def __post_init__(self) -> None:
        # Normalise containers so the config stays hashable.
        for name in ("hidden", "features"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        params = self.activation_params
        if isinstance(params, Mapping):
            params = tuple(sorted(params.items()))
        elif isinstance(params, list):
            params = tuple(tuple(p) for p in params)
        object.__setattr__(self, "activation_params", params)
        self.validate()

    @property
    def resolved_task(self) -> str:
        """``task``, or the data set's own task when ``task`` is None (the default). Kept apart
        so that ``dataclasses.replace(config, dataset="plane")`` stays valid."""
        return self.task if self.task is not None else DATASETS[self.dataset]

    @property
    def activation_kwargs(self) -> dict[str, float]:
        """``activation_params`` as keyword arguments."""
        return dict(self.activation_params)

    @property
    def resolved_norm(self) -> str:
        """``norm``, or "batch"/"none" from ``batch_norm`` when ``norm`` is None (the default)."""
        if self.norm is not None:
            return self.norm
        return "batch" if self.batch_norm else "none"

    @property
    def norm_kwargs(self) -> dict[str, object]:
        """``build_mlp``'s normalisation arguments: ``norm`` (resolved) and ``norm_groups``."""
        return {"norm": self.resolved_norm, "norm_groups": self.norm_groups}

    @property
    def structure_kwargs(self) -> dict[str, object]:
        """``build_mlp``'s normalisation and skip-connection arguments."""
        return {
            **self.norm_kwargs,
            "residual": self.residual,
            "zero_init_residual": self.zero_init_residual,
        }

    @property
    def optimizer_hyper(self) -> dict[str, float]:
        """The keywords of ``optim.make`` this config sets: ``momentum`` for "momentum" and
        "nesterov", ``weight_decay`` when it is not None."""
        hyper: dict[str, float] = {}
        if self.optimizer in ("momentum", "nesterov"):
            hyper["momentum"] = self.momentum
        if self.weight_decay is not None:
            hyper["weight_decay"] = self.weight_decay
        return hyper

    def lr_schedule(self) -> Schedule:
        """The learning rate of each epoch (0-based), from ``schedule``."""
        return make_schedule(self.schedule, self.lr, self.epochs, warmup=self.warmup_epochs)

    def validate(self) -> None:
        """Raise ValueError for the first invalid field, naming it and its allowed range."""
        checks.choice("dataset", self.dataset, list(DATASETS))
        checks.integer("n_samples", self.n_samples, 10, MAX_SAMPLES)
        checks.real("noise", self.noise, 0.0, 2.0)
        checks.real("test_fraction", self.test_fraction, 0.0, 1.0, low_open=True, high_open=True)
        checks.real("validation_fraction", self.validation_fraction, 0.0, 1.0, high_open=True)
        n_train, n_val, _ = split_sizes(
            self.n_samples, self.test_fraction, self.validation_fraction
        )
        if self.data_seed is not None:
            checks.integer("data_seed", self.data_seed, 0, 2**63 - 1)
        if (
            not isinstance(self.features, tuple)
            or not self.features
            or any(f not in FEATURES for f in self.features)
            or len(set(self.features)) != len(self.features)
        ):
            raise ValueError(
                f"features must be a non-empty tuple of distinct names from "
                f"{', '.join(FEATURES)}; got {self.features!r}"
            )
        if self.task is not None:
            checks.choice("task", self.task, ("classification", "regression"))
            if self.task != DATASETS[self.dataset]:
                raise ValueError(
                    f"task must be {DATASETS[self.dataset]!r} for dataset {self.dataset!r}, "
                    f"got {self.task!r}"
                )
        if not isinstance(self.hidden, tuple) or len(self.hidden) > MAX_DEPTH:
            raise ValueError(
                f"hidden must be a tuple of at most {MAX_DEPTH} widths, got {self.hidden!r}"
            )
        for width in self.hidden:
            checks.integer("hidden width", width, 1, MAX_WIDTH)
        checks.choice("activation", self.activation, activations.names())
        if not all(isinstance(p, tuple) and len(p) == 2 for p in self.activation_params):
            raise ValueError(
                "activation_params must be (name, value) pairs or a mapping, "
                f"got {self.activation_params!r}"
            )
        activations.get(self.activation, **self.activation_kwargs)  # names a bad parameter
        checks.choice("init", self.init, INITS)
        checks.real("init_std", self.init_std, 0.0, 100.0, low_open=True)
        checks.real("weight_scale", self.weight_scale, 0.0, 100.0)
        if not isinstance(self.batch_norm, bool):
            raise ValueError(f"batch_norm must be True or False, got {self.batch_norm!r}")
        checks.real("bn_momentum", self.bn_momentum, 0.0, 1.0, low_open=True)
        if self.norm is not None:
            checks.choice("norm", self.norm, NORMS)
            if self.batch_norm and self.norm != "batch":
                raise ValueError(
                    f"norm must be 'batch' or None with batch_norm=True, got {self.norm!r}"
                )
        checks.integer("norm_groups", self.norm_groups, 1, MAX_WIDTH)
        checks.real("dropout", self.dropout, 0.0, 1.0, high_open=True)
        checks.real("l1", self.l1, 0.0, 10.0)
        checks.real("l2", self.l2, 0.0, 10.0)
        checks.choice("optimizer", self.optimizer, OPTIMIZERS)
        checks.real("lr", self.lr, 0.0, 100.0, low_open=True)
        checks.real("momentum", self.momentum, 0.0, 1.0, high_open=True)
        checks.integer("batch_size", self.batch_size, 1, MAX_ROWS)
        if self.resolved_norm == "batch" and self.batch_size < 2:
            raise ValueError(
                "batch_size must be >= 2 with batch_norm (a batch of one has no variance), "
                f"got {self.batch_size!r}"
            )
        checks.integer("epochs", self.epochs, 1, MAX_EPOCHS)
        checks.integer("seed", self.seed, 0, 2**63 - 1)
        if self.grad_clip is not None:
            checks.real("grad_clip", self.grad_clip, 0.0, 1e6, low_open=True)
        checks.real("label_smoothing", self.label_smoothing, 0.0, 1.0)
        if self.label_smoothing and self.resolved_task != "classification":
            raise ValueError(
                "label_smoothing must be 0 for a regression data set (it smooths class "
                f"targets), got {self.label_smoothing!r}"
            )
        if self.weight_decay is not None:
            checks.real("weight_decay", self.weight_decay, 0.0, 10.0)
        checks.choice("schedule", self.schedule, SCHEDULES)
        checks.integer("warmup_epochs", self.warmup_epochs, 0, self.epochs)
        if self.schedule == "warmup_cosine" and self.warmup_epochs < 1:
            raise ValueError(
                f"warmup_epochs must be an integer in [1, {self.epochs}] with schedule "
                f"'warmup_cosine', got {self.warmup_epochs!r}"
            )
        for name in ("residual", "zero_init_residual"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if self.zero_init_residual and not self.residual:
            raise ValueError("zero_init_residual must be False without residual (no blocks)")
        checks.integer("augment_copies", self.augment_copies, 0, 20)
        checks.real("augment_sigma", self.augment_sigma, 0.0, 6.0)
        rows = n_train * (1 + self.augment_copies)
        if rows > MAX_ROWS:
            raise ValueError(
                f"augment_copies must keep (1 + augment_copies)·n_train <= {MAX_ROWS}, "
                f"got {rows} rows"
            )
        if self.early_stopping_patience is not None:
            checks.integer("early_stopping_patience", self.early_stopping_patience, 1, MAX_EPOCHS)
            if n_val == 0:
                raise ValueError(
                    "early_stopping_patience needs a validation split (validation_fraction > 0): "
                    "stopping when the test loss stops improving would choose the epoch by the "
                    "test set, and the test score would no longer be an unbiased estimate"
                )


__all__ = ["MAX_DEPTH", "MAX_EPOCHS", "MAX_SAMPLES", "MAX_WIDTH", "NORMS", "TrainConfig"]
