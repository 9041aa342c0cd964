"""Results of expensive experiments, cached by their plain-value settings, with a progress bar
that estimates the time left and a Cancel button.

``st.cache_data`` cannot show live progress (its replay forbids touching a bar made outside the
cached function), so experiments are kept in one small LRU per server process instead. A result
depends only on its key (configs carry their seeds), so sharing it between sessions is safe;
results must be treated as read-only.

Cancelling: a click on a widget inside a fragment waits for the running script to finish, so
the Cancel button (``cancel_button``) sits outside every fragment, drawn by the topic page
before its experiments and shown only while a progress bar is (CSS). Its click asks Streamlit
for a rerun of the whole page, which stops the running script at its next progress update; the
rerun finds the run it stopped marked as cancelled, says so, and offers to run it again.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from ui.i18n import t

T = TypeVar("T")
MAX_ENTRIES = 96
RUNNING = "run_cache_running"  # session state: the key being computed
CANCELLED = "run_cache_cancelled"  # session state: the key whose run the learner cancelled
ESTIMATE_AFTER = (0.03, 1.0)  # an estimate of the time left once this share and seconds are done
UPDATE_EVERY_S = 0.1  # the bar is redrawn at most this often
_BARS = itertools.count()  # a fresh key for each bar's box

Progress = Callable[[float], None]


class ResultCache:
    """A thread-safe least-recently-used map from settings to results."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


@st.cache_resource(show_spinner=False)
def result_cache() -> ResultCache:
    """The process-wide cache (one per server, shared by sessions)."""
    return ResultCache()


def duration_text(seconds: float) -> str:
    """A time left as the learner reads it: "8 s", "1 min 05 s"."""
    whole = max(1, math.ceil(seconds))
    if whole < 60:
        return t("common.duration_s", s=whole)
    return t("common.duration_min", m=whole // 60, s=f"{whole % 60:02d}")


def progress_text(label: str, fraction: float, elapsed: float) -> str:
    """The bar's text: what runs, how far it is and, once it can tell, the time left."""
    share, seconds = ESTIMATE_AFTER
    if fraction >= share and elapsed >= seconds and fraction < 1.0:
        left = elapsed * (1.0 - fraction) / fraction
        return t("common.progress_left", label=label, done=fraction, left=duration_text(left))
    return t("common.progress_start", label=label, done=fraction)


def forget_cancelled() -> None:
    """A new request for a run (a Run button, "Run again"): nothing stays cancelled."""
    st.session_state.pop(CANCELLED, None)


def _cancel() -> None:
    st.session_state[CANCELLED] = st.session_state.pop(RUNNING, None)


def cancel_button(owner: str) -> None:
    """The Cancel button of every run on the page (outside fragments: see the module's
    docstring), floating at the bottom right while a progress bar shows; ``owner`` starts
    its key (a topic id)."""
    key = f"{owner}_cancel_run"
    st.html(
        "<style>"
        "[class*='_cancel_run'] { display: none; }"
        "body:has([class*='st-key-run_cache_progress_']) [class*='_cancel_run'] {"
        " display: block; position: fixed; right: 1.5rem; bottom: 1.5rem; z-index: 999990;"
        " width: auto; }"
        "</style>"
    )
    st.button(
        t("common.cancel_run"), key=key, on_click=_cancel, icon=":material/stop_circle:",
        help=t("common.cancel_help"),
    )  # fmt: skip


def _owner(key: Hashable) -> str:
    head = key[0] if isinstance(key, tuple) and key else key
    return str(head)


def _cancelled(key: Hashable) -> None:
    """Say that the learner cancelled this run, offer it again, and end this script run."""
    st.warning(t("common.run_cancelled"), icon=":material/stop_circle:")
    st.button(
        t("common.run_again"), key=f"{_owner(key)}_run_again", on_click=forget_cancelled,
        icon=":material/play_arrow:",
    )  # fmt: skip
    st.stop()


def cached_with_progress(key: Hashable, compute: Callable[[Progress], T], label: str = "") -> T:
    """``compute(progress)`` once per ``key``; a progress bar with the time left shows while it
    runs, and the page's Cancel button stops it (``cancel_button``).

    ``compute`` calls ``progress(fraction)`` with fraction in [0, 1] as it goes.
    """
    cache = result_cache()
    hit = cache.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    if st.session_state.get(CANCELLED) == key:
        _cancelled(key)
    text = label or t("common.running")
    st.session_state[RUNNING] = key
    box = st.empty()
    bar = box.container(key=f"run_cache_progress_{next(_BARS)}").progress(
        0.0, text=progress_text(text, 0, 0)
    )
    start = last = time.monotonic()

    def progress(fraction: float) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < UPDATE_EVERY_S and fraction < 1.0:
            return
        last = now
        done = min(max(fraction, 0.0), 1.0)
        bar.progress(done, text=progress_text(text, done, now - start))

    try:
        result = compute(progress)
    finally:
        box.empty()
    st.session_state.pop(RUNNING, None)
    cache.put(key, result)
    return result
