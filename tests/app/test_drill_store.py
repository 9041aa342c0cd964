"""The drill's progress as JSON (ui/drill/store.py): what the browser keeps and what a file carries
round-trips exactly; the browser's copy is read leniently, a file strictly (one bad entry and
nothing is imported); merging keeps the more recent review of each card."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from ui.drill.schedule import review
from ui.drill.store import (
    FORMAT,
    MAX_FILE_BYTES,
    STORAGE_KEY,
    StoreError,
    decode_store,
    encode_store,
    export_file,
    merge,
    read_import,
    validate_entry,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def graded(key: str, *ratings: int, start: datetime = T0) -> dict:
    """The entry of a card graded ``ratings`` one hour apart from ``start``."""
    entry = None
    for i, rating in enumerate(ratings):
        entry = review(key, entry, rating, start + timedelta(hours=i))
    return entry


@pytest.fixture
def progress():
    return {
        "relu/dying": graded("relu/dying", 3),
        "activations/sigmoid": graded("activations/sigmoid", 1, 3, 4),
    }


def test_the_storage_key_and_entries_say_what_the_issue_asks():
    assert STORAGE_KEY == "dlqa.progress"
    entry = graded("relu/dying", 1, 3)
    assert entry["reviews"] == 2 and entry["last_rating"] == 3
    assert entry["first"] == T0.isoformat()
    assert {"state", "stability", "difficulty", "due", "last_review"} <= entry["card"].keys()


def test_the_browser_copy_round_trips_exactly(progress):
    text = encode_store(progress)
    assert json.loads(text) == progress
    assert decode_store(text) == (progress, 0)
    assert encode_store(dict(reversed(progress.items()))) == text  # one text for one progress


def test_an_export_round_trips_through_import(progress):
    data = export_file(progress, T0)
    wrapped = json.loads(data)
    assert wrapped["format"] == FORMAT and wrapped["version"] == 1
    assert read_import(data) == progress
    assert read_import(encode_store(progress).encode()) == progress  # the bare stored object too


def test_the_browser_copy_is_read_leniently(progress):
    raw = json.loads(encode_store(progress))
    raw["relu/dying"]["reviews"] = "many"
    raw["not a key"] = {}
    kept, dropped = decode_store(json.dumps(raw))
    assert kept == {"activations/sigmoid": progress["activations/sigmoid"]}
    assert dropped == 2
    assert decode_store("{not json") == ({}, 1)
    assert decode_store("[1, 2]") == ({}, 1)
    assert decode_store(None) == ({}, 0)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n", "not_json"),
        (b"{oops", "not_json"),
        (b"[]", "foreign"),
        (b'{"deck": "anki", "cards": []}', "foreign"),
        (b'{"format": "anki", "progress": {}}', "foreign"),
        (b'{"format": "dlqa.progress", "version": 2, "progress": {}}', "newer"),
        (b'{"format": "dlqa.progress", "version": "1", "progress": {}}', "foreign"),
        (b"{}", "foreign"),
        (b" " * (MAX_FILE_BYTES + 1), "too_big"),
    ],
)
def test_a_foreign_or_corrupt_file_is_refused_with_its_reason(data, reason):
    with pytest.raises(StoreError) as refused:
        read_import(data)
    assert refused.value.reason == reason


def broken(progress, change):
    raw = json.loads(encode_store(progress))
    change(raw["relu/dying"])
    return export_file(raw, T0)


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.pop("reviews"),
        lambda e: e.update(reviews=0),
        lambda e: e.update(reviews=True),
        lambda e: e.update(last_rating=5),
        lambda e: e.update(first="yesterday"),
        lambda e: e.update(first="2026-12-01T09:00:00"),  # no time zone
        lambda e: e.update(card="a card"),
        lambda e: e["card"].pop("due"),
        lambda e: e["card"].update(state=7),
        lambda e: e["card"].update(stability=-1.0),
        lambda e: e["card"].update(difficulty="hard"),
        lambda e: e["card"].update(last_review=None),
        lambda e: e["card"].update(due="soon"),
    ],
)
def test_one_bad_entry_refuses_the_whole_file(progress, change):
    with pytest.raises(StoreError) as refused:
        read_import(broken(progress, change))
    assert refused.value.reason == "bad_entry"
    assert "relu/dying" in refused.value.detail


def test_a_good_entry_passes_validation_unchanged(progress):
    for key, entry in progress.items():
        assert validate_entry(key, entry) is entry
    with pytest.raises(StoreError):
        validate_entry("relu", progress["relu/dying"])


def test_merge_keeps_the_more_recent_review_of_each_card(progress):
    later = {"relu/dying": graded("relu/dying", 3, 3, start=T0 + timedelta(days=2))}
    merged, changed = merge(progress, later)
    assert merged["relu/dying"] == later["relu/dying"] and changed == 1
    assert merged["activations/sigmoid"] == progress["activations/sigmoid"]
    back, changed = merge(merged, progress)  # the older file changes nothing
    assert back == merged and changed == 0
    fresh, changed = merge({}, progress)
    assert fresh == progress and changed == 2
