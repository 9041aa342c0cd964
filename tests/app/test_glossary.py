"""The glossary (content/glossary.toml): one term per concept in each language, every term used
by a question, and no avoided variant left in the Q&A text or the UI strings."""

import dataclasses
import logging
import re
import tomllib

import pytest

from ui.content import CONTENT_DIR, content_path
from ui.glossary import (
    GLOSSARY_PATH,
    GlossaryError,
    find_term,
    load_glossary,
    parse_glossary,
    questions_using,
    strip_code_and_math,
)
from ui.i18n import LANGS, text_files
from ui.topics import TOPIC_IDS

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
ENTRIES = load_glossary()
LOWERCASE_DROPOUT = re.compile(r"(?<![A-Za-z])dropout")


@pytest.fixture(autouse=True)
def raw_mode_cache():
    """questions_using reads the topics through ui.content.load_topic, an st.cache_data function:
    outside a Streamlit run it warns once per cache that it falls back to an in-memory cache,
    which is expected here (conftest fails a test on any Streamlit warning). Only that logger is
    quietened."""
    logger = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def content_texts(lang):
    """Every topic's Q&A file in ``lang``, by its path."""
    return {
        f"content/{lang}/{topic_id}.md": content_path(topic_id, lang).read_text(encoding="utf-8")
        for topic_id in TOPIC_IDS
    }


def string_texts(lang):
    """Every UI string in ``lang`` (values only, never keys), by its key."""
    found = {}
    for prefix, path in text_files().items():
        with path.open("rb") as file:
            for key, pair in tomllib.load(file).items():
                found[f"{prefix}.{key}"] = pair[lang]
    return found


def glossary_texts(lang):
    """The glossary's own terms and one-line definitions in ``lang``."""
    return {
        f"glossary [{entry.id}]": f"{entry.term(lang)}\n{entry.line(lang)}" for entry in ENTRIES
    }


def all_texts(lang):
    return content_texts(lang) | string_texts(lang) | glossary_texts(lang)


def lowercase_dropout(text):
    return LOWERCASE_DROPOUT.findall(strip_code_and_math(text))


# -- the file ---------------------------------------------------------------------------------


def test_the_glossary_parses_and_every_entry_has_both_terms_and_both_lines():
    assert 40 <= len(ENTRIES) <= 100
    for entry in ENTRIES:
        for lang in LANGS:
            assert entry.term(lang).strip() and entry.line(lang).strip(), entry.id


def test_ids_are_unique_and_in_file_order():
    raw = GLOSSARY_PATH.read_text(encoding="utf-8")
    ids = re.findall(r"^\[([^\]]+)\]\s*$", raw, flags=re.MULTILINE)
    assert len(ids) == len(set(ids))
    assert ids == [entry.id for entry in ENTRIES]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", entry_id) for entry_id in ids), ids


def test_chinese_terms_are_chinese_or_proper_names_and_english_has_no_chinese():
    for entry in ENTRIES:
        # a proper name (sigmoid, ReLU, Dropout, Bagging) is written alike in both languages
        assert CJK.search(entry.zh) or entry.zh.lower() == entry.en.lower(), entry.id
        assert CJK.search(entry.zh_line), entry.id
        for text in (entry.en, entry.en_line, *entry.en_avoid):
            assert not CJK.search(text), (entry.id, text)


@pytest.mark.parametrize("lang", LANGS)
def test_no_term_is_listed_twice(lang):
    terms = [entry.term(lang).lower() for entry in ENTRIES]
    assert len(terms) == len(set(terms)), sorted(t for t in terms if terms.count(t) > 1)
    avoided = [v.lower() for entry in ENTRIES for v in entry.avoid(lang)]
    assert len(avoided) == len(set(avoided)), avoided
    assert not set(terms) & set(avoided)


@pytest.mark.parametrize("lang", LANGS)
def test_no_avoided_variant_would_flag_a_glossary_term(lang):
    """An avoided variant must never mean anything the glossary names: it matches no term."""
    clashes = [
        (variant, entry.term(lang))
        for other in ENTRIES
        for variant in other.avoid(lang)
        for entry in ENTRIES
        if find_term(entry.term(lang), variant)
    ]
    assert not clashes


# -- the text uses the glossary's terms ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_avoided_variant_appears_in_the_content_or_the_strings(lang):
    texts = all_texts(lang)
    found = [
        (where, entry.term(lang), hit)
        for entry in ENTRIES
        for variant in entry.avoid(lang)
        for where, text in texts.items()
        for hit in find_term(text, variant)
    ]
    assert not found, found


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_is_used_by_at_least_one_question(lang):
    unused = [entry.term(lang) for entry in ENTRIES if not questions_using(entry.term(lang), lang)]
    assert not unused, unused


def test_chinese_prose_never_writes_lowercase_dropout():
    found = {
        where: hits for where, text in all_texts("zh").items() if (hits := lowercase_dropout(text))
    }
    assert not found, found


def test_the_dropout_check_sees_prose_only():
    text = (
        "倒置 dropout 与 `nn.dropout` 和 $\\text{dropout}$、[链接](/playground?preset=dropout-tiny)"
    )
    assert lowercase_dropout(text) == ["dropout"]
    assert lowercase_dropout("<!-- q: dropout; seed: B4 -->\n## Dropout 为什么") == []


# -- the helpers the glossary page uses ------------------------------------------------------------


def test_strip_code_and_math_keeps_the_prose_only():
    text = "A `code` and $x^2$ then\n$$\n\\sigma\n$$\n[open](/x?dead-unit) <!-- q: a -->end"
    stripped = strip_code_and_math(text)
    for gone in ("code", "x^2", "sigma", "/x?dead-unit", "q: a"):
        assert gone not in stripped
    assert stripped.startswith("A ") and "then" in stripped and stripped.endswith("end")
    assert "[open" in stripped  # the link's words are prose, its target is not


@pytest.mark.parametrize(
    ("text", "term", "hits"),
    [
        ("Try it again with more gain.", "gain", ["gain"]),
        ("PReLU and RReLU learn; ReLU's slope is 1.", "ReLU", ["ReLU"]),
        ("Three dead units and a Dead unit.", "dead unit", ["dead units", "Dead unit"]),
        ("A test model, not a test mode.", "test mode", ["test mode"]),
        ("the mini-batches and one mini-batch", "mini-batch", ["mini-batches", "mini-batch"]),
        ("training-mode BN, in training mode", "training mode", ["training-mode", "training mode"]),
        ("He initialisation, not the initialisation", "He initialisation", ["He initialisation"]),
        ("Xavier 初始化和He 初始化", "Xavier 初始化", ["Xavier 初始化"]),
        ("死亡神经元、死亡单元", "死亡单元", ["死亡单元"]),
        ("公式 $\\text{死亡单元}$ 不算", "死亡单元", []),
    ],
)
def test_find_term_matches_whole_words_outside_code_and_math(text, term, hits):
    assert find_term(text, term) == hits


def test_questions_using_lists_the_questions_in_teaching_order():
    dead = questions_using("死亡单元", "zh")
    assert ("relu", "dying") in [(topic, question) for topic, question, _ in dead]
    kink = questions_using("kink", "en")
    assert kink[0][:2] == ("activations", "relu")
    assert kink[0][2].startswith("What is ReLU")
    topics = [topic for topic, _, _ in questions_using("dropout", "en")]
    assert topics == sorted(topics, key=TOPIC_IDS.index)
    assert questions_using("no such term anywhere", "en") == ()
    with pytest.raises(ValueError, match="lang must be one of"):
        questions_using("dropout", "fr")


def test_entries_are_frozen_and_in_file_order():
    first = ENTRIES[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.zh = "x"
    assert load_glossary() is ENTRIES  # read once
    assert GLOSSARY_PATH.parent == CONTENT_DIR


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[a]\nzh = "单元"\nen = "unit"\nzh_line = "一"\n', "en_line must be a non-empty string"),
        ('[a]\nzh = " "\nen = "unit"\nzh_line = "一"\nen_line = "one"\n', "zh must be"),
        ('[a]\nzh = "单元"\nen = "u"\nzh_line = "一"\nen_line = "o"\nnote = 1\n', "unknown field"),
        ('[a]\nzh = "单元"\nen = "u"\nzh_line = "一"\nen_line = "o"\nen_avoid = "x"\n', "list"),
        ('a = "not a table"\n', "must be a table"),
        ("[a]\n[a]\n", "glossary"),
    ],
)
def test_the_parser_rejects_malformed_entries(text, message):
    with pytest.raises(GlossaryError, match=message):
        parse_glossary(text)
