"""The playground's settings as one PlaygroundState: its choices, the engine config it maps
to, and validate for combinations that cannot run (each fix said as a UrlMessage)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from qa_core.engine import activations
from qa_core.engine.config import MAX_EPOCHS, TrainConfig
from qa_core.engine.schedules import SCHEDULES as ENGINE_SCHEDULES

# -- the choices ----------------------------------------------------------------------------

#: Playground data-set id -> the engine's data-set name (qa_core.engine.data.DATASETS).
DATASET_NAMES: dict[str, str] = {
    "circle": "circles",
    "xor": "xor",
    "gauss": "blobs",
    "spiral": "spiral",
    "moons": "moons",
    "plane": "plane",
    "reg_gauss": "reg_gaussian",
}
PROBLEMS: tuple[str, ...] = ("classification", "regression")
DATASETS_BY_PROBLEM: dict[str, tuple[str, ...]] = {
    "classification": ("circle", "xor", "gauss", "spiral", "moons"),
    "regression": ("plane", "reg_gauss"),
}

#: Input-feature id (URL- and widget-safe) -> the engine's feature name (qa_core.engine.data.FEATURES).
FEATURE_NAMES: dict[str, str] = {
    "x1": "x1",
    "x2": "x2",
    "x1sq": "x1^2",
    "x2sq": "x2^2",
    "x1x2": "x1x2",
    "sinx1": "sin_x1",
    "sinx2": "sin_x2",
}
FEATURES: tuple[str, ...] = tuple(FEATURE_NAMES)

N_SAMPLES = 500  # TF Playground's 500 points; ratio 50 % gives 250 training points
MAX_LAYERS = 6
MAX_WIDTH_BASIC = 8  # TF Playground's limit
MAX_WIDTH = 64  # the "advanced" limit
MAX_SEED = 999_999
LEARNING_RATES: tuple[float, ...] = (1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES: tuple[float, ...] = (0.0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARISERS: tuple[str, ...] = ("none", "l1", "l2")
OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adam", "nesterov", "adagrad", "rmsprop", "adamw")
SCHEDULES: tuple[str, ...] = ENGINE_SCHEDULES
SCHEDULE_EPOCHS: tuple[int, ...] = (20, 50, 100, 200, 500, 1000)
ACTIVATIONS: tuple[str, ...] = activations.names()
NOISE_MAX, NOISE_STEP = 1.0, 0.05
DROPOUT_MAX, DROPOUT_STEP = 0.9, 0.05
SMOOTHING_MAX, SMOOTHING_STEP = 0.3, 0.05
RATIO_MIN, RATIO_MAX, RATIO_STEP = 10, 90, 10
BATCH_MIN, BATCH_MAX = 1, 64
#: The playground's normalisations (TrainConfig.norm's choices). Batch norm is kept as the
#: ``batch_norm`` switch (old links' ``bn=1``); ``norm`` holds the per-example ones, "batch" only
#: as a link's alias that ``validate`` turns into ``batch_norm``.
NORM_CHOICES: tuple[str, ...] = ("none", "batch", "layer", "group", "rms")

#: Weight initialisations: "auto" is the one matched to the activation (``init_for``);
#: "constant" sets every weight to CONSTANT_WEIGHT (the symmetry the random ones break).
INIT_CHOICES: tuple[str, ...] = ("auto", "xavier", "he", "lecun", "orthogonal", "constant")
CONSTANT_WEIGHT = 0.5

#: Sigmoid-like activations get Xavier/Glorot initialisation (Glorot & Bengio 2010); the
#: ReLU family and its smooth cousins get He initialisation (He et al. 2015); SELU gets the
#: LeCun-normal initialisation its self-normalisation assumes (Klambauer et al. 2017).
XAVIER_ACTIVATIONS = frozenset({"sigmoid", "tanh", "softplus"})
LECUN_ACTIVATIONS = frozenset({"selu"})


def init_for(activation: str) -> str:
    """The weight initialisation the playground uses with ``activation``."""
    if activation in XAVIER_ACTIVATIONS:
        return "xavier"
    return "lecun" if activation in LECUN_ACTIVATIONS else "he"


@dataclass(frozen=True)
class PlaygroundState:
    """Every setting of the playground, as plain values with the page's ids.

    ``ratio`` is the percentage of the 500 points used for training; ``reg`` picks the
    penalty ("none", "l1", "l2") and ``reg_rate`` its strength; ``dropout`` is the drop
    probability after each hidden activation; ``label_smoothing`` is the cross-entropy's ε
    (classification only: a regression run ignores it). ``norm`` is "none" or a per-example
    normalisation ("layer", "group", "rms") before each hidden activation, batch norm being
    ``batch_norm`` (see ``effective_norm``). ``show_test`` and ``discretize`` only change
    the picture. ``schedule`` shapes the learning rate over ``schedule_epochs`` epochs (the last
    rate is kept after them; warm-up + cosine warms up over the first 5 %). ``residual`` puts
    skips x + F(x) around pairs of equal-width hidden layers (pre-activation blocks, see
    qa_core.engine.network.build_mlp); ``init`` is one of INIT_CHOICES. The defaults are TF
    Playground's (circle, tanh, lr 0.03, batch 10, 50 %
    training data) with 2 hidden layers of 4 units.
    """

    problem: str = "classification"
    dataset: str = "circle"
    noise: float = 0.1
    ratio: int = 50
    batch_size: int = 10
    seed: int = 0
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 4)
    activation: str = "tanh"
    lr: float = 0.03
    reg: str = "none"
    reg_rate: float = 0.0
    dropout: float = 0.0
    batch_norm: bool = False
    optimizer: str = "sgd"
    label_smoothing: float = 0.0
    show_test: bool = False
    discretize: bool = False
    norm: str = "none"
    schedule: str = "constant"
    schedule_epochs: int = 100
    residual: bool = False
    init: str = "auto"

    @property
    def advanced(self) -> bool:
        """True when a layer is wider than TF Playground's 8 units."""
        return any(w > MAX_WIDTH_BASIC for w in self.hidden)


DEFAULT = PlaygroundState()

#: Fields whose change needs a fresh run (new data, new network); the rest are either
#: training knobs that ``Run.update`` changes mid-run or view-only switches.
REBUILD_FIELDS: tuple[str, ...] = (
    "problem",
    "dataset",
    "noise",
    "ratio",
    "seed",
    "features",
    "hidden",
    "activation",
    "batch_norm",
    "norm",
    "residual",
    "init",
)
LIVE_FIELDS: tuple[str, ...] = (
    "lr", "reg", "reg_rate", "dropout", "optimizer", "batch_size", "label_smoothing",
    "schedule", "schedule_epochs",
)  # fmt: skip
VIEW_FIELDS: tuple[str, ...] = ("show_test", "discretize")


def penalties(state: PlaygroundState) -> tuple[float, float]:
    """(l1, l2) for the engine from the regulariser choice and its rate."""
    if state.reg == "l1":
        return float(state.reg_rate), 0.0
    if state.reg == "l2":
        return 0.0, float(state.reg_rate)
    return 0.0, 0.0


def train_fields(state: PlaygroundState) -> dict[str, object]:
    """The TrainConfig fields a live change may touch (see qa_core.engine.training.MUTABLE_FIELDS)."""
    l1, l2 = penalties(state)
    return {
        "lr": float(state.lr),
        "l1": l1,
        "l2": l2,
        "dropout": float(state.dropout),
        "optimizer": state.optimizer,
        "batch_size": int(state.batch_size),
        # smoothing applies to class targets: a regression run trains with ε = 0
        "label_smoothing": float(state.label_smoothing)
        if state.problem == "classification"
        else 0.0,
        # a constant rate keeps the open-ended run of before; a schedule spans schedule_epochs
        "schedule": state.schedule,
        "epochs": MAX_EPOCHS if state.schedule == "constant" else int(state.schedule_epochs),
        "warmup_epochs": warmup_for(state),
    }


def effective_norm(state: PlaygroundState) -> str:
    """The normalisation the network uses: ``norm`` when it names one, else "batch" with
    ``batch_norm`` on, else "none"."""
    if state.norm != "none":
        return state.norm
    return "batch" if state.batch_norm else "none"


def norm_fields(choice: str) -> dict[str, object]:
    """The state's ``batch_norm`` and ``norm`` for one of NORM_CHOICES (the settings' choice)."""
    return {"batch_norm": choice == "batch", "norm": "none" if choice == "batch" else choice}


def warmup_for(state: PlaygroundState) -> int:
    """Warm-up epochs: 5 % of ``schedule_epochs`` (at least 1) for warm-up + cosine, else 0."""
    if state.schedule != "warmup_cosine":
        return 0
    return max(1, round(0.05 * state.schedule_epochs))


def to_config(state: PlaygroundState) -> TrainConfig:
    """The engine's TrainConfig for ``state`` (open-ended: ``epochs`` is the engine's cap)."""
    return TrainConfig(
        dataset=DATASET_NAMES[state.dataset],
        n_samples=N_SAMPLES,
        noise=float(state.noise),
        test_fraction=round(1.0 - state.ratio / 100.0, 10),
        features=tuple(FEATURE_NAMES[f] for f in state.features),
        hidden=tuple(int(w) for w in state.hidden),
        activation=state.activation,
        init=init_for(state.activation) if state.init == "auto" else state.init,
        batch_norm=effective_norm(state) == "batch",
        norm=effective_norm(state),
        seed=int(state.seed),
        **train_fields(state),
        residual=bool(state.residual),
        **({"init_std": CONSTANT_WEIGHT} if state.init == "constant" else {}),
    )


def next_seed(seed: int) -> int:
    """The seed after ``seed`` ("new data"), back to 0 after MAX_SEED."""
    return (int(seed) + 1) % (MAX_SEED + 1)


def dataset_for(problem: str, dataset: str | None) -> str:
    """``dataset`` if ``problem`` has it, else that problem's first data set."""
    choices = DATASETS_BY_PROBLEM[problem]
    return dataset if dataset in choices else choices[0]


def basic_width(width: int) -> int:
    """A layer's width outside advanced mode: at most TF Playground's MAX_WIDTH_BASIC."""
    return min(int(width), MAX_WIDTH_BASIC)


def lower_lr(lr: float) -> float:
    """The learning rate to suggest after a divergence: about ten times lower, on the grid."""
    index = LEARNING_RATES.index(nearest(lr, LEARNING_RATES, log=True))
    return LEARNING_RATES[max(index - 2, 0)]


def number_text(value: float) -> str:
    """Shortest text that reads back as the same float (0.03, 1e-05, 3)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def value_text(field: str, value: object) -> str:
    """A field's value as the URL writes it."""
    if field == "features":
        return ",".join(value)  # type: ignore[arg-type]
    if field == "hidden":
        return ",".join(str(w) for w in value) if value else "none"  # type: ignore[union-attr]
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def nearest(value: float, options: Sequence[float], log: bool = False) -> float:
    """The option closest to ``value`` (in log space when ``log``; zero stays zero)."""
    if log:
        positive = [o for o in options if o > 0]
        if value <= 0:
            return min(options)
        return min(positive, key=lambda o: abs(math.log(o) - math.log(value)))
    return min(options, key=lambda o: abs(o - value))


# -- messages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlMessage:
    """Why a setting was not taken as given.

    ``kind``: "rejected" (unreadable, unknown or out of range: the default was used),
    "adjusted" (clamped to the nearest allowed step, or changed to fit another setting),
    or "unknown_preset". ``key`` is the URL key, ``value`` the text given, ``used`` the
    value used instead (URL form) and ``allowed`` what would have been accepted, in English.

    ``rule`` says the same for a page to put in its own words: "options" (one of ``options``,
    ids a page names), "numbers" (``allowed`` is numbers only: "0 … 80", "0.1 | 0.3"), or a
    rule: "features" (some of FEATURES, comma-separated), "layers" (none, or up to MAX_LAYERS
    widths in 1 … MAX_WIDTH), "step" (the nearest allowed step), "bn_batch" (at least 2 with
    batch norm on), "one_feature" (at least one input feature).
    """

    kind: str
    key: str
    value: str
    used: str
    allowed: str
    rule: str = "numbers"
    options: tuple[str, ...] = ()


def options_message(kind: str, key: str, value: str, used: str, options: Sequence[str]):
    """A UrlMessage for a value that must be one of ``options`` (ids)."""
    return UrlMessage(kind, key, value, used, " | ".join(options), "options", tuple(options))


def validate(state: PlaygroundState) -> tuple[PlaygroundState, tuple[UrlMessage, ...]]:
    """Fix combinations that cannot run and say what changed.

    A data set of the other problem type becomes that problem's first data set; ``norm=batch``
    becomes the batch-norm switch, and batch norm is switched off beside another norm; batch norm
    needs batches of at least 2 (a batch of one has no variance); at least one input feature
    (x1, x2 are used if none is on); widths stay within 1 … 64 and depth within 0 … 6.
    """
    fixes: list[UrlMessage] = []
    changes: dict[str, object] = {}
    allowed_sets = DATASETS_BY_PROBLEM.get(state.problem)
    if allowed_sets is None:
        changes["problem"] = DEFAULT.problem
        allowed_sets = DATASETS_BY_PROBLEM[DEFAULT.problem]
        fixes.append(
            options_message("rejected", "problem", str(state.problem), DEFAULT.problem, PROBLEMS)
        )
    if state.dataset not in allowed_sets:
        used = allowed_sets[0]
        changes["dataset"] = used
        fixes.append(options_message("adjusted", "dataset", str(state.dataset), used, allowed_sets))
    if state.norm == "batch":  # a link's norm=batch: the batch-norm switch, as bn=1
        changes.update(norm_fields("batch"))
    elif state.norm != "none" and state.batch_norm:  # bn=1 with another norm: the norm wins
        changes["batch_norm"] = False
        fixes.append(options_message("adjusted", "bn", "1", "0", ("0",)))
    if changes.get("batch_norm", state.batch_norm) and state.batch_size < 2:
        changes["batch_size"] = 2
        fixes.append(
            UrlMessage("adjusted", "batch", str(state.batch_size), "2", "≥ 2 with bn=1", "bn_batch")
        )
    if not state.features:
        changes["features"] = DEFAULT.features
        fixes.append(
            UrlMessage("adjusted", "features", "", "x1,x2", "at least one feature", "one_feature")
        )
    if len(state.hidden) > MAX_LAYERS or not all(1 <= w <= MAX_WIDTH for w in state.hidden):
        changes["hidden"] = DEFAULT.hidden
        fixes.append(
            UrlMessage(
                "rejected",
                "layers",
                value_text("hidden", state.hidden),
                value_text("hidden", DEFAULT.hidden),
                f"≤ {MAX_LAYERS} layers of 1 … {MAX_WIDTH}",
                "layers",
            )
        )
    if not changes:
        return state, ()
    return dataclasses.replace(state, **changes), tuple(fixes)
