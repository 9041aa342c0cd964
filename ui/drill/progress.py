"""The session's copy of the learner's progress, kept in step with their browser.

The browser's ``localStorage`` is the record (ui/components/progress_store): a session reads it
once, on the first page that needs it, and every change made here is written back on the
same run. Until the browser has answered, ``current()`` is None and the page says it is
reading. Session state only (never a file or a database), so any replica serves any run.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from ui.components.progress_store import progress_store
from ui.drill.store import Progress, decode_store, encode_store

PROGRESS = "dlqa_progress"  # session state: the progress (a dict), once read
REVISION = "dlqa_progress_rev"  # how many changes this session made (0: none to write)
SESSION_ID = "dlqa_progress_sid"  # tells this session's writes from another's
DROPPED = "dlqa_progress_dropped"  # entries of the browser's copy that could not be read
NO_STORAGE = "dlqa_progress_no_storage"  # the browser refused localStorage


def sync(page: str, *, keys: bool = False) -> Progress | None:
    """Mount the page's store (``<page>_progress_store``): read the browser's progress if this
    session has none yet, write this session's changes. The progress, or None while the
    browser has not answered."""
    state = st.session_state
    sid = state.setdefault(SESSION_ID, secrets.token_hex(6))
    progress = state.get(PROGRESS)
    rev = state.get(REVISION, 0)
    sent = progress_store(
        f"{page}_progress_store",
        want=progress is None,
        sid=sid,
        rev=rev,
        text=encode_store(progress) if progress is not None and rev else None,
        keys=keys,
    )
    if isinstance(sent, dict):
        progress, dropped = decode_store(sent.get("text"))
        state[PROGRESS] = progress
        state[DROPPED] = dropped
        state[NO_STORAGE] = sent.get("ok") is False
    return state.get(PROGRESS)


def current() -> Progress | None:
    return st.session_state.get(PROGRESS)


def replace(progress: Progress) -> None:
    """Make ``progress`` the learner's; the store writes it on this run (or the next, when
    called from a callback)."""
    st.session_state[PROGRESS] = progress
    st.session_state[REVISION] = st.session_state.get(REVISION, 0) + 1
    st.session_state[DROPPED] = 0


def put(key: str, entry: dict) -> None:
    """One card's new entry."""
    replace({**(current() or {}), key: entry})


def dropped() -> int:
    return st.session_state.get(DROPPED, 0)


def storage_refused() -> bool:
    return bool(st.session_state.get(NO_STORAGE))


def now() -> datetime:
    return datetime.now(UTC)


def day_start(when: datetime) -> datetime:
    """Midnight of ``when``'s day in the learner's time zone (their browser's; UTC if it did
    not say), for "new cards per day"."""
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    local = when.astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
