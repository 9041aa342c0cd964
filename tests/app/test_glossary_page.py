"""The glossary page: every entry in the reader's language with its other-language term, a
filter, and links to the questions that use each term, in the same language."""

import re

from tests.app.conftest import assert_clean
from ui.content import load_topic
from ui.glossary import load_glossary
from ui.i18n import lookup

PAGE = "pages/glossary.py"
# each link opens the question on its topic's page, in the reader's language (ui/links.py)
LINK = re.compile(r"\]\(/([a-z_]+)\?lang=([a-z]+)&q=([a-z0-9-]+)\)")


def entries_shown(at) -> list[str]:
    return [m.value for m in at.markdown if str(m.value).startswith("**")]


def test_every_entry_is_shown_with_both_terms_and_links_in_the_same_language(page, lang):
    other = "en" if lang == "zh" else "zh"
    shown = entries_shown(page)
    glossary = load_glossary()
    assert shown == [f"**{e.term(lang)}** · {e.term(other)}" for e in glossary]
    captions = [str(c.value) for c in page.caption if "](/" in str(c.value)]
    assert len(captions) == len(glossary)  # every term is used by some question
    for caption in captions:
        links = LINK.findall(caption)
        assert len(links) == caption.count("](/")
        assert {code for _, code, _ in links} == {lang}
        for topic_id, _, question_id in links:
            assert question_id in {q.id for q in load_topic(topic_id, lang).questions}


def test_the_filter_keeps_matching_entries_in_either_language(page, lang):
    page.text_input(key="glossary_filter").set_value("饱和").run()
    assert_clean(page)
    shown = entries_shown(page)
    assert shown and len(shown) < len(load_glossary())
    assert any("saturation" in s or "饱和" in s for s in shown)
    page.text_input(key="glossary_filter").set_value("no such term at all").run()
    assert not entries_shown(page)
    assert lookup("common.glossary_count", lang).format(n=0) in [c.value for c in page.caption]
