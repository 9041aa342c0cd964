"""What the playground tells the learner about the settings: a link's rejected or adjusted
values, settings fixed to fit each other, and what a change did to the run."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import Applied, LiveRun
from ui.charts.common import activation_label
from ui.i18n import t
from ui.topics.playground.names import change_text, field_name

OPTION_NAMES: dict[str, Callable[[str], str]] = {  # URL key -> the name of one of its ids
    "problem": lambda v: t(f"playground.problem_{v}"),
    "dataset": lambda v: t(f"playground.ds_{v}"),
    "act": activation_label,
    "opt": lambda v: t(f"playground.opt_{v}"),
    "reg": lambda v: t(f"playground.reg_{v}"),
    "norm": lambda v: t(f"playground.norm_{v}"),
    "init": lambda v: t(f"playground.init_{v}"),
    pg.PRESET_KEY: lambda v: t(f"playground.preset_{v}"),
}


def option_text(key: str, option: str) -> str:
    """One of the URL key's ids by its name, with the id (what a link writes) after it."""
    if key not in OPTION_NAMES:
        return f"`{option}`"
    return t("playground.option_with_id", name=OPTION_NAMES[key](option), id=option)


def allowed_text(m: pg.UrlMessage) -> str:
    """What the setting would have taken, in this run's language (ids by their names)."""
    if m.rule == "options":
        return t("playground.option_sep").join(option_text(m.key, o) for o in m.options)
    if m.rule == "numbers":
        return m.allowed  # numbers, "…" and "|" only
    features = t("common.list_sep").join(f"`{f}`" for f in pg.FEATURES)
    return t(f"playground.allowed_{m.rule}", features=features, max_layers=pg.MAX_LAYERS,
             max_width=pg.MAX_WIDTH)  # fmt: skip


def message_line(m: pg.UrlMessage, from_url: bool) -> str:
    """One rejected or adjusted setting: the URL's ``key=value`` (``from_url``) or the setting's
    name, what is allowed and the value used instead."""
    used = option_text(m.key, m.used) if m.used else ""  # (an unknown preset: nothing used)
    if not from_url:
        return t("playground.fix_adjusted", field=field_name(m.key), used=used,
                 allowed=allowed_text(m))  # fmt: skip
    return t(f"playground.url_{m.kind}", param=m.key, value=pg.echo_text(m.value), used=used,
             allowed=allowed_text(m), field=field_name(m.key))  # fmt: skip


def show_messages(messages: tuple[pg.UrlMessage, ...], from_url: bool) -> None:
    """Localised notices for rejected / adjusted settings (``from_url``: a link's values, in
    one message listing them all; else the fixes of pg.validate, one each)."""
    if not messages:
        return
    if not from_url:
        for m in messages:
            st.warning(message_line(m, from_url=False))
        return
    lines = [f"- {message_line(m, from_url=True)}" for m in messages]
    heading = t("playground.url_heading", n=len(messages))
    st.warning("\n".join([heading, "", *lines]), icon=":material/link_off:")


def show_applied(applied: Applied, run: LiveRun) -> None:
    """Say that a change rebuilt the run (and which settings did it), or that it changed the
    run mid-way at this epoch."""
    if applied.kind == "rebuilt":
        names = ", ".join(field_name(pg.URL_KEYS[f]) for f in applied.fields)
        st.info(t("playground.rebuilt", fields=names), icon=":material/restart_alt:")
    elif applied.kind == "updated" and run.changes and run.changes[-1].epoch == run.epoch:
        st.info(t("playground.updated", epoch=run.epoch, changes=change_text(run.changes[-1])),
                icon=":material/tune:")  # fmt: skip
