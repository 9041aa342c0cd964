"""How many epochs a playing run trains per redraw: the learner's speed in epochs per second
of wall time, however often the browser manages to redraw."""

from __future__ import annotations

SPEEDS: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100)  # epochs per second while playing
DEFAULT_SPEED = 20
MAX_CATCH_UP_S = 4.0  # a redraw later than this trains no more than this much wall time


def elapsed_s(last: float | None, now: float, tick_s: float) -> float:
    """Wall time since the last redraw (``tick_s`` for the first), at most MAX_CATCH_UP_S: a
    redraw long delayed (a busy server, a hidden tab) does not train minutes' worth at once."""
    return tick_s if last is None else min(now - last, MAX_CATCH_UP_S)


def epochs_due(speed: float, elapsed: float, carry: float) -> tuple[int, float]:
    """(epochs to train now, the fraction carried to the next redraw) at ``speed`` epochs per
    second after ``elapsed`` seconds, ``carry`` being the fraction the last redraw left."""
    due = float(speed) * elapsed + carry
    n = int(due)
    return n, due - n


__all__ = ["DEFAULT_SPEED", "MAX_CATCH_UP_S", "SPEEDS", "elapsed_s", "epochs_due"]
