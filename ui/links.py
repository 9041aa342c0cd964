"""Links inside the app: each carries the reader's language, and a link to a question names it.

A Markdown link opens in a new browser tab (Streamlit gives every link but a ``#…`` one
``target="_blank"``), which is a new session: it knows the language only from the URL. So every
internal link (a path starting with ``/``) written in the Q&A text is given ``?lang=`` when the
text is rendered (``localise_links``), rather than by hand in the Markdown, where it would be
the file's language and not the reader's. ``st.page_link`` gets it through ``lang_params``.

A link to one question adds ``?q=<question id>``: ``st.page_link`` cannot carry a ``#fragment``,
so the topic page reads ``q`` and scrolls to the question's heading itself (ui/jump.py).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ui.i18n import LANG_KEY

QUESTION_PARAM = "q"  # the URL parameter naming the question a topic page opens at

# ](/path…) in Markdown: an internal link's target, up to its closing parenthesis.
_INTERNAL_LINK = re.compile(r"\]\((/[^)\s]*)\)")


def with_lang(url: str, lang: str) -> str:
    """``url`` (an internal path, with or without a query and a fragment) with ``lang=`` set,
    replacing any it had; the other parameters keep their order."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != LANG_KEY]
    return urlunsplit(parts._replace(query=urlencode([(LANG_KEY, lang), *query])))


def localise_links(markdown: str, lang: str) -> str:
    """``markdown`` with every internal link (``](/…)``) carrying ``lang``; links to other
    hosts and ``#anchors`` are left as they are."""
    return _INTERNAL_LINK.sub(lambda m: f"]({with_lang(m.group(1), lang)})", markdown)


def lang_params(lang: str) -> dict[str, str]:
    """The query parameters of an ``st.page_link`` to another page, in ``lang``."""
    return {LANG_KEY: lang}


def question_params(question_id: str, lang: str) -> dict[str, str]:
    """The query parameters of a link to one question of a topic page."""
    return {LANG_KEY: lang, QUESTION_PARAM: question_id}


def question_url(topic_id: str, question_id: str, lang: str) -> str:
    """A Markdown link target to one question of a topic page, in ``lang``."""
    return f"/{topic_id}?{urlencode(question_params(question_id, lang))}"
