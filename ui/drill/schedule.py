"""Scheduling by FSRS, through the maintained ``fsrs`` package (py-fsrs): this module only wires
its ``Scheduler`` and ``Card`` to the store's entries (ui/drill/store.py).

The scheduler has the package's default parameters and learning steps (a new card comes back
after 1 and then 10 minutes, a forgotten one after 10), and no fuzz: the interval a grade
button shows is the one the grade gives. A card counts as *mastered* once it is in the Review
state with a stability of at least ``MASTERED_DAYS`` (Anki calls a card with a 21-day interval
"mature").
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from ui.drill.store import Progress

SCHEDULER = Scheduler(enable_fuzzing=False)
MASTERED_DAYS = 21.0
RATINGS: tuple[Rating, ...] = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


def utc(when: datetime) -> datetime:
    """``when`` in UTC, as the scheduler wants it."""
    return when.astimezone(UTC)


def new_card(key: str) -> Card:
    """A card never graded, with an id derived from its key (the same on every device)."""
    return Card(card_id=zlib.crc32(key.encode("utf-8")), due=datetime(2000, 1, 1, tzinfo=UTC))


def card_of(key: str, entry: dict | None) -> Card:
    return new_card(key) if entry is None else Card.from_dict(entry["card"])


def review(key: str, entry: dict | None, rating: int, now: datetime) -> dict:
    """The entry after grading the card ``rating`` (1 Again … 4 Easy) at ``now``."""
    rating = Rating(rating)
    now = utc(now)
    card, _log = SCHEDULER.review_card(card_of(key, entry), rating, review_datetime=now)
    return {
        "reviews": (entry["reviews"] if entry else 0) + 1,
        "first": entry["first"] if entry else now.isoformat(),
        "last_rating": int(rating),
        "card": card.to_dict(),
    }


def intervals(key: str, entry: dict | None, now: datetime) -> dict[int, timedelta]:
    """For each grade, how long until the card would be due again."""
    now = utc(now)
    card = card_of(key, entry)
    found = {}
    for rating in RATINGS:
        after, _log = SCHEDULER.review_card(card, rating, review_datetime=now)
        found[int(rating)] = after.due - now
    return found


def due_at(entry: dict) -> datetime:
    return datetime.fromisoformat(entry["card"]["due"])


def is_due(entry: dict, now: datetime) -> bool:
    return due_at(entry) <= now


def is_mastered(entry: dict) -> bool:
    card = entry["card"]
    return card["state"] == State.Review and (card["stability"] or 0.0) >= MASTERED_DAYS


def summary(progress: Progress, keys: list[str], now: datetime) -> tuple[int, int, int]:
    """(seen, due, mastered) among ``keys``: graded at least once, due now, mastered."""
    entries = [progress[key] for key in keys if key in progress]
    due = sum(is_due(entry, now) for entry in entries)
    return len(entries), due, sum(is_mastered(entry) for entry in entries)
