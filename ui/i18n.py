"""The i18n layer: every visible string goes through ``t``.

Strings are data, kept apart from the code: ``ui/text/<name>.toml`` (common, home) and each
topic's ``ui/topics/<id>/text.toml`` hold ``<key>.zh`` and ``<key>.en`` side by side, addressed
as ``"<name>.<key>"``, e.g. ``t("common.app_title")``. The language is a sidebar widget
mirrored in the URL (``?lang=en``), so it survives page changes and reloads.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import MappingProxyType

import streamlit as st

from ui.topics import ALL_TOPICS, ROOT

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"
LANG_KEY = "lang"  # session-state key and URL parameter
SWITCH_KEY = "lang_switch"  # the widget's own key
NOTICE_KEY = "lang_unknown"  # session state: (the URL's unknown language, the page it opened)
ECHO_MAX = 24  # characters of an unknown ?lang= value the notice repeats
LANG_NAMES = MappingProxyType({"zh": "中文", "en": "English"})


def text_files() -> dict[str, Path]:
    """Every strings file by its prefix: the shared ones, then each registered topic's."""
    files = {path.stem: path for path in sorted((ROOT / "ui" / "text").glob("*.toml"))}
    return files | {topic.id: topic.text_path for topic in ALL_TOPICS}


def _load_strings() -> MappingProxyType:
    table: dict[str, tuple[str, str]] = {}
    for prefix, path in text_files().items():
        with path.open("rb") as file:
            for key, pair in tomllib.load(file).items():
                table[f"{prefix}.{key}"] = tuple(pair[lang] for lang in LANGS)
    return MappingProxyType(table)


STRINGS = _load_strings()


def current_lang() -> str:
    """The session's language; anything unexpected falls back to the default."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def lookup(key: str, lang: str) -> str:
    """The string for ``key`` in ``lang``; a missing key is a bug and raises KeyError."""
    return STRINGS[key][LANGS.index(lang)]


def t(key: str, **fmt: object) -> str:
    """The string for ``key`` in the current language, formatted with ``fmt`` if given."""
    text = lookup(key, current_lang())
    return text.format(**fmt) if fmt else text


def pick(zh: str, en: str) -> str:
    """Choose between two language versions of one thing (e.g. a file name)."""
    return zh if current_lang() == "zh" else en


def _is_choice(value: object) -> bool:
    """A value a choice widget may hold: an option id (a str or an int, like a layer number)
    or several (a list or tuple of them). Not a bool: buttons cannot be set."""
    if isinstance(value, (list, tuple)):
        return all(_is_choice(item) for item in value)
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def resend_choices() -> None:
    """Give every choice widget its value again, so this run sends it to the browser under its
    new label. The language switch calls it on the run the language changes, before the page
    draws any widget.

    A radio, selectbox, segmented control, pills, multiselect or select slider sends its value
    back as its *shown* label (Streamlit 1.67); after a switch the browser would still hold the
    old language's label, which no option matches any more: the choice would be lost, or come
    back as a stray label that breaks the page. Reading a value here still decodes it with the
    last run's (old) labels; assigning it through st.session_state makes Streamlit send it
    with the widget, labelled anew (a widget not drawn now keeps it for when it is). Options
    are ids (``ui.widgets.option_names``), the same in both languages. Plain session values
    that look alike are assigned unchanged, which does nothing; buttons hold bools, which
    cannot be set, and are left alone."""
    state = st.session_state
    for key in list(state.keys()):
        if key != SWITCH_KEY and _is_choice(value := state[key]):
            state[key] = value


def url_language(value: str | None) -> tuple[str, bool]:
    """The language a ``?lang=`` value asks for, and whether it was understood: any case, with
    spaces around it or a region after it ("EN", " en ", "zh-CN", "en_GB"). Absent or not
    understood: the default."""
    if value is None:
        return DEFAULT_LANG, True
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    return (primary, True) if primary in LANGS else (DEFAULT_LANG, False)


def _echo(value: str) -> str:
    """A URL value as the notice repeats it inside a `code span`: short, no backtick or line
    break that would end the span (ui/topics/playground's echo_text does the same)."""
    text = "".join("'" if c == "`" else c if c.isprintable() else " " for c in value)
    return text if len(text) <= ECHO_MAX else text[: ECHO_MAX - 1] + "…"


def unknown_language_notice(page: str) -> None:
    """Say, in both languages, that the link's ``?lang=`` was not understood and the page is in
    the default language: on the page the link opened (``page``: its URL path), until the
    learner moves to another page or uses the switch."""
    notice = st.session_state.get(NOTICE_KEY)
    if notice is None:
        return
    value, opened = notice
    if opened is None:
        st.session_state[NOTICE_KEY] = (value, page)
    elif opened != page:
        del st.session_state[NOTICE_KEY]
        return
    text = [lookup("common.lang_unknown", lang).format(value=_echo(value)) for lang in LANGS]
    st.warning("\n\n".join(text), icon=":material/translate:")


def language_switch() -> str:
    """The sidebar's 中文 / English switch, mirrored in the URL as ``?lang=``.

    The URL decides only on a session's first run (a shared link or a reload), in any case
    (``url_language``); an unknown value opens the default language with a notice
    (``unknown_language_notice``). After that the widget does. The choice lives under its own session key, not the widget's, because
    Streamlit may drop a widget's state on a page change; every run writes it back to the URL.

    Not Streamlit's own ``bind="query-params"`` (tried with Streamlit 1.67): it writes the
    option's shown name (``?lang=English``), so every link shared as ``?lang=en`` would open
    in Chinese, and it drops an unknown value without a word where the learner should be told.
    """
    if LANG_KEY not in st.session_state:
        requested = st.query_params.get(LANG_KEY)
        lang, understood = url_language(requested)
        st.session_state[LANG_KEY] = lang
        if not understood:
            st.session_state[NOTICE_KEY] = (requested, None)
    shown = current_lang()  # the language the page was last drawn in
    choice = st.sidebar.segmented_control(
        "语言 · Language",
        options=LANGS,
        default=shown,
        format_func=LANG_NAMES.__getitem__,
        required=True,
        key=SWITCH_KEY,
    )
    # Not an on_change callback: while the playground plays, the click may reach the server
    # first with its live view's timed rerun, which draws no widget outside that fragment.
    if choice in LANGS and choice != shown:
        resend_choices()
        st.session_state[LANG_KEY] = choice
        st.session_state.pop(NOTICE_KEY, None)
    lang = current_lang()
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang
