"""Results of expensive experiments, cached by their plain-value settings, with a progress bar.

``st.cache_data`` cannot show live progress (its replay forbids touching a bar made outside the
cached function), so experiments are kept in one small LRU per server process instead. A result
depends only on its key (configs carry their seeds), so sharing it between sessions is safe;
results must be treated as read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from ui.i18n import t

T = TypeVar("T")
MAX_ENTRIES = 96

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


def cached_with_progress(key: Hashable, compute: Callable[[Progress], T], label: str = "") -> T:
    """``compute(progress)`` once per ``key``; a progress bar shows while it runs.

    ``compute`` calls ``progress(fraction)`` with fraction in [0, 1] as it goes.
    """
    cache = result_cache()
    hit = cache.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    text = label or t("common.running")
    bar = st.progress(0.0, text=text)
    try:
        result = compute(lambda fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=text))
    finally:
        bar.empty()
    cache.put(key, result)
    return result
