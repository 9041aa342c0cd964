"""The drill's progress box: what is kept and where, export to a JSON file, import one (merged:
for each card the more recent review wins), and clear. A file that is not a progress export of
this app, or holds one bad entry, is refused with a message saying why, and nothing changes
(ui/drill/store.py reads it strictly)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.drill import progress as store
from ui.drill.deck import deck
from ui.drill.schedule import summary
from ui.drill.store import StoreError, export_file, merge, read_import
from ui.i18n import current_lang, t

UPLOADS = "drill_uploads"  # session state: a counter; a new uploader key drops a handled file
MESSAGE = "drill_transfer_message"  # session state: (kind, text) of the last import or clear


def _clear(on_change: Callable[[], None]) -> None:
    store.replace({})
    on_change()
    st.session_state[MESSAGE] = ("success", t("drill.cleared"))


def _import(data: bytes, progress: dict) -> tuple[str, str]:
    """Merge a file's progress in, or say why not; (kind, message)."""
    try:
        incoming = read_import(data)
    except StoreError as err:
        reason = t(f"drill.refused_{err.reason}", detail=err.detail)
        return "error", t("drill.refused", reason=reason)
    merged, changed = merge(progress, incoming)
    if changed:
        store.replace(merged)
    return "success", t("drill.imported", n=len(incoming), changed=changed)


def draw_transfer(progress: dict, on_change: Callable[[], None]) -> None:
    """The progress box; ``on_change`` starts the sitting afresh after a clear or an import."""
    state = st.session_state
    now = store.now()
    with st.container(border=True, key="drill_transfer"):
        st.subheader(t("drill.progress_heading"), anchor=False)
        keys = [card.key for card in deck(current_lang())]
        seen, due, mastered = summary(progress, keys, now)
        st.markdown(
            t("drill.progress_summary", seen=seen, total=len(keys), due=due, mastered=mastered)
        )
        st.caption(t("drill.progress_note"))
        message = state.get(MESSAGE)
        if message:
            kind, text = message
            (st.error if kind == "error" else st.success)(text)
        row = st.container(horizontal=True)
        row.download_button(
            t("drill.export"),
            data=export_file(progress, now),
            file_name=f"dlqa-progress-{now:%Y-%m-%d}.json",
            mime="application/json",
            key="drill_export",
            icon=":material/download:",
            on_click="ignore",
            disabled=not progress,
        )
        with row.popover(t("drill.clear"), icon=":material/delete:", disabled=not progress):
            st.markdown(t("drill.clear_confirm"))
            st.button(
                t("drill.clear_button"),
                key="drill_clear",
                type="primary",
                on_click=_clear,
                args=(on_change,),
            )
        upload = st.file_uploader(
            t("drill.import"),
            key=f"drill_import_{state.get(UPLOADS, 0)}",
            help=t("drill.import_help"),
        )
        if upload is not None:
            state[MESSAGE] = _import(upload.getvalue(), progress)
            state[UPLOADS] = state.get(UPLOADS, 0) + 1
            if state[MESSAGE][0] == "success":
                on_change()
            st.rerun()
