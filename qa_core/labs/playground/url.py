"""The URL codec of a PlaygroundState: encode writes every field under a short stable key;
decode reads them back and never raises (a bad value is rejected or clamped, and said)."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa_core.labs.playground.presets import PRESETS
from qa_core.labs.playground.state import (
    ACTIVATIONS,
    BATCH_MAX,
    BATCH_MIN,
    DATASET_NAMES,
    DATASETS_BY_PROBLEM,
    DEFAULT,
    DROPOUT_MAX,
    DROPOUT_STEP,
    FEATURE_NAMES,
    FEATURES,
    INIT_CHOICES,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_SEED,
    MAX_WIDTH,
    NOISE_MAX,
    NOISE_STEP,
    NORM_CHOICES,
    OPTIMIZERS,
    PROBLEMS,
    RATIO_MAX,
    RATIO_MIN,
    RATIO_STEP,
    REG_RATES,
    REGULARISERS,
    SCHEDULE_EPOCHS,
    SCHEDULES,
    SMOOTHING_MAX,
    SMOOTHING_STEP,
    PlaygroundState,
    UrlMessage,
    nearest,
    number_text,
    options_message,
    validate,
    value_text,
)

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
    "label_smoothing": "ls",
    "show_test": "test",
    "discretize": "discrete",
    "norm": "norm",
    "schedule": "sched",
    "schedule_epochs": "sep",
    "residual": "res",
    "init": "init",
}
PRESET_KEY = "preset"
OWN_KEYS: frozenset[str] = frozenset({*URL_KEYS.values(), PRESET_KEY})


def encode(state: PlaygroundState) -> dict[str, str]:
    """Every field of ``state`` as URL query parameters (``decode`` reads them back)."""
    return {URL_KEYS[f.name]: value_text(f.name, getattr(state, f.name)) for f in _FIELDS}


_FIELDS = dataclasses.fields(PlaygroundState)
_TRUE, _FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})
_INT = re.compile(r"^\s*\d+\s*$")


class _Reject(ValueError):
    """A URL value that cannot be used; ``allowed`` says what can (``rule``, ``options``: as
    UrlMessage's)."""

    def __init__(self, allowed: str, rule: str = "numbers", options: Sequence[str] = ()) -> None:
        super().__init__(allowed)
        self.allowed, self.rule, self.options = allowed, rule, tuple(options)


def _number(text: str, low: float, high: float, allowed: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _Reject(allowed) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise _Reject(allowed)
    return value


def _grid(high: float, step: float) -> tuple[float, ...]:
    return tuple(round(i * step, 10) for i in range(round(high / step) + 1))


NOISES = _grid(NOISE_MAX, NOISE_STEP)
DROPOUTS = _grid(DROPOUT_MAX, DROPOUT_STEP)
SMOOTHINGS = _grid(SMOOTHING_MAX, SMOOTHING_STEP)
RATIOS = tuple(range(RATIO_MIN, RATIO_MAX + 1, RATIO_STEP))


def _choice(options: Sequence[str]):
    def parse(text: str) -> tuple[str, bool]:
        value = text.strip()
        if value not in options:
            raise _Reject(" | ".join(options), "options", options)
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
    shown = (
        " | ".join(map(number_text, options))
        if log
        else f"{number_text(low)} … {number_text(high)}"
    )

    def parse(text: str) -> tuple[float | int, bool]:
        raw = _number(text, low, high, shown)
        value = nearest(raw, options, log)
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
        raise _Reject(allowed, "features")
    return tuple(f for f in FEATURES if f in names), False


def _hidden(text: str) -> tuple[tuple[int, ...], bool]:
    allowed = f"none, or up to {MAX_LAYERS} comma-separated widths in 1 … {MAX_WIDTH}"
    value = text.strip().lower()
    if value in ("none", ""):
        return (), False
    parts = [p.strip() for p in value.split(",")]
    if len(parts) > MAX_LAYERS or not all(_INT.match(p) for p in parts):
        raise _Reject(allowed, "layers")
    try:
        widths = tuple(int(p) for p in parts)
    except ValueError:  # more digits than int() reads (4,300): the page crashed on such a URL
        raise _Reject(allowed, "layers") from None
    if not all(1 <= w <= MAX_WIDTH for w in widths):
        raise _Reject(allowed, "layers")
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
    "label_smoothing": _stepped(SMOOTHINGS),
    "show_test": _bool,
    "discretize": _bool,
    "norm": _choice(NORM_CHOICES),
    "schedule": _choice(SCHEDULES),
    "schedule_epochs": _stepped(SCHEDULE_EPOCHS, log=True, integer=True),
    "residual": _bool,
    "init": _choice(INIT_CHOICES),
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


ECHO_MAX = 40  # characters of a URL value a warning repeats


def echo_text(text: str) -> str:
    """A value from the URL as a warning repeats it inside a markdown `code span`: short, and
    without the backtick or line break that would end the span and let the rest render as
    markdown (a link, a remote image) on the page of whoever follows the link."""
    text = "".join("'" if c == "`" else c if c.isprintable() else " " for c in text)
    return text if len(text) <= ECHO_MAX else text[: ECHO_MAX - 3] + "…"


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
        messages.append(options_message("unknown_preset", PRESET_KEY, preset_id, "", PRESETS))
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
            used = value_text(f.name, default)
            messages.append(
                UrlMessage("rejected", key, text, used, err.allowed, err.rule, err.options)
            )
            continue
        if adjusted:
            used = value_text(f.name, value)
            messages.append(UrlMessage("adjusted", key, text, used, "nearest allowed step", "step"))
        values[f.name] = value
    if "problem" not in values and values.get("dataset") in DATASETS_BY_PROBLEM["regression"]:
        values["problem"] = "regression"
    state, fixes = validate(PlaygroundState(**values))
    return Decoded(state, (*messages, *fixes))
