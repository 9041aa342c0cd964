"""Search over every question and answer (ui/search/): English by stems, case-insensitively;
Chinese by characters and character pairs; ranked; snippets around the match."""

import logging
import re

import pytest

from tests.app.conftest import assert_clean, open_app
from ui.content import load_topic
from ui.i18n import lookup
from ui.search.box import language_index
from ui.search.index import Doc, Index, doc_terms, query_terms, term_spans
from ui.search.snippet import plain_text, snippet


@pytest.fixture(autouse=True)
def raw_mode_cache():
    """The index reads the topics through st.cache_data / st.cache_resource functions: outside
    a Streamlit run they warn that they fall back to memory (conftest fails a test on any
    Streamlit warning); only those loggers are quietened."""
    loggers = [
        logging.getLogger(f"streamlit.runtime.caching.{name}")
        for name in ("cache_data_api", "cache_resource_api")
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def top(lang: str, query: str, n: int = 2) -> list[str]:
    return [f"{hit.doc.topic}/{hit.doc.id}" for hit in language_index(lang).search(query)[:n]]


def test_english_is_matched_by_stem_and_case_insensitively():
    assert query_terms("Dying ReLU") == query_terms("dies relu") == ["die", "relu"]
    assert set(query_terms("saturate saturated saturation SATURATING")) == {"satur"}
    assert doc_terms("A unit dies.") == ["a", "unit", "die"]


def test_chinese_is_indexed_by_characters_and_pairs():
    assert doc_terms("不饱和") == ["不", "饱", "和", "不饱", "饱和"]
    assert query_terms("饱和") == ["饱和"]  # not 和 ("and") on its own
    assert query_terms("和") == ["和"]
    assert query_terms("死亡 ReLU") == ["死亡", "relu"]


def test_dying_and_saturation_find_their_questions_first():
    assert top("en", "dying")[0] == "relu/dying"
    assert top("zh", "死亡")[0] == "relu/dying"
    # among the first three: other topics ask about saturation too (sigmoid at the output)
    assert "activations/saturation" in top("en", "saturation", 3)
    assert "activations/saturation" in top("zh", "饱和", 3)


def test_every_hit_holds_the_query_and_none_is_missed():
    index = language_index("zh")
    hits = index.search("饱和")
    holding = {(d.topic, d.id) for d in index.docs if "饱和" in d.text + d.heading}
    assert {(h.doc.topic, h.doc.id) for h in hits} == holding
    assert index.search("xyzzy") == [] and index.search("  ") == []


def test_a_heading_about_the_term_ranks_first():
    docs = [
        Doc("t", "mentions", "q", "Something else", "dropout dropout dropout here, at length."),
        Doc("t", "about", "q", "What is dropout?", "An answer that says it once: dropout."),
        Doc("t", "other", "q", "Unrelated", "Nothing to see."),
    ]
    hits = Index(docs).search("dropout")
    assert [hit.doc.id for hit in hits] == ["about", "mentions"]


def test_more_terms_matched_rank_higher():
    docs = [
        Doc("t", "one", "q", "Gradients", "gradient gradient gradient"),
        Doc("t", "two", "q", "Other", "the gradient problem, the gradient problem"),
        Doc("t", "all", "q", "Other", "a vanishing gradient problem"),
    ]
    assert [h.doc.id for h in Index(docs).search("vanishing gradients")] == ["all"]
    three = Index(docs).search("vanishing gradient problem")  # two of three terms will do
    assert [h.doc.id for h in three] == ["all", "two"]


def test_snippets_show_the_match_in_bold_and_keep_formulas_whole():
    text = plain_text("A **unit** is dead when $z < 0$ always; [see](/relu) it die.\n\n$$x^2$$")
    assert text == "A unit is dead when $z < 0$ always; see it die. …"
    assert "**die**" in snippet(text, ["die"])
    long = "word " * 80 + "and then $a + b$ the dying unit " + "word " * 80
    shown = snippet(long, query_terms("dying"))
    assert shown.startswith("… ") and shown.endswith(" …") and "**dying**" in shown
    assert shown.count("$") % 2 == 0
    dense = "这是一段很长的中文" * 10 + "饱和" + "中" * 70 + "initialisation" + "中" * 50
    assert snippet(dense, ["饱和"]).endswith("中initialisation …")  # no Latin word cut in two
    cut = snippet("中" * 40 + "abcdefghijklmnopqrstuvwxyz饱和", ["饱和"])
    assert cut == "… abcdefghijklmnopqrstuvwxyz**饱和**", cut
    assert term_spans("不饱和的饱和", ["饱和"]) == [(1, 3), (4, 6)]
    assert term_spans("梯度消失", ["梯度", "度消", "消失"]) == [(0, 4)]  # one bold run


@pytest.mark.parametrize(
    ("lang", "query", "topic", "question"),
    [("en", "DYING", "relu", "dying"), ("zh", "饱和", "activations", "saturation")],
)
def test_the_home_page_search_links_each_hit_to_its_question(lang, query, topic, question):
    at = open_app(lang)
    at.text_input(key="home_search_query").set_value(query).run()
    assert_clean(at)
    wanted = next(q for q in load_topic(topic, lang).questions if q.id == question)
    hits = [
        (link.proto.label, link.proto.page, link.proto.query_string)
        for link in at.get("page_link")
        if link.proto.label == wanted.heading
    ]
    assert (wanted.heading, topic, f"lang={lang}&q={question}") in hits
    count = len(language_index(lang).search(query))
    assert lookup("search.count", lang).format(n=count) in [c.value for c in at.caption]
    # the snippets show the match in bold: "dying" finds "dies" too (one stem)
    bold = [w for c in at.caption for w in re.findall(r"\*\*(.+?)\*\*", str(c.value))]
    assert any(query_terms(word) == query_terms(query) for word in bold), bold
    at.text_input(key="home_search_query").set_value("qqqzzz").run()
    assert lookup("search.none", lang).format(query="qqqzzz") in [c.value for c in at.caption]
