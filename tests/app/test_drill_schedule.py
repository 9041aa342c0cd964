"""The drill's scheduling: the fsrs package's scheduler wired to the store's entries
(ui/drill/schedule.py), and the choice of the next card (ui/drill/queue.py)."""

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler, State

from ui.drill.queue import CRAM, DUE, LEARN_AHEAD, new_today, next_card, next_due
from ui.drill.schedule import (
    MASTERED_DAYS,
    due_at,
    intervals,
    is_due,
    is_mastered,
    new_card,
    review,
    summary,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
KEYS = ["relu/cheap", "relu/dying", "relu/sparse", "dropout/mechanism"]


def test_a_review_is_the_fsrs_packages_own():
    """The entry's card is exactly what fsrs's Scheduler gives for the same reviews."""
    scheduler = Scheduler(enable_fuzzing=False)
    card = Card(card_id=new_card("relu/dying").card_id, due=T0)
    entry = None
    for i, rating in enumerate((Rating.Good, Rating.Again, Rating.Good, Rating.Easy)):
        when = T0 + timedelta(days=i)
        card, _ = scheduler.review_card(card, rating, review_datetime=when)
        entry = review("relu/dying", entry, int(rating), when)
        assert entry["card"] == card.to_dict()
    assert entry["reviews"] == 4 and entry["last_rating"] == Rating.Easy


def test_again_comes_back_sooner_than_hard_than_good_than_easy():
    for entry in (None, review("relu/dying", None, 3, T0)):
        waits = intervals("relu/dying", entry, T0 + timedelta(days=3))
        assert waits[1] < waits[2] < waits[3] < waits[4]
    first = intervals("relu/dying", None, T0)
    assert first[1] == timedelta(minutes=1)  # the package's first learning step
    assert first[3] == timedelta(minutes=10)


def test_the_intervals_shown_are_the_ones_a_grade_gives():
    entry = review("relu/dying", None, 3, T0)
    later = T0 + timedelta(hours=2)
    for rating, wait in intervals("relu/dying", entry, later).items():
        assert due_at(review("relu/dying", entry, rating, later)) == later + wait


def test_a_card_id_is_the_same_for_the_same_key():
    assert new_card("relu/dying").card_id == new_card("relu/dying").card_id
    assert new_card("relu/dying").card_id != new_card("relu/sparse").card_id


def test_due_and_mastered():
    entry = review("relu/dying", None, 4, T0)  # Easy on a new card: straight to Review
    assert entry["card"]["state"] == State.Review
    assert not is_due(entry, T0) and is_due(entry, due_at(entry))
    assert not is_mastered(entry)
    when = T0
    while entry["card"]["stability"] < MASTERED_DAYS:
        when = due_at(entry)
        entry = review("relu/dying", entry, 3, when)
    assert is_mastered(entry)
    progress = {"relu/dying": entry, "relu/cheap": review("relu/cheap", None, 1, T0)}
    assert summary(progress, KEYS, when + timedelta(days=1)) == (2, 1, 1)


def test_new_cards_come_in_teaching_order_within_the_days_allowance():
    assert next_card(KEYS, {}, T0, new_left=3) == "relu/cheap"
    assert next_card(KEYS, {}, T0, new_left=0) is None
    progress = {"relu/cheap": review("relu/cheap", None, 3, T0)}
    assert next_card(KEYS, progress, T0, new_left=3, done={"relu/cheap"}) == "relu/dying"
    assert new_today(progress, T0) == 1 and new_today(progress, T0 + timedelta(days=1)) == 0


def test_due_cards_come_first_the_longest_overdue_first():
    progress = {
        "relu/sparse": review("relu/sparse", None, 4, T0),
        "dropout/mechanism": review("dropout/mechanism", None, 4, T0 - timedelta(days=5)),
    }
    later = T0 + timedelta(days=30)
    assert next_card(KEYS, progress, later, new_left=5) == "dropout/mechanism"
    assert next_card(KEYS, progress, later, new_left=5, done={"dropout/mechanism"}) == "relu/sparse"


def test_good_or_easy_is_not_asked_again_in_the_sitting_but_again_comes_back_soon():
    progress = {"relu/cheap": review("relu/cheap", None, 3, T0)}
    soon = T0 + timedelta(minutes=10)  # Good's first step is over
    assert next_card(["relu/cheap"], progress, soon) == "relu/cheap"  # due: asked…
    assert next_card(["relu/cheap"], progress, soon, done={"relu/cheap"}) is None  # …but not now
    progress = {"relu/cheap": review("relu/cheap", None, 1, T0)}  # Again: due in a minute
    assert next_card(["relu/cheap"], progress, T0, new_left=0) == "relu/cheap"  # learn ahead
    far = {"relu/cheap": review("relu/cheap", None, 4, T0)}  # Easy: days away
    assert next_card(["relu/cheap"], far, T0 + LEARN_AHEAD, new_left=0) is None


def test_the_card_just_graded_waits_while_another_can_be_asked():
    progress = {"relu/cheap": review("relu/cheap", None, 1, T0)}
    after = T0 + timedelta(minutes=2)  # it is due again
    assert next_card(KEYS, progress, after, new_left=5, last="relu/cheap") == "relu/dying"
    assert next_card(["relu/cheap"], progress, after, last="relu/cheap") == "relu/cheap"


def test_cram_asks_every_chosen_card_due_or_not():
    progress = {key: review(key, None, 4, T0) for key in KEYS[:3]}
    assert next_card(KEYS, progress, T0, new_left=0) is None
    assert next_card(KEYS, progress, T0, mode=CRAM, new_left=0) == "dropout/mechanism"
    done = {"dropout/mechanism"}
    assert next_card(KEYS, progress, T0, mode=CRAM, done=done) in KEYS[:3]
    assert next_card(KEYS, progress, T0, mode=CRAM, done=set(KEYS)) is None
    assert next_due(KEYS, progress) == min(due_at(e) for e in progress.values())


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode must be one of due, cram"):
        next_card(KEYS, {}, T0, mode="shuffle")
    assert DUE != CRAM
