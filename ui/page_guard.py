"""Make a deep link work on a freshly started server.

Until app.py has called ``st.navigation`` once in the process, Streamlit treats the ``pages/``
folder as an old-style multipage app and runs ``/<page>`` without app.py (no language switch,
no navigation, no page config). Each page starts with ``run_through_app()``: in that state it
runs app.py instead, which registers the real navigation, then reruns: that first run's widgets
(the language switch) were keyed under this page's script hash, so a click on them would be lost.
"""

from __future__ import annotations

import runpy

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.topics import ROOT


def run_through_app() -> None:
    """If this page was started without app.py, run app.py (and this page through it), then rerun."""
    if PagesManager.uses_pages_directory:
        runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
        st.rerun()  # a clean run: widget ids now carry app.py's script hash, as later runs do
