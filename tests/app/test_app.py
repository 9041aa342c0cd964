"""The app shell from its entry point: languages, navigation, home page, every built page."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1.element_tree import Widget

from tests.app.conftest import assert_clean, open_app, open_tab
from ui.content import content_path, parse_topic
from ui.topics import PLAYGROUND, TOPICS

BUILT_PAGES = [t.page_path for t in (*TOPICS, PLAYGROUND) if t.built]
CJK = re.compile(r"[\u3400-\u9fff]")


def visible_text(at) -> str:
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption)]
    return "\n".join(str(p) for p in parts)


def test_home_runs_in_both_languages_and_defaults_to_chinese():
    default = open_app("xx")  # an unknown language in the URL falls back to Chinese
    assert_clean(default)
    assert default.title[0].value == "深度学习问答"
    english = open_app("en")
    assert_clean(english)
    assert english.title[0].value == "Deep Learning Q&A Lab"
    assert english.query_params["lang"] == "en"


def test_home_lists_every_question_of_every_topic(lang):
    at = open_app(lang)
    assert_clean(at)
    shown = {link.proto.label for link in at.get("page_link")} | {
        line[2:] for m in at.markdown for line in str(m.value).splitlines() if line.startswith("- ")
    }
    for topic in TOPICS:
        text = content_path(topic.id, lang).read_text(encoding="utf-8")
        for question in parse_topic(text).questions:
            assert question.heading in shown, (topic.id, question.heading)


def test_the_language_survives_a_page_change():
    # (AppTest drops sidebar widgets on reruns of st.navigation apps, so clicking the switch
    # itself is covered by the browser test.)
    at = open_app("en", "pages/activations.py")
    at.switch_page("pages/home.py").run()
    assert at.title[0].value == "Deep Learning Q&A Lab"


@pytest.mark.parametrize("page", BUILT_PAGES)
def test_every_built_page_runs_clean_in_both_languages(page, lang):
    at = open_app(lang, page)
    tabs = [tab.label for tab in at.tabs]  # ui.layout.experiment_tabs: one experiment at a time
    for tab in tabs or [None]:
        if tab is not None:
            open_tab(at, Path(page).stem, tab)
        assert_clean(at)
        assert not at.dataframe  # Markdown tables: the data grid slows a first visit (ui/tables.py)
        keys = [node.key for node in at.main if isinstance(node, Widget)]
        assert keys and all(k.startswith(f"{Path(page).stem}_") for k in keys), keys
        text = visible_text(at) + " ".join(tabs)
        if lang == "en":
            assert not CJK.search(text), (tab, CJK.search(text))
        else:
            assert CJK.search(text)


@pytest.mark.parametrize("page", [p for p in BUILT_PAGES if p != "pages/home.py"])
def test_every_page_is_guarded_for_deep_links_on_a_fresh_server(page):
    # See ui/page_guard.py: without the guard a deep link skips app.py until the first visit.
    # A topic page gets it from ui.layout.topic_page, which calls it first.
    source = (Path(__file__).resolve().parents[2] / page).read_text(encoding="utf-8")
    assert f'\ntopic_page("{Path(page).stem}")\n' in source or "\nrun_through_app()\n" in source
