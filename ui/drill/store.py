"""The learner's drill progress as JSON: what the browser keeps and what a file carries.

In the browser, ``localStorage["dlqa.progress"]`` holds one JSON object keyed
``"<topic>/<question id>"`` (the ids are the same in both languages). Each value is an entry::

    {"reviews": 3,                       # how many times the card was graded
     "first": "2026-12-05T09:12:00+00:00",  # when it was first graded (for "new cards per day")
     "last_rating": 3,                   # 1 Again, 2 Hard, 3 Good, 4 Easy
     "card": {...}}                      # the fsrs package's Card.to_dict(): state, step,
                                         # stability, difficulty, due, last_review, card_id

An exported file wraps the same object: ``{"format": "dlqa.progress", "version": 1,
"exported": "<time>", "progress": {...}}``. Reading a file is strict (one bad entry refuses
the whole file, so an import changes nothing unless all of it is good); reading the browser's
copy is lenient (a bad entry is left out and counted, the rest is kept).

Nothing here imports Streamlit: the page (ui/drill/progress.py, ui/drill/transfer.py) does.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime

from fsrs import Card

STORAGE_KEY = "dlqa.progress"  # the localStorage key
FORMAT = "dlqa.progress"  # an exported file's "format"
VERSION = 1  # an exported file's "version"; a file from a later version is refused
MAX_FILE_BYTES = 1_000_000  # far above any real export (≈ 300 bytes a card); the server's limit too
KEY = re.compile(r"^[a-z0-9_]+/[a-z0-9-]+$")

Progress = dict[str, dict]  # "<topic>/<question id>" → entry


class StoreError(ValueError):
    """A progress file or entry that cannot be used. ``reason`` names the kind of problem
    (``too_big``, ``not_json``, ``foreign``, ``newer``, ``bad_entry``), for the page to say it
    in the reader's language; ``detail`` says exactly what is wrong."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def card_key(topic_id: str, question_id: str) -> str:
    return f"{topic_id}/{question_id}"


def _time(value: object, name: str) -> datetime:
    if not isinstance(value, str):
        raise StoreError("bad_entry", f"{name} must be a date and time, got {value!r}")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise StoreError("bad_entry", f"{name} is not a date and time: {value!r}") from None
    if when.tzinfo is None:
        raise StoreError("bad_entry", f"{name} has no time zone: {value!r}")
    return when


def _number(value: object, name: str, *, low: float, high: float) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise StoreError("bad_entry", f"{name} must be a number, got {value!r}")
    if not (math.isfinite(value) and low <= value <= high):
        raise StoreError("bad_entry", f"{name} must be in [{low}, {high}], got {value!r}")


def _integer(value: object, name: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise StoreError("bad_entry", f"{name} must be a whole number in [{low}, {high}]")
    return value


def validate_entry(key: object, value: object) -> dict:
    """The entry for ``key`` if it is a well-formed one, else StoreError("bad_entry")."""
    if not isinstance(key, str) or not KEY.match(key):
        raise StoreError("bad_entry", f"{key!r} is not '<topic>/<question id>'")
    if not isinstance(value, dict):
        raise StoreError("bad_entry", f"{key}: an entry must be an object")
    missing = {"reviews", "first", "last_rating", "card"} - value.keys()
    if missing:
        raise StoreError("bad_entry", f"{key}: missing {', '.join(sorted(missing))}")
    _integer(value["reviews"], f"{key}: reviews", low=1, high=1_000_000)
    _integer(value["last_rating"], f"{key}: last_rating", low=1, high=4)
    _time(value["first"], f"{key}: first")
    card = value["card"]
    if not isinstance(card, dict):
        raise StoreError("bad_entry", f"{key}: card must be an object")
    missing = {"card_id", "state", "step", "stability", "difficulty", "due", "last_review"}
    missing -= card.keys()
    if missing:
        raise StoreError("bad_entry", f"{key}: card is missing {', '.join(sorted(missing))}")
    _integer(card["card_id"], f"{key}: card_id", low=0, high=2**53)
    _integer(card["state"], f"{key}: state", low=1, high=3)
    if card["step"] is not None:
        _integer(card["step"], f"{key}: step", low=0, high=100)
    _number(card["stability"], f"{key}: stability", low=0.0, high=1e6)
    _number(card["difficulty"], f"{key}: difficulty", low=0.0, high=11.0)
    _time(card["due"], f"{key}: due")
    if card["last_review"] is None:
        raise StoreError("bad_entry", f"{key}: a graded card has a last_review")
    _time(card["last_review"], f"{key}: last_review")
    Card.from_dict(card)  # the scheduler reads it back
    return value


def decode_store(text: str | None) -> tuple[Progress, int]:
    """The browser's stored progress, leniently: the good entries and how many were left out
    (all of it, counted as one, if the text is not a JSON object)."""
    if not text:
        return {}, 0
    try:
        raw = json.loads(text)
    except ValueError:
        return {}, 1
    if not isinstance(raw, dict):
        return {}, 1
    progress: Progress = {}
    for key, value in raw.items():
        try:
            progress[key] = validate_entry(key, value)
        except (StoreError, KeyError, TypeError, ValueError):
            continue
    return progress, len(raw) - len(progress)


def encode_store(progress: Progress) -> str:
    """The text the browser keeps (compact; keys sorted, so equal progress is equal text)."""
    return json.dumps(progress, sort_keys=True, separators=(",", ":"), allow_nan=False)


def export_file(progress: Progress, now: datetime) -> bytes:
    """An export: the progress wrapped with its format and version, readable JSON."""
    wrapped = {
        "format": FORMAT,
        "version": VERSION,
        "exported": now.isoformat(),
        "progress": progress,
    }
    return json.dumps(wrapped, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8")


def read_import(data: bytes) -> Progress:
    """A file's progress, strictly: StoreError unless every part of it is good. Takes an
    export, or the browser's stored object itself."""
    if len(data) > MAX_FILE_BYTES:
        raise StoreError("too_big", f"{len(data):,} bytes")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise StoreError("not_json", str(err)) from None
    if isinstance(raw, dict) and "format" in raw:
        if raw.get("format") != FORMAT or not isinstance(raw.get("progress"), dict):
            raise StoreError("foreign", f"format {raw.get('format')!r}")
        version = raw.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise StoreError("foreign", f"version {version!r}")
        if version > VERSION:
            raise StoreError("newer", f"version {version}")
        raw = raw["progress"]
    elif not (isinstance(raw, dict) and raw and all(KEY.match(str(k)) for k in raw)):
        raise StoreError("foreign", "not a progress object")
    progress: Progress = {}
    for key, value in raw.items():
        try:
            progress[key] = validate_entry(key, value)
        except StoreError:
            raise
        except (KeyError, TypeError, ValueError) as err:
            raise StoreError("bad_entry", f"{key}: {err}") from None
    return progress


def last_review(entry: dict) -> datetime:
    return datetime.fromisoformat(entry["card"]["last_review"])


def merge(current: Progress, incoming: Progress) -> tuple[Progress, int]:
    """``current`` with ``incoming`` merged in: for each card the entry graded more recently
    wins (a tie keeps the one graded more often). Returns it and how many entries changed."""
    merged = dict(current)
    changed = 0
    for key, entry in incoming.items():
        mine = merged.get(key)
        if mine is None or (last_review(entry), entry["reviews"]) > (
            last_review(mine),
            mine["reviews"],
        ):
            if mine != entry:
                changed += 1
            merged[key] = entry
    return merged, changed
