"""深度学习问答 · Deep Learning Q&A Lab — the entry point.

Run with ``make run`` (or ``streamlit run app.py``). Sets the page config, the language
switch, and the navigation over the topic pages in ``pages/``.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from qa_core.engine import blas
from ui.heap import freeze_startup_heap
from ui.i18n import language_switch, t, unknown_language_notice
from ui.topics import PLAYGROUND, ROOT, TOPICS

cold_server = PagesManager.uses_pages_directory  # True until st.navigation has run once
blas.set_threads(1)  # many small products for many sessions: one BLAS thread each is fastest
freeze_startup_heap()  # Streamlit's collection after each run then skips the libraries' objects

st.set_page_config(
    page_title="深度学习问答 · Deep Learning Q&A Lab",
    # A local file: a :material/: or emoji favicon makes the browser fetch it from a CDN.
    page_icon=str(ROOT / "ui" / "assets" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone, open on a wide screen
)

language_switch()
# Wide result tables (ui/tables.py) scroll inside their column rather than widen the page.
# In a dark system theme the primary colour is light (readable as text on the dark page), so the
# label of a primary button on it is written dark rather than white (WCAG contrast ≥ 4.5:1), and
# so is a multiselect's chosen tag, drawn in the primary colour. A link in a caption takes the
# caption's colour (the theme's, readable) rather than the link blue faded with the caption.
st.html(
    "<style>[data-testid='stMarkdownContainer'] table { display: block; overflow-x: auto; }"
    "[data-testid='stCaptionContainer'] a { color: inherit; text-decoration: underline; }"
    "@media (prefers-color-scheme: dark) { [data-testid='stBaseButton-primary'],"
    " [data-testid='stMultiSelectTagsContainer'] span:has(> span[title]),"
    " [data-testid='stMultiSelectTagsContainer'] span[title] { color: #111; } }"
    "</style>"
)

home = st.Page("pages/home.py", title=t("common.nav_home"), icon=":material/home:", default=True)
topic_pages = [
    st.Page(topic.page_path, title=t(f"{topic.id}.nav_title"), icon=topic.icon, url_path=topic.id)
    for topic in TOPICS
    if topic.built
]
glossary = st.Page(
    "pages/glossary.py",
    title=t("common.nav_glossary"),
    icon=":material/translate:",
    url_path="glossary",
)
drill = st.Page(
    "pages/drill.py", title=t("drill.nav_title"), icon=":material/exercise:", url_path="drill"
)
sections = {"": [home, drill, glossary], t("common.nav_section_topics"): topic_pages}
if PLAYGROUND.built:
    playground = st.Page(
        PLAYGROUND.page_path, title=t("playground.nav_title"), icon=PLAYGROUND.icon
    )
    sections[t("common.nav_section_lab")] = [playground]

navigation = st.navigation(sections, expanded=True)  # every topic listed, no "View more"
unknown_language_notice(navigation.url_path)
if cold_server:  # see ui/page_guard.py: this run's widgets were keyed before the navigation
    st.rerun()  # existed, so a first click on them (the language switch) would be lost
navigation.run()
