"""The drill page (pages/drill.py, ui/drill/) through AppTest, in both languages.

AppTest runs no JavaScript, so the browser's answer (ui/components/progress_store reads
localStorage and sends it back) is played by putting the progress into session state, as
ui.drill.progress.sync does with what the browser sends; the real round trip through
localStorage is tests/browser/test_drill.py's."""

import json
from datetime import timedelta

import pytest
from streamlit.testing.v1.element_tree import Widget

from tests.app.conftest import assert_clean, open_app
from ui.components.progress_store import NAME
from ui.content import load_topic
from ui.drill.deck import deck
from ui.drill.progress import PROGRESS, now
from ui.drill.schedule import review
from ui.i18n import lookup
from ui.topics import TOPICS

PAGE = "pages/drill.py"
FIRST = TOPICS[0].id  # the first card is the first topic's first question


def _all(node):
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _all(child)
    else:
        yield node


def store_data(at) -> dict:
    """What this run sent the progress store (want, sid, rev, text, keys)."""
    found = [
        e for e in _all(at.main) if e.type == "bidi_component" and e.proto.component_name == NAME
    ]
    assert len(found) == 1, found
    return json.loads(found[0].proto.json)


def open_drill(lang: str, progress: dict | None = None, **choices):
    """The drill as a learner sees it once their browser has sent ``progress`` (none: empty)."""
    at = open_app(lang)
    at.session_state[PROGRESS] = {} if progress is None else progress
    for key, value in choices.items():
        at.session_state[f"drill_{key}"] = value
    at.switch_page(PAGE).run()
    assert_clean(at)
    return at


def heading(at) -> str:
    return at.subheader[0].value


def grade(at, rating: int):
    at.button(key=f"drill_grade_{rating}").click().run()
    assert_clean(at)
    return at


def show(at):
    at.button(key="drill_show").click().run()
    assert_clean(at)
    return at


def test_until_the_browser_answers_the_page_says_it_is_reading(lang):
    at = open_app(lang, PAGE)
    assert_clean(at)
    assert lookup("drill.loading", lang) in [i.value for i in at.info]
    assert not [b for b in at.button if b.key == "drill_show"]
    data = store_data(at)
    assert data["want"] and data["keys"] and data["rev"] == 0 and data["text"] is None


def test_a_card_shows_its_question_then_its_answer_as_the_topic_page_does(lang):
    at = open_drill(lang)
    first = load_topic(FIRST, lang).questions[0]
    assert heading(at) == first.heading
    assert at.button(key="drill_show").label == lookup("drill.show", lang)
    assert not [b for b in at.button if b.key and b.key.startswith("drill_grade_")]
    show(at)
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "\\sigma" in shown  # the answer's formulas, for KaTeX
    tries = [b.label for b in at.button if b.key and b.key.startswith("drill_try_")]
    pointer = "Try it" if lang == "en" else "动手试试"  # the content's own pointer label
    assert tries and all(label.startswith(f"{pointer} · ") for label in tries)
    names = [lookup(f"drill.{n}", lang) for n in ("again", "hard", "good", "easy")]
    labels = [at.button(key=f"drill_grade_{n}").label for n in range(1, 5)]
    assert [label.split(" · ")[1] for label in labels] == names
    assert [label.split(" · ")[0] for label in labels] == ["1", "2", "3", "4"]
    links = [link.proto.query_string for link in at.get("page_link") if link.proto.page == FIRST]
    assert links == [f"lang={lang}&q={first.id}"]
    keys = [node.key for node in at.main if isinstance(node, Widget)]
    assert keys and all(key.startswith("drill_") for key in keys), keys


def test_a_grade_is_kept_and_sent_to_the_browser_and_the_next_card_comes(lang):
    at = open_drill(lang)
    first = heading(at)
    grade(show(at), 3)
    key = f"{FIRST}/{load_topic(FIRST, lang).questions[0].id}"
    progress = at.session_state[PROGRESS]
    assert list(progress) == [key] and progress[key]["reviews"] == 1
    assert progress[key]["last_rating"] == 3
    data = store_data(at)
    assert data["rev"] == 1 and json.loads(data["text"]) == progress  # written this run
    assert heading(at) != first


def test_good_is_not_asked_again_in_the_sitting_again_comes_back(lang):
    at = open_drill(lang, new_per_day=1)
    first = heading(at)
    grade(show(at), 1)  # Again
    assert heading(at) == first  # nothing else may be asked today: it comes back at once
    grade(show(at), 3)  # Good
    assert not [b for b in at.button if b.key == "drill_show"]
    assert lookup("drill.finished", lang) in [s.value for s in at.success]


def test_the_choices_pick_topics_and_cram_asks_cards_that_are_not_due(lang):
    last = TOPICS[-1].id
    at = open_drill(lang, topics_chosen=[last])
    assert heading(at) == load_topic(last, lang).questions[0].heading
    keys = [card.key for card in deck(lang, (last,))]
    easy = {key: review(key, None, 4, now() - timedelta(minutes=1)) for key in keys}
    at = open_drill(lang, easy, topics_chosen=[last])
    assert lookup("drill.finished", lang) in [s.value for s in at.success]
    at = open_drill(lang, easy, topics_chosen=[last], mode="cram")
    assert heading(at) in {card.heading for card in deck(lang, (last,))}
    at = open_drill(lang, topics_chosen=[])
    assert lookup("drill.no_topics", lang) in [i.value for i in at.info]


def test_clear_empties_the_progress_and_tells_the_browser(lang):
    key = f"{FIRST}/{load_topic(FIRST, lang).questions[0].id}"
    at = open_drill(lang, {key: review(key, None, 3, now())})
    at.button(key="drill_clear").click().run()
    assert_clean(at)
    assert at.session_state[PROGRESS] == {}
    data = store_data(at)
    assert data["rev"] == 1 and json.loads(data["text"]) == {}
    assert lookup("drill.cleared", lang) in [s.value for s in at.success]


@pytest.mark.parametrize("lang", ["en"])
def test_a_try_it_button_opens_the_topic_page_at_its_experiment(lang):
    at = show(open_drill(lang))
    button = next(b for b in at.button if b.key and b.key.startswith("drill_try_"))
    tab = button.label.split(" · ", 1)[1]
    button.click().run()
    assert_clean(at)
    assert at.title[0].value == lookup(f"{FIRST}.title", lang)
    assert at.session_state[f"{FIRST}_tab"] == tab


def test_home_shows_each_topics_drill_progress_from_the_same_store(lang):
    at = open_app(lang)
    assert lookup("drill.loading", lang) in str([m.value for m in at.markdown])
    assert store_data(at)["want"] and not store_data(at)["keys"]
    keys = [card.key for card in deck(lang, (FIRST,))]
    when = now() - timedelta(days=400)
    progress = {keys[0]: review(keys[0], None, 3, now()), keys[1]: review(keys[1], None, 4, when)}
    at.session_state[PROGRESS] = progress
    at.run()
    assert_clean(at)
    expected = lookup("drill.topic_counts", lang).format(seen=2, total=len(keys), due=1, mastered=0)
    captions = [str(c.value) for c in at.caption]
    assert any(c.endswith(expected) for c in captions), captions
    others = lookup("drill.topic_counts", lang).format(
        seen=0, total=len(deck(lang, (TOPICS[1].id,))), due=0, mastered=0
    )
    assert any(c.endswith(others) for c in captions)
    total = len(deck(lang))
    line = lookup("drill.home_counts", lang).format(seen=2, total=total, due=1, mastered=0)
    assert any(line in str(m.value) for m in at.markdown)
    link = [x for x in at.get("page_link") if x.proto.page == "drill"]
    assert [x.proto.query_string for x in link] == [f"lang={lang}"]


def test_every_question_and_quiz_of_every_topic_is_a_card_with_one_key_in_both_languages():
    keys = {}
    for lang in ("zh", "en"):
        cards = deck(lang)
        keys[lang] = [card.key for card in cards]
        expected = [
            f"{topic.id}/{block.id}"
            for topic in TOPICS
            for block in (
                *load_topic(topic.id, lang).questions,
                *load_topic(topic.id, lang).quizzes,
            )
        ]
        assert keys[lang] == expected
        assert len(set(keys[lang])) == len(keys[lang])  # no question and quiz share an id
    assert keys["zh"] == keys["en"]
