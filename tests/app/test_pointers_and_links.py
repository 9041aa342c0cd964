"""Links that keep the language, links to a question (``?q=``), and the "Try it" pointers as
buttons that open their experiment (ui/links.py, ui/jump.py, ui/pointers.py). What the browser
does with a jump (the scrolling) is tests/browser/test_links_and_pointers.py's."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, _in_order, assert_clean, open_app
from ui.components.page_script import NAME as PAGE_SCRIPT
from ui.content import content_path, load_topic, parse_topic
from ui.i18n import LANGS
from ui.jump import tabs_key
from ui.links import localise_links, with_lang
from ui.pointers import Pointer, parse_settings, split_body
from ui.topics import TOPIC_IDS


def jump_sent(at: AppTest) -> dict | None:
    """The jump the page's script component was sent in the last run."""
    scripts = [
        element
        for element in _in_order(at.main)
        if element.type == "bidi_component" and element.proto.component_name == PAGE_SCRIPT
    ]
    assert len(scripts) == 1
    return json.loads(scripts[0].proto.json)["jump"]


def open_with_query(lang: str, page: str, query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"lang": lang, **query})
    at.run()
    at.switch_page(page).run()
    return at


def pointers(topic_id: str, lang: str) -> list[tuple[str, Pointer]]:
    """Every pointer of a topic's questions with the key of its button."""
    text = parse_topic(content_path(topic_id, lang).read_text(encoding="utf-8"))
    found = []
    for question in text.questions:
        parts = [p for p in split_body(question.body) if isinstance(p, Pointer)]
        for i, pointer in enumerate(parts, start=1):
            name = question.id if i == 1 else f"{question.id}_{i}"
            found.append((f"{topic_id}_try_{name}", pointer))
    return found


# -- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/playground?preset=relu-dies", "/playground?lang=en&preset=relu-dies"),
        ("/relu", "/relu?lang=en"),
        ("/relu?lang=zh&q=dying", "/relu?lang=en&q=dying"),
        ("/relu?lang=zh#dying", "/relu?lang=en#dying"),
    ],
)
def test_an_internal_url_gets_the_language(url, expected):
    assert with_lang(url, "en") == expected


def test_only_internal_markdown_links_are_rewritten():
    text = "[a](/playground?preset=x) [b](https://arxiv.org/abs/1502.01852) [c](#dying) ![i](/x)"
    assert localise_links(text, "zh") == (
        "[a](/playground?lang=zh&preset=x) [b](https://arxiv.org/abs/1502.01852) [c](#dying) "
        "![i](/x?lang=zh)"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_q_and_a_text_links_carry_the_readers_language(lang):
    at = open_app(lang, "pages/relu.py")
    assert_clean(at)
    links = [m.value for m in at.markdown if "](/" in m.value]
    assert links and all(f"?lang={lang}&" in link for link in links), links


# -- ?q=: a link to a question -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_to_a_question_jumps_to_it_once(lang):
    at = open_with_query(lang, "pages/relu.py", {"q": "dying"})
    assert_clean(at)
    assert jump_sent(at) == {"to": "question", "id": "dying", "token": jump_sent(at)["token"]}
    assert "q" not in at.query_params and at.query_params["lang"] == lang
    at.run()  # any later run stays where the reader is
    assert jump_sent(at) is None


@pytest.mark.parametrize(
    "value",
    ["", "DYING", "leaky-relu/../dying", "sigmoid", "<script>", "x" * 5000, ["dying", "nope"]],
)
def test_a_bad_question_id_changes_nothing_and_is_dropped(value):
    plain = open_app("en", "pages/relu.py")
    at = open_with_query("en", "pages/relu.py", {"q": value})
    assert_clean(at)
    assert jump_sent(at) is None and "q" not in at.query_params
    assert [m.value for m in at.markdown] == [m.value for m in plain.markdown]


def test_the_home_page_links_each_question_to_its_place():
    at = open_app("en")
    assert_clean(at)
    links = [link for link in at.get("page_link") if "q=" in link.proto.query_string]
    expected = [(t, q.id) for t in TOPIC_IDS for q in load_topic(t, "en").questions]
    shown = [(link.proto.page, link.proto.query_string) for link in links]
    assert sorted(shown) == sorted((t, f"lang=en&q={q}") for t, q in expected)  # two columns


# -- the pointers --------------------------------------------------------------------------------


def test_a_pointer_is_parsed_with_its_settings_and_the_lines_above_it():
    body = (
        "Text.\n\n> 🧪 **Preset · x** — [open](/playground?preset=p)\\\n"
        '> 🔬 **Try it · Tab name** — do this. <!-- set: a_b = ["c"], a_d = 0.5 -->\n\nMore.'
    )
    assert list(split_body(body)) == [
        "Text.",
        Pointer(
            "Try it",
            "Tab name",
            "do this.",
            {"a_b": ["c"], "a_d": 0.5},
            "🧪 **Preset · x** — [open](/playground?preset=p)",
        ),
        "More.",
    ]
    with pytest.raises(ValueError, match="bad pointer settings"):
        parse_settings("a = [")


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_pointers_name_the_same_settings_in_both_languages(topic_id):
    zh, en = pointers(topic_id, "zh"), pointers(topic_id, "en")
    assert [(key, p.settings) for key, p in zh] == [(key, p.settings) for key, p in en]
    for _, pointer in en:
        assert all(key.startswith(f"{topic_id}_") for key in pointer.settings), pointer


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_each_pointer_opens_its_tab_sets_its_values_and_asks_for_the_experiments(topic_id, lang):
    """One click per distinct (tab, settings): a pointer's button opens the tab, gives the named
    widgets their values (with no Streamlit warning) and sends the jump to the experiments."""
    at = open_app(lang, f"pages/{topic_id}.py")
    assert_clean(at)
    seen = set()
    for key, pointer in pointers(topic_id, lang):
        what = (pointer.tab, json.dumps(pointer.settings, sort_keys=True))
        if what in seen:
            continue
        seen.add(what)
        at.button(key=key).click().run()
        assert_clean(at)
        assert at.session_state[tabs_key(topic_id)] == pointer.tab, key
        assert jump_sent(at)["to"] == "experiments", key
        for widget, value in pointer.settings.items():
            assert at.session_state[widget] == value, (key, widget)
        at.run()
        assert jump_sent(at) is None  # once
