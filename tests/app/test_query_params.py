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


def language_notices(at: AppTest) -> list[str]:
    """The warnings that say the link's language was not understood (in both languages)."""
    first = lookup("common.lang_unknown", "zh").split("`")[0]
    return [w.value for w in at.warning if first in w.value]


@pytest.mark.parametrize(
    ("given", "used", "understood"),
    [
        ("en", "en", True),
        ("EN", "en", True),
        ("En", "en", True),
        ("ZH", "zh", True),
        (" en", "en", True),
        ("en-GB", "en", True),
        ("zh_CN", "zh", True),
        ("xx", "zh", False),
        ("", "zh", False),
        ("../en", "zh", False),
        ("english", "zh", False),
        (["xx", "en"], "en", True),
        (["en", "xx"], "zh", False),
    ],
)
def test_the_language_in_the_url_is_read_in_any_case_and_an_unknown_one_is_said(
    given, used, understood
):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = given  # a repeated key counts its last value
    at.run()
    assert_clean(at)
    assert at.title[0].value == lookup("common.app_title", used)
    shown = at.query_params["lang"]
    assert (shown if isinstance(shown, str) else shown[-1]) == used  # what a reload would use
    notices = language_notices(at)
    if understood:
        assert notices == []
        return
    (notice,) = notices
    value = given if isinstance(given, str) else given[-1]
    for lang in LANGS:  # both languages, each naming the value given
        said = lookup("common.lang_unknown", lang).format(value=value)
        assert said in notice, (lang, notice)


def test_the_unknown_language_notice_stays_on_its_page_until_the_learner_moves_on():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "xx"
    at.run()
    at.run()  # a rerun of the same page (a click) keeps it
    assert len(language_notices(at)) == 1
    at.switch_page("pages/activations.py").run()
    assert_clean(at)
    assert language_notices(at) == []
    at.switch_page("pages/home.py").run()
    assert language_notices(at) == []  # said once, not on every page

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "xx"
    at.run()
    at.button_group(key="lang_switch").set_value("en").run()  # the learner chose
    assert_clean(at)
    assert at.title[0].value == lookup("common.app_title", "en")
    assert language_notices(at) == []


@pytest.mark.parametrize(
    ("garbage", "lang"),
    [(g, LANGS[i % 2]) for i, g in enumerate(GARBAGE)],
    ids=[g if len(g) < 30 else f"{g[0]}*{len(g)}" for g in GARBAGE],
)
def test_garbage_in_every_playground_key_gives_defaults_and_one_message_listing_them(garbage, lang):
    keys = [*pg.URL_KEYS.values(), pg.PRESET_KEY]
    at = open_with_url(lang, dict.fromkeys(keys, garbage))
    assert_clean(at)
    assert shown_state(at) == pg.DEFAULT
    (message,) = [w.value for w in at.warning]  # one message, one line for each key
    lines = [line for line in message.splitlines() if line.startswith("- ")]
    assert len(lines) == len(keys), message
    default = pg.encode(pg.DEFAULT)
    for key in keys:
        (line,) = [line for line in lines if line.startswith(f"- `{key}=")]
        assert len(line) < 600  # a long value is cut short
        if key != pg.PRESET_KEY:  # the default used, as the link would write it
            assert f"`{default[key]}`" in line, line
    at.button(key="playground_step").click().run()  # and the page keeps working
    assert_clean(at)
    assert at.metric[0].value == "1"


NAMED = {  # a playground URL key whose values are ids: the text key naming each
    "problem": "playground.problem_",
    "dataset": "playground.ds_",
    "opt": "playground.opt_",
    "reg": "playground.reg_",
    "preset": "playground.preset_",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_link_message_names_the_options_and_says_what_is_allowed_in_the_pages_language(
    lang,
):
    """Issue 24: the Chinese notice listed raw ids ("plane | reg_gauss") and English rules."""
    at = open_with_url(
        lang,
        {"problem": "ranking", "dataset": "mars", "opt": "lbfgs", "reg": "l3",
         "preset": "nope", "features": "x9", "layers": "4,x", "noise": "0.123", "bn": "1",
         "batch": "1"},
    )  # fmt: skip
    assert_clean(at)
    (message,) = [w.value for w in at.warning]
    for key, prefix in NAMED.items():
        (line,) = [line for line in message.splitlines() if line.startswith(f"- `{key}=")]
        options = {
            "problem": pg.PROBLEMS,
            "dataset": tuple(pg.DATASET_NAMES),
            "opt": pg.OPTIMIZERS,
            "reg": pg.REGULARISERS,
            "preset": tuple(pg.PRESETS),
        }[key]
        for option in options:
            named = lookup("playground.option_with_id", lang)
            assert named.format(name=lookup(prefix + option, lang), id=option) in line, line
    rules = ("allowed_features", "allowed_layers", "allowed_step")
    for rule in rules:
        assert lookup(f"playground.{rule}", lang).split("{")[0] in message, rule
    if lang == "zh":  # the English rules of the core are not shown
        assert "comma-separated" not in message and "nearest allowed step" not in message


def test_a_rule_that_fits_settings_together_is_said_in_the_pages_language(lang):
    at = open_with_url(lang, {"problem": "regression", "dataset": "circle"})
    assert_clean(at)
    (message,) = [w.value for w in at.warning]
    named = lookup("playground.option_with_id", lang)
    for option in pg.DATASETS_BY_PROBLEM["regression"]:  # "plane | reg_gauss" no more
        assert named.format(name=lookup(f"playground.ds_{option}", lang), id=option) in message
    assert "plane | reg_gauss" not in message


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
    (message,) = [w.value for w in at.warning]
    heading, blank, *lines = message.split("\n")  # no line break but the list's own
    assert heading == lookup("playground.url_heading", "en").format(n=2) and blank == ""
    assert len(lines) == 2 and all(line.startswith("- `") for line in lines), lines
    for key in ("act", "preset"):
        assert f"`{key}={pg.echo_text(value)}`" in message
    for line in lines:
        assert line.count("`") % 2 == 0, line
        outside = line.split("`")[::2]  # the text between code spans
        assert not any("](" in p or "<" in p for p in outside), line
