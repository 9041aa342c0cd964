"""What the playground tells the learner about the settings: a link's rejected or adjusted
values, settings fixed to fit each other, and what a change did to the run."""

from __future__ import annotations

import streamlit as st

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import Applied, LiveRun
from ui.i18n import t
from ui.topics.playground.names import change_text, field_name


def show_messages(messages: tuple[pg.UrlMessage, ...], from_url: bool) -> None:
    """Localised warnings for rejected / adjusted settings (``from_url``: a link's values, else
    the fixes of pg.validate)."""
    for m in messages:
        value = pg.echo_text(m.value)
        if m.kind == "unknown_preset":
            st.warning(t("playground.url_unknown_preset", value=value, allowed=m.allowed))
        elif not from_url:
            st.warning(t("playground.fix_adjusted", field=field_name(m.key), used=m.used,
                         allowed=m.allowed))  # fmt: skip
        else:
            st.warning(
                t(f"playground.url_{m.kind}", param=m.key, value=value, used=m.used,
                  allowed=m.allowed, field=field_name(m.key))
            )  # fmt: skip


def show_applied(applied: Applied, run: LiveRun) -> None:
    """Say that a change rebuilt the run (and which settings did it), or that it changed the
    run mid-way at this epoch."""
    if applied.kind == "rebuilt":
        names = ", ".join(field_name(pg.URL_KEYS[f]) for f in applied.fields)
        st.info(t("playground.rebuilt", fields=names), icon=":material/restart_alt:")
    elif applied.kind == "updated" and run.changes and run.changes[-1].epoch == run.epoch:
        st.info(t("playground.updated", epoch=run.epoch, changes=change_text(run.changes[-1])),
                icon=":material/tune:")  # fmt: skip
