"""The playground's settings: one ``PlaygroundState``, its URL codec, lesson presets, export.

A ``PlaygroundState`` holds every knob of the playground (TensorFlow Playground's state plus
dropout, batch norm and the optimiser) as plain values with the page's own ids. From it:

- ``to_config(state)`` builds the engine's ``TrainConfig`` (500 points, as in TF Playground);
- ``encode(state)`` gives the URL query parameters (every field, short stable ids) and
  ``decode(params)`` reads them back. Decoding never raises: unknown keys are ignored; a value
  that cannot be read, names an unknown choice or lies outside its range is **rejected** (the
  default is used); a value inside the range but between the allowed steps is **clamped** to
  the nearest step. Each rejection or adjustment comes back as a ``UrlMessage``;
- ``validate(state)`` fixes combinations that cannot run (a regression data set under the
  classification problem, batch norm with batches of one, no input feature) and says so;
- ``PRESETS``: lesson presets, each a state plus the one change that contrasts it;
- ``reproduction_script``: a short NumPy-only Python script (via qa_core) that replays a run,
  mid-run changes included, and prints its final losses.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa_core.engine import activations
from qa_core.engine.config import MAX_EPOCHS, TrainConfig

# -- the choices ----------------------------------------------------------------------------

#: Playground data-set id -> the engine's data-set name (qa_core.data.DATASETS).
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

#: Input-feature id (URL- and widget-safe) -> the engine's feature name (qa_core.data.FEATURES).
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
OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adam")
ACTIVATIONS: tuple[str, ...] = activations.names()
NOISE_MAX, NOISE_STEP = 1.0, 0.05
DROPOUT_MAX, DROPOUT_STEP = 0.9, 0.05
RATIO_MIN, RATIO_MAX, RATIO_STEP = 10, 90, 10
BATCH_MIN, BATCH_MAX = 1, 64

#: Sigmoid-like activations get Xavier/Glorot initialisation (Glorot & Bengio 2010); the
#: ReLU family and its smooth cousins get He initialisation (He et al. 2015).
XAVIER_ACTIVATIONS = frozenset({"sigmoid", "tanh", "softplus"})


@dataclass(frozen=True)
class PlaygroundState:
    """Every setting of the playground, as plain values with the page's ids.

    ``ratio`` is the percentage of the 500 points used for training; ``reg`` picks the
    penalty ("none", "l1", "l2") and ``reg_rate`` its strength; ``dropout`` is the drop
    probability after each hidden activation. ``show_test`` and ``discretize`` only change
    the picture. The defaults are TF Playground's (circle, tanh, lr 0.03, batch 10, 50 %
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
    show_test: bool = False
    discretize: bool = False

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
)
LIVE_FIELDS: tuple[str, ...] = ("lr", "reg", "reg_rate", "dropout", "optimizer", "batch_size")
VIEW_FIELDS: tuple[str, ...] = ("show_test", "discretize")


def penalties(state: PlaygroundState) -> tuple[float, float]:
    """(l1, l2) for the engine from the regulariser choice and its rate."""
    if state.reg == "l1":
        return float(state.reg_rate), 0.0
    if state.reg == "l2":
        return 0.0, float(state.reg_rate)
    return 0.0, 0.0


def train_fields(state: PlaygroundState) -> dict[str, object]:
    """The TrainConfig fields a live change may touch (see qa_core.training.MUTABLE_FIELDS)."""
    l1, l2 = penalties(state)
    return {
        "lr": float(state.lr),
        "l1": l1,
        "l2": l2,
        "dropout": float(state.dropout),
        "optimizer": state.optimizer,
        "batch_size": int(state.batch_size),
    }


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
        init="xavier" if state.activation in XAVIER_ACTIVATIONS else "he",
        batch_norm=bool(state.batch_norm),
        epochs=MAX_EPOCHS,
        seed=int(state.seed),
        **train_fields(state),
    )


def lower_lr(lr: float) -> float:
    """The learning rate to suggest after a divergence: about ten times lower, on the grid."""
    index = LEARNING_RATES.index(_nearest(lr, LEARNING_RATES, log=True))
    return LEARNING_RATES[max(index - 2, 0)]


# -- messages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlMessage:
    """Why a setting was not taken as given.

    ``kind``: "rejected" (unreadable, unknown or out of range: the default was used),
    "adjusted" (clamped to the nearest allowed step, or changed to fit another setting),
    or "unknown_preset". ``key`` is the URL key, ``value`` the text given, ``used`` the
    value used instead (URL form) and ``allowed`` what would have been accepted.
    """

    kind: str
    key: str
    value: str
    used: str
    allowed: str


# -- URL codec --------------------------------------------------------------------------------

URL_KEYS: dict[str, str] = {  # state field -> URL key
    "problem": "problem",
    "dataset": "dataset",
    "noise": "noise",
    "ratio": "ratio",
    "batch_size": "batch",
    "seed": "seed",
    "features": "features",
    "hidden": "layers",
    "activation": "act",
    "lr": "lr",
    "reg": "reg",
    "reg_rate": "rate",
    "dropout": "dropout",
    "batch_norm": "bn",
    "optimizer": "opt",
    "show_test": "test",
    "discretize": "discrete",
}
PRESET_KEY = "preset"
OWN_KEYS: frozenset[str] = frozenset({*URL_KEYS.values(), PRESET_KEY})


def _fmt(value: float) -> str:
    """Shortest text that reads back as the same float (0.03, 1e-05, 3)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _encode_value(field: str, value: object) -> str:
    if field == "features":
        return ",".join(value)  # type: ignore[arg-type]
    if field == "hidden":
        return ",".join(str(w) for w in value) if value else "none"  # type: ignore[union-attr]
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return _fmt(value)
    return str(value)


def encode(state: PlaygroundState) -> dict[str, str]:
    """Every field of ``state`` as URL query parameters (``decode`` reads them back)."""
    return {URL_KEYS[f.name]: _encode_value(f.name, getattr(state, f.name)) for f in _FIELDS}


_FIELDS = dataclasses.fields(PlaygroundState)
_TRUE, _FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})
_INT = re.compile(r"^\s*\d+\s*$")


class _Reject(ValueError):
    """A URL value that cannot be used; ``allowed`` says what can."""

    def __init__(self, allowed: str) -> None:
        super().__init__(allowed)
        self.allowed = allowed


def _number(text: str, low: float, high: float, allowed: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _Reject(allowed) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise _Reject(allowed)
    return value


def _nearest(value: float, options: Sequence[float], log: bool = False) -> float:
    """The option closest to ``value`` (in log space when ``log``; zero stays zero)."""
    if log:
        positive = [o for o in options if o > 0]
        if value <= 0:
            return min(options)
        return min(positive, key=lambda o: abs(math.log(o) - math.log(value)))
    return min(options, key=lambda o: abs(o - value))


def _grid(high: float, step: float) -> tuple[float, ...]:
    return tuple(round(i * step, 10) for i in range(round(high / step) + 1))


NOISES = _grid(NOISE_MAX, NOISE_STEP)
DROPOUTS = _grid(DROPOUT_MAX, DROPOUT_STEP)
RATIOS = tuple(range(RATIO_MIN, RATIO_MAX + 1, RATIO_STEP))


def _choice(options: Sequence[str]):
    def parse(text: str) -> tuple[str, bool]:
        value = text.strip()
        if value not in options:
            raise _Reject(" | ".join(options))
        return value, False

    return parse


def _bool(text: str) -> tuple[bool, bool]:
    value = text.strip().lower()
    if value in _TRUE:
        return True, False
    if value in _FALSE:
        return False, False
    raise _Reject("0 | 1")


def _stepped(options: Sequence[float], log: bool = False, integer: bool = False):
    """A number within [min, max] of ``options``, clamped to the nearest option."""
    low, high = min(options), max(options)
    shown = " | ".join(map(_fmt, options)) if log else f"{_fmt(low)} … {_fmt(high)}"

    def parse(text: str) -> tuple[float | int, bool]:
        raw = _number(text, low, high, shown)
        value = _nearest(raw, options, log)
        adjusted = not math.isclose(raw, value, rel_tol=1e-9, abs_tol=1e-12)
        return (int(value) if integer else float(value)), adjusted

    return parse


def _int_range(low: int, high: int):
    """An integer within [low, high]; a fractional value is rounded (and reported)."""

    def parse(text: str) -> tuple[int, bool]:
        raw = _number(text, low, high, f"{low} … {high}")
        return round(raw), raw != round(raw)

    return parse


def _features(text: str) -> tuple[tuple[str, ...], bool]:
    allowed = f"comma-separated, from {', '.join(FEATURES)}"
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names or any(n not in FEATURE_NAMES for n in names):
        raise _Reject(allowed)
    return tuple(f for f in FEATURES if f in names), False


def _hidden(text: str) -> tuple[tuple[int, ...], bool]:
    allowed = f"none, or up to {MAX_LAYERS} comma-separated widths in 1 … {MAX_WIDTH}"
    value = text.strip().lower()
    if value in ("none", ""):
        return (), False
    parts = [p.strip() for p in value.split(",")]
    if len(parts) > MAX_LAYERS or not all(_INT.match(p) for p in parts):
        raise _Reject(allowed)
    try:
        widths = tuple(int(p) for p in parts)
    except ValueError:  # more digits than int() reads (4,300): the page crashed on such a URL
        raise _Reject(allowed) from None
    if not all(1 <= w <= MAX_WIDTH for w in widths):
        raise _Reject(allowed)
    return widths, False


#: state field -> parser(text) -> (value, adjusted); raises _Reject
_PARSERS = {
    "problem": _choice(PROBLEMS),
    "dataset": _choice(tuple(DATASET_NAMES)),
    "noise": _stepped(NOISES),
    "ratio": _stepped(RATIOS, integer=True),
    "batch_size": _int_range(BATCH_MIN, BATCH_MAX),
    "seed": _int_range(0, MAX_SEED),
    "features": _features,
    "hidden": _hidden,
    "activation": _choice(ACTIVATIONS),
    "lr": _stepped(LEARNING_RATES, log=True),
    "reg": _choice(REGULARISERS),
    "reg_rate": _stepped(REG_RATES, log=True),
    "dropout": _stepped(DROPOUTS),
    "batch_norm": _bool,
    "optimizer": _choice(OPTIMIZERS),
    "show_test": _bool,
    "discretize": _bool,
}


def _last(value: str | Sequence[str]) -> str:
    """A query parameter may repeat: the last one wins (as in a browser's URLSearchParams)."""
    if isinstance(value, str):
        return value
    return str(value[-1]) if len(value) else ""


@dataclass(frozen=True)
class Decoded:
    """What ``decode`` made of a URL: the state, what it said about it, the preset applied."""

    state: PlaygroundState
    messages: tuple[UrlMessage, ...]
    preset: str | None = None


def decode(params: Mapping[str, str | Sequence[str]]) -> Decoded:
    """Read a state from URL query parameters; never raises (see the module docstring).

    ``preset=<id>`` starts from that preset's state (other keys are then ignored); an
    unknown preset id is reported and the rest of the URL is read as usual.
    """
    messages: list[UrlMessage] = []
    if PRESET_KEY in params:
        preset_id = _last(params[PRESET_KEY]).strip()
        if preset_id in PRESETS:
            return Decoded(PRESETS[preset_id].state, (), preset_id)
        allowed = " | ".join(PRESETS)
        messages.append(UrlMessage("unknown_preset", PRESET_KEY, preset_id, "", allowed))
    values: dict[str, object] = {}
    for f in _FIELDS:
        key = URL_KEYS[f.name]
        if key not in params:
            continue
        text = _last(params[key])
        default = getattr(DEFAULT, f.name)
        try:
            value, adjusted = _PARSERS[f.name](text)
        except _Reject as err:
            used = _encode_value(f.name, default)
            messages.append(UrlMessage("rejected", key, text, used, err.allowed))
            continue
        if adjusted:
            used = _encode_value(f.name, value)
            messages.append(UrlMessage("adjusted", key, text, used, "nearest allowed step"))
        values[f.name] = value
    if "problem" not in values and values.get("dataset") in DATASETS_BY_PROBLEM["regression"]:
        values["problem"] = "regression"
    state, fixes = validate(PlaygroundState(**values))
    return Decoded(state, (*messages, *fixes))


def validate(state: PlaygroundState) -> tuple[PlaygroundState, tuple[UrlMessage, ...]]:
    """Fix combinations that cannot run and say what changed.

    A data set of the other problem type becomes that problem's first data set; batch norm
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
            UrlMessage(
                "rejected", "problem", str(state.problem), DEFAULT.problem, "|".join(PROBLEMS)
            )
        )
    if state.dataset not in allowed_sets:
        used = allowed_sets[0]
        changes["dataset"] = used
        fixes.append(
            UrlMessage("adjusted", "dataset", str(state.dataset), used, " | ".join(allowed_sets))
        )
    if state.batch_norm and state.batch_size < 2:
        changes["batch_size"] = 2
        fixes.append(UrlMessage("adjusted", "batch", str(state.batch_size), "2", "≥ 2 with bn=1"))
    if not state.features:
        changes["features"] = DEFAULT.features
        fixes.append(UrlMessage("adjusted", "features", "", "x1,x2", "at least one feature"))
    if len(state.hidden) > MAX_LAYERS or not all(1 <= w <= MAX_WIDTH for w in state.hidden):
        changes["hidden"] = DEFAULT.hidden
        fixes.append(
            UrlMessage(
                "rejected",
                "layers",
                _encode_value("hidden", state.hidden),
                _encode_value("hidden", DEFAULT.hidden),
                f"≤ {MAX_LAYERS} layers of 1 … {MAX_WIDTH}",
            )
        )
    if not changes:
        return state, ()
    return dataclasses.replace(state, **changes), tuple(fixes)


# -- lesson presets ------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A one-click set-up that shows one lesson within ``epochs`` epochs.

    ``contrast`` is the single change that makes the lesson disappear (the comparison the
    learner should run next); ``topic``/``question`` name the Q&A answer that links here.
    """

    id: str
    state: PlaygroundState
    epochs: int
    contrast: tuple[tuple[str, object], ...]
    topic: str
    question: str

    @property
    def contrast_state(self) -> PlaygroundState:
        return dataclasses.replace(self.state, **dict(self.contrast))


PRESETS: dict[str, Preset] = {
    p.id: p
    for p in (
        # Six sigmoid layers: the gradient reaching the first layer is orders of magnitude
        # smaller than at the output, and the loss sits at log 2 for hundreds of epochs.
        # The contrast: the same network with ReLU learns the circle.
        Preset(
            id="sigmoid-deep",
            state=PlaygroundState(
                dataset="circle",
                noise=0.1,
                hidden=(8, 8, 8, 8, 8, 8),
                activation="sigmoid",
                lr=0.03,
                optimizer="sgd",
            ),
            epochs=200,
            contrast=(("activation", "relu"),),
            topic="vanishing_gradients",
            question="mechanism",
        ),
        # ReLU at learning rate 3: the first big steps push units' pre-activations below
        # zero on every input, they die (dead fraction jumps) and never come back.
        # The contrast: the same set-up at lr 0.03 keeps its units.
        Preset(
            id="relu-dies",
            state=PlaygroundState(
                dataset="circle",
                noise=0.1,
                hidden=(8, 8, 8),
                activation="relu",
                lr=3.0,
                optimizer="sgd",
            ),
            epochs=50,
            contrast=(("lr", 0.03),),
            topic="relu",
            question="dying",
        ),
        # 50 noisy training points and a wide network: without dropout the training loss
        # falls to almost zero while the test loss climbs past 1.5; with p = 0.5 the test
        # loss stays below 1 and the train/test gap is far smaller (the test accuracy of 50
        # points is about the same either way: dropout cannot invent data).
        Preset(
            id="dropout-tiny",
            state=PlaygroundState(
                dataset="circle",
                noise=0.25,
                ratio=10,
                batch_size=10,
                hidden=(32, 32),
                activation="relu",
                lr=0.01,
                optimizer="adam",
                dropout=0.5,
                show_test=True,
            ),
            epochs=300,
            contrast=(("dropout", 0.0),),
            topic="overfitting",
            question="dropout",
        ),
        # Plain SGD at learning rate 1 through four ReLU layers: with BN the circle is
        # learned within 100 epochs; without BN the same rate kills the top layer's units
        # and the loss stays at log 2.
        Preset(
            id="bn-high-lr",
            state=PlaygroundState(
                dataset="circle",
                noise=0.1,
                hidden=(8, 8, 8, 8),
                activation="relu",
                lr=1.0,
                optimizer="sgd",
                batch_norm=True,
            ),
            epochs=100,
            contrast=(("batch_norm", False),),
            topic="batch_norm",
            question="why-it-works",
        ),
    )
}


# -- the reproduction script ------------------------------------------------------------------

_SCRIPT = '''"""Reproduce a Deep Learning Q&A Lab playground run, exactly (NumPy only, via qa_core).

Run it from the project's root (the folder that holds qa_core/):  python {file_name}
"""

import sys

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")

from qa_core.engine.config import TrainConfig  # noqa: E402
from qa_core.engine.training import Run  # noqa: E402

CONFIG = TrainConfig(
{config_lines}
)
EPOCHS = {epochs}
# Changes made while the run was going: (epochs trained before the change, Run.update kwargs)
UPDATES = [
{update_lines}]

run = Run(CONFIG)
pending = list(UPDATES)
for _ in range(EPOCHS):
    while pending and pending[0][0] == run.epoch:
        run.update(**pending.pop(0)[1])
    record = run.step()
    if run.diverged:
        print(run.diverged)
        break
last = run.records[-1] if run.records else run.evaluate()
print(f"epoch {{last.epoch}}")
print(f"train_loss {{last.train_loss!r}}")
print(f"test_loss {{last.test_loss!r}}")
'''


def reproduction_script(
    config: TrainConfig,
    updates: Sequence[tuple[int, Mapping[str, object]]],
    epochs: int,
    file_name: str = "playground_run.py",
) -> str:
    """Python source that rebuilds ``config``, applies each ``(epoch, changes)`` update before
    the step that follows ``epoch`` trained epochs (in order), trains ``epochs`` epochs and
    prints ``epoch``, ``train_loss`` and ``test_loss`` (repr, so every digit is kept).

    Same config, same updates, same epochs → the same bits (the engine is deterministic).
    """
    config_lines = "\n".join(
        f"    {f.name}={getattr(config, f.name)!r}," for f in dataclasses.fields(config)
    )
    update_lines = "".join(
        f"    ({int(epoch)}, {dict(changes)!r}),\n" for epoch, changes in updates if epoch < epochs
    )
    return _SCRIPT.format(
        file_name=file_name,
        config_lines=config_lines,
        epochs=int(epochs),
        update_lines=update_lines,
    )


__all__ = [
    "ACTIVATIONS",
    "DATASETS_BY_PROBLEM",
    "DATASET_NAMES",
    "DEFAULT",
    "FEATURES",
    "FEATURE_NAMES",
    "LEARNING_RATES",
    "LIVE_FIELDS",
    "MAX_LAYERS",
    "MAX_WIDTH",
    "MAX_WIDTH_BASIC",
    "OPTIMIZERS",
    "OWN_KEYS",
    "PRESETS",
    "PRESET_KEY",
    "REBUILD_FIELDS",
    "REGULARISERS",
    "REG_RATES",
    "URL_KEYS",
    "VIEW_FIELDS",
    "Decoded",
    "PlaygroundState",
    "Preset",
    "UrlMessage",
    "decode",
    "encode",
    "lower_lr",
    "penalties",
    "reproduction_script",
    "to_config",
    "train_fields",
    "validate",
]
