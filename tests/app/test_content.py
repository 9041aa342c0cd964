"""The Q&A text: both languages complete, aligned, offline and well-formed."""

import re

import pytest

from tests.app.conftest import open_app
from ui import content
from ui.i18n import LANGS
from ui.topics import TOPIC_IDS

SEED_IDS = {f"A{i}" for i in range(1, 16)} | {f"B{i}" for i in range(1, 12)}
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def raw(topic_id, lang):
    return content.content_path(topic_id, lang).read_text(encoding="utf-8")


def parsed(topic_id, lang):
    return content.parse_topic(raw(topic_id, lang), f"{lang}/{topic_id}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_every_topic_file_exists_and_has_questions_answers_and_quizzes(topic_id, lang):
    topic = parsed(topic_id, lang)
    assert topic.title
    assert len(topic.questions) >= 5
    assert len(topic.quizzes) >= 1
    for block in (*topic.questions, *topic.quizzes):
        assert block.heading and len(block.body) > 30, block.id


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_both_languages_ask_the_same_questions_in_the_same_order(topic_id):
    zh, en = parsed(topic_id, "zh"), parsed(topic_id, "en")
    assert [q.id for q in zh.questions] == [q.id for q in en.questions]
    assert [q.seeds for q in zh.questions] == [q.seeds for q in en.questions]
    assert [q.id for q in zh.quizzes] == [q.id for q in en.quizzes]


@pytest.mark.parametrize("lang", LANGS)
def test_every_seed_point_is_answered(lang):
    seen = set()
    for topic_id in TOPIC_IDS:
        for q in parsed(topic_id, lang).questions:
            seen.update(q.seeds)
    assert seen == SEED_IDS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_formulas_are_balanced_and_nothing_is_remote(topic_id, lang):
    text = raw(topic_id, lang)
    assert "http" not in text and "<img" not in text and "codecogs" not in text
    for block in re.split(r"^<!-- ", text, flags=re.MULTILINE):
        assert block.count("$$") % 2 == 0, block[:80]
        assert block.replace("$$", "").count("$") % 2 == 0, block[:80]


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_english_text_has_no_chinese_and_every_answer_points_to_an_experiment(topic_id):
    assert not CJK.search(raw(topic_id, "en"))
    for lang, label in (("zh", "🔬 **动手试试"), ("en", "🔬 **Try it")):
        for q in parsed(topic_id, lang).questions:
            assert label in q.body, (lang, q.id)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_every_pointer_to_an_experiment_names_a_tab_of_its_page(topic_id, lang):
    """ "🔬 Try it · <name>" sends the reader to the experiment's tab: the name is its label."""
    label = {"zh": "动手试试", "en": "Try it"}[lang]
    named = set(re.findall(rf"🔬 \*\*{label} · (.+?)\*\*", raw(topic_id, lang)))
    at = open_app(lang, f"pages/{topic_id}.py")
    tabs = [tab.label for tab in at.tabs] or [h.value for h in at.subheader]
    assert named and named <= set(tabs), (sorted(named - set(tabs)), tabs)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no title\n", "first line"),
        ("# T\n\n<!-- q: a -->\n### wrong level\n\nbody\n", "needs a '## ' heading"),
        ("# T\n\n<!-- quiz: a -->\n## wrong level\n\nbody\n", "needs a '### ' heading"),
    ],
)
def test_parser_rejects_malformed_files(text, message):
    with pytest.raises(content.ContentError, match=message):
        content.parse_topic(text)


def test_parser_splits_blocks_and_reads_seed_ids():
    topic = content.parse_topic(
        "# Title\n\nIntro.\n\n<!-- q: one; seed: A1, A2 -->\n## First?\n\nAnswer $x$.\n\n"
        "<!-- quiz: k -->\n### Quiz?\n\nSecret.\n"
    )
    assert topic.title == "Title" and topic.intro == "Intro."
    assert topic.questions[0].seeds == ("A1", "A2")
    assert topic.questions[0].body == "Answer $x$."
    assert topic.quizzes[0].heading == "Quiz?" and topic.quizzes[0].body == "Secret."


def test_missing_file_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    content.load_topic.clear()
    with pytest.raises(content.ContentError, match=r"zh/relu\.md"):
        content.load_topic("relu", "zh")
    content.load_topic.clear()


def test_topics_and_languages_come_only_from_the_registry():
    with pytest.raises(ValueError, match="topic must be one of"):
        content.content_path("../../etc/passwd", "en")
    with pytest.raises(ValueError, match="lang must be one of"):
        content.content_path("relu", "fr")


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_each_answer_carries_the_same_formulas_in_both_languages(topic_id):
    """Every formula of a question's answer (or a quiz's) in one language is in the other,
    written the same way (ui.content.formulas ignores spacing, trailing punctuation and the
    words inside \\text{…})."""
    zh, en = parsed(topic_id, "zh"), parsed(topic_id, "en")
    for a, b in zip((*zh.questions, *zh.quizzes), (*en.questions, *en.quizzes), strict=True):
        fa, fb = content.formulas(a.body), content.formulas(b.body)
        assert fa == fb, (a.id, sorted(fa - fb), sorted(fb - fa))


def test_the_formula_comparison_ignores_only_what_may_differ():
    assert content.formulas(r"$x + 1$, and $$\frac{a}{b}.$$ $\text{数据}\,y$") == {
        "x+1",
        r"\frac{a}{b}",
        r"\text{}\,y",
    }
    assert content.formulas("$x^2$") != content.formulas("$x^{2}$")  # written the same way
