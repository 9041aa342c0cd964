"""What the playground calls its settings, input features, units and mid-run changes, in this
run's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import Change
from ui.i18n import LANGS, current_lang, lookup, t

FEATURE_TEXT = {  # input feature id -> how the diagram and the unit picker write it
    "x1": "x₁",
    "x2": "x₂",
    "x1sq": "x₁²",
    "x2sq": "x₂²",
    "x1x2": "x₁x₂",
    "sinx1": "sin x₁",
    "sinx2": "sin x₂",
}


def field_name(key: str) -> str:
    """A setting by its URL key ("lr": "learning rate")."""
    return t(f"playground.field_{key}")


def change_text(change: Change) -> str:
    """A mid-run change as "learning rate 0.03 → 0.3, …"."""
    return ", ".join(f"{field_name(k)} {old} → {new}" for k, old, new in change.fields)


def unit_name(uid: str, features: Sequence[str], lang: str | None = None) -> str:
    """A unit by id (qa_core.labs.playground.units), the network's input ``features`` by id, in
    ``lang`` (this run's language by default)."""
    lang = lang or current_lang()
    kind, index = pg.parse_unit(uid)
    if kind == pg.NO_UNIT:
        return lookup("playground.enlarge_none", lang)
    if kind == pg.OUTPUT_UNIT:
        return lookup("playground.enlarge_output", lang)
    if kind == "in":
        return lookup("playground.enlarge_input", lang).format(
            name=FEATURE_TEXT[features[index[0]]]
        )
    return lookup("playground.unit", lang).format(l=index[0] + 1, u=index[1] + 1)


def unit_names(options: Sequence[str], features: Sequence[str]) -> Callable[[str], str]:
    """A format_func naming each unit id of ``options``, looked up now (as
    ui.widgets.option_names: AppTest formats options outside the run)."""
    return {uid: unit_name(uid, features) for uid in options}.__getitem__


def unit_labels(options: Sequence[str], features: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each unit id of ``options`` with its names in every language (ui.widgets.restore_choice)."""
    return {uid: tuple(unit_name(uid, features, lang) for lang in LANGS) for uid in options}
