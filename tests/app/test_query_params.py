"""What a URL can do to the app: only ``lang`` and the playground's own keys are read, and both
are validated (a bad value gets a default and a message, never an exception); anything else is
ignored. Q&A text is loaded by topic id, never by a path."""

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qa_core.labs import playground as pg
from tests.app.conftest import APP, ROOT, assert_clean, open_app
from tests.app.test_playground_page import open_with_url, shown_state
from ui.content import CONTENT_DIR, content_path, load_topic
from ui.i18n import LANGS, lookup
from ui.topics import PLAYGROUND, TOPICS

APP_SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
               *sorted((ROOT / "ui").rglob("*.py"))]  # fmt: skip
URL_READERS = {"ui/i18n.py": "lang", "ui/topics/playground/url.py": "playground keys",
               "ui/jump.py": "q, the question a topic page opens at"}  # fmt: skip
LOADERS = {"render_topic", "render_question", "render_quizzes", "load_topic", "content_path",
           "topic_by_id", "topic_page"}  # fmt: skip
PASSERS = {"ui/content.py", "ui/layout.py"}  # the loaders and topic_page passing their argument on
JUNK = {"utm_source": "newsletter", "topic": "../README", "content": "/etc/passwd",
        "file": "content/en/relu.md", "page": "../../app.py", "unknown": "1"}  # fmt: skip
# Invalid for every playground key (and the preset): each must be named in a warning. Among
# them 5,000 digits: more than int() reads, which crashed the page before qa_core caught it.
GARBAGE = ["nan", "-inf", "1e309", "-1", "9" * 5000, "abc", "%00", "../../etc/passwd",
           "<script>alert(1)</script>", "[]", "1,2,3,4,5,6,7", "x" * 5000]  # fmt: skip


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def trees():
    for path in APP_SOURCES:
        yield relative(path), ast.parse(path.read_text(encoding="utf-8"))


def called(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def visible(at: AppTest) -> list[str]:
    kinds = (at.title, at.markdown, at.caption, at.info, at.warning, at.error, at.subheader)
    return [str(e.value) for kind in kinds for e in kind]


def warning_texts(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


# -- who reads the URL ---------------------------------------------------------------------------


def test_only_the_language_switch_and_the_playground_read_the_url():
    # A new reader of st.query_params must be added here, with a test of its bad values.
    readers = {
        name
        for name, tree in trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "query_params"
    }
    assert readers == set(URL_READERS)


def test_q_and_a_text_is_asked_for_by_a_literal_topic_id():
    # Pages name their topic in the source (or take it from ui.topics): never from input.
    calls = []
    for name, tree in trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args or called(node) not in LOADERS:
                continue
            arg = node.args[0]
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            from_registry = isinstance(arg, ast.Attribute) and arg.attr == "id"
            calls.append((name, node.lineno, literal or from_registry or name in PASSERS))
    assert len(calls) >= len(TOPICS)  # every topic page loads its text
    assert all(ok for *_, ok in calls), [c for c in calls if not c[2]]


@pytest.mark.parametrize(
    "topic_id", ["../README", "/etc/passwd", "relu/../../README", "relu.md", "RELU", "", ".."]
)
def test_a_path_is_not_a_topic_id(topic_id):
    with pytest.raises(ValueError):
        content_path(topic_id, "en")
    with pytest.raises(ValueError):
        load_topic(topic_id, "en")


@pytest.mark.parametrize("lang", ["../..", "/etc", "EN", ""])
def test_a_path_is_not_a_language(lang):
    with pytest.raises(ValueError):
        content_path("relu", lang)


def test_every_topic_id_names_a_file_inside_content():
    for topic in (*TOPICS, PLAYGROUND):
        for lang in LANGS:
            path = content_path(topic.id, lang).resolve()
            assert path.is_relative_to(CONTENT_DIR.resolve()) and path.parent.name == lang


# -- what the app makes of a URL -----------------------------------------------------------------


@pytest.mark.parametrize("page", [None, "pages/activations.py", "pages/playground.py"])
def test_unknown_keys_change_nothing(page):
    plain = open_app("en", page)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"lang": "en", **JUNK})
    at.run()
    if page:
        at.switch_page(page).run()
    assert_clean(at)
    assert visible(at) == visible(plain)


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("EN", "zh"),
        ("", "zh"),
        (" en", "zh"),
        ("../en", "zh"),
        ("zh-CN", "zh"),
        (["xx", "en"], "en"),
        (["en", "xx"], "zh"),
    ],
)
def test_a_bad_language_falls_back_to_chinese_and_the_url_says_which(given, used):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = given  # a repeated key counts its last value
    at.run()
    assert_clean(at)
    assert at.title[0].value == lookup("common.app_title", used)
    shown = at.query_params["lang"]
    assert (shown if isinstance(shown, str) else shown[-1]) == used  # what a reload would use


@pytest.mark.parametrize(
    ("garbage", "lang"),
    [(g, LANGS[i % 2]) for i, g in enumerate(GARBAGE)],
    ids=[g if len(g) < 30 else f"{g[0]}*{len(g)}" for g in GARBAGE],
)
def test_garbage_in_every_playground_key_gives_defaults_and_one_message_each(garbage, lang):
    keys = [*pg.URL_KEYS.values(), pg.PRESET_KEY]
    at = open_with_url(lang, dict.fromkeys(keys, garbage))
    assert_clean(at)
    assert shown_state(at) == pg.DEFAULT
    assert len(at.warning) == len(keys)
    text = warning_texts(at)
    for key in pg.URL_KEYS.values():
        assert f"`{key}=" in text, key
    assert all(len(w.value) < 400 for w in at.warning)  # a long value is cut short
    at.button(key="playground_step").click().run()  # and the page keeps working
    assert_clean(at)
    assert at.metric[0].value == "1"


def test_a_repeated_playground_key_counts_its_last_value():
    at = open_with_url("en", {"lr": ["nan", "0.3"], "act": ["relu", "nope"]})
    assert_clean(at)
    assert shown_state(at).lr == 0.3 and shown_state(at).activation == pg.DEFAULT.activation
    assert len(at.warning) == 1 and "`act=nope`" in at.warning[0].value


@pytest.mark.parametrize(
    "value",
    [
        "x`![pixel](https://example.invalid/p.png)`",
        "x\n\n[click](https://example.invalid)",
        "x``<img src=https://example.invalid/p.png>``",
    ],
)
def test_an_echoed_url_value_stays_inside_its_code_span(value):
    # The warnings are markdown: a value that ended its code span (a backtick, a blank line)
    # could show a link or load a remote image on the page of whoever follows a crafted link.
    at = open_with_url("en", {"act": value, "preset": value})
    assert_clean(at)
    templates = [lookup(f"playground.{k}", "en") for k in ("url_unknown_preset", "url_rejected")]
    assert [w.value.count("`") for w in at.warning] == [t.count("`") for t in templates]
    for warning in at.warning:
        outside = warning.value.split("`")[::2]  # the text between code spans
        assert "\n" not in warning.value and not any("](" in p or "<" in p for p in outside)
