"""Which card the drill asks next.

- **Due only** (the default): cards whose time has come, the longest overdue first; then new
  cards, in teaching order, while today's allowance of new cards lasts; then, rather than
  nothing, a card graded Again or Hard a moment ago that is due within ``LEARN_AHEAD`` (as
  Anki does), so Again comes back soon.
- **Cram**: every chosen card, due or not: the due ones first, then the new ones, then the rest
  soonest due first. Grades still go to the scheduler.

In both, a card graded Good or Easy in this sitting is not asked again in it, and the card just
graded is not asked again at once while another one can be.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from ui.drill.schedule import due_at
from ui.drill.store import Progress

DUE = "due"
CRAM = "cram"
MODES = (DUE, CRAM)
LEARN_AHEAD = timedelta(minutes=20)


def new_today(progress: Progress, day_start: datetime) -> int:
    """How many cards were graded for the first time since ``day_start``."""
    return sum(datetime.fromisoformat(entry["first"]) >= day_start for entry in progress.values())


def _pick(
    keys: Sequence[str],
    progress: Progress,
    now: datetime,
    mode: str,
    new_left: int,
) -> str | None:
    seen = sorted((key for key in keys if key in progress), key=lambda k: due_at(progress[k]))
    fresh = [key for key in keys if key not in progress]
    due = [key for key in seen if due_at(progress[key]) <= now]
    if due:
        return due[0]
    if mode == CRAM:
        return (fresh or seen or [None])[0]
    if fresh and new_left > 0:
        return fresh[0]
    soon = [key for key in seen if due_at(progress[key]) <= now + LEARN_AHEAD]
    return soon[0] if soon else None


def next_card(
    keys: Sequence[str],
    progress: Progress,
    now: datetime,
    *,
    mode: str = DUE,
    new_left: int = 10,
    done: Collection[str] = (),
    last: str | None = None,
) -> str | None:
    """The key of the next card among ``keys`` (in teaching order), or None when the sitting
    has nothing left to ask. ``done``: graded Good or Easy in this sitting; ``last``: the card
    just graded; ``new_left``: how many new cards today's allowance still has."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
    keys = [key for key in keys if key not in done]
    others = [key for key in keys if key != last]
    found = _pick(others, progress, now, mode, new_left)
    if found is None and last in keys:
        found = _pick([last], progress, now, mode, new_left)
    return found


def next_due(keys: Sequence[str], progress: Progress) -> datetime | None:
    """When the earliest of the seen ``keys`` falls due (None if none was seen)."""
    times = [due_at(progress[key]) for key in keys if key in progress]
    return min(times) if times else None
