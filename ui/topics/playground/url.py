"""The playground's state in the URL: a shared link or a preset link opens its set-up, and
every run writes the state back, so the address bar is always a link to what is shown."""

from __future__ import annotations

import streamlit as st

from qa_core.labs import playground as pg
from ui.topics.playground.keys import LESSON, NOTICES, PLAYING, REBUILD, URL_WRITTEN, URLS_KEPT
from ui.topics.playground.settings import show_state, state_from_widgets

ss = st.session_state  # Streamlit's proxy: each access reads the running session's state


def read_url() -> None:
    """Take the settings from the URL when it carries playground keys this session did not
    write (a shared link or a preset link); otherwise keep the session's own settings. Any of
    the session's recent URLs counts as its own: a click made before the last write reached
    the browser sends the address from before it, and must not undo that write's settings."""
    own = {k: st.query_params.get_all(k) for k in st.query_params if k in pg.OWN_KEYS}
    if not own:
        return
    if {k: v[-1] for k, v in own.items()} in ss.get(URL_WRITTEN, ()):
        return
    decoded = pg.decode(own)
    show_state(decoded.state)
    ss[NOTICES] = (decoded.state, decoded.messages)
    ss[LESSON] = decoded.preset
    ss[PLAYING] = False
    ss[REBUILD] = True


def write_url(state: pg.PlaygroundState) -> None:
    """Mirror ``state`` in the URL (the app keeps ``lang`` there too)."""
    encoded = pg.encode(state)
    if pg.PRESET_KEY in st.query_params:
        del st.query_params[pg.PRESET_KEY]
    changed = {k: v for k, v in encoded.items() if st.query_params.get(k) != v}
    if changed:
        st.query_params.update(changed)
    recent = [e for e in ss.get(URL_WRITTEN, ()) if e != encoded][-(URLS_KEPT - 1) :]
    ss[URL_WRITTEN] = (*recent, encoded)


def url_notices() -> tuple[pg.UrlMessage, ...]:
    """What the link's values needed, for as long as the settings are still the link's. (Not
    shown once and dropped: on a fresh server ui/page_guard.py reruns the first run.)"""
    state, messages = ss.get(NOTICES, (None, ()))
    if messages and state_from_widgets() != state:
        del ss[NOTICES]
        return ()
    return messages
