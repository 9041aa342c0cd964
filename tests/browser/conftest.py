"""A real Streamlit server and Debian's Chromium, shared by every browser test in a session."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from scripts.local_app import CHROMIUM_ARGS, PLOTS_JS, ROOT, chromium_path, draw_every_chart, settle
from scripts.local_app import streamlit_server as _server

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "artifacts" / "screenshots"))

__all__ = [
    "ARTIFACTS",
    "chart_count",
    "open_tab",
    "screenshot",
    "settle",
    "streamlit_server",
    "wait_for_charts",
]


@contextlib.contextmanager
def streamlit_server(log_name: str = "streamlit.log"):
    """A fresh ``streamlit run app.py`` on a free loopback port; yields its URL. Each pytest-xdist
    worker runs its own server, logging to its own file."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        log_name = f"{worker}-{log_name}"
    with _server(ARTIFACTS / log_name) as (url, _process):
        yield url


@pytest.fixture(scope="session")
def server_url():
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def chart_count(tab) -> int:
    """Plotly charts on the page, the live-charts frame's included (scripts.local_app.PLOTS_JS)."""
    return tab.evaluate(f"() => ({PLOTS_JS})().length")


def wait_for_charts(tab, n: int, timeout_ms: int = 60_000) -> None:
    """Until at least ``n`` Plotly charts are drawn (an svg inside). Charts far below the
    screen are drawn only when scrolled near: once the page holds places for ``n`` charts,
    each waiting one is scrolled to (``draw_every_chart``), as a reader would."""
    tab.wait_for_function(
        "n => document.querySelectorAll('.qa-charts > div').length >= n", arg=n, timeout=timeout_ms
    )
    draw_every_chart(tab, timeout_ms)
    tab.wait_for_function(
        f"n => ({PLOTS_JS})().filter(gd => gd.querySelector('.main-svg')).length >= n",
        arg=n,
        timeout=timeout_ms,
    )


# The Skip button of a predict-then-run question in the experiments (ui.widgets: its key is the
# question's key, which holds "_predict", followed by "_skip").
SKIP_PREDICTION = ".st-key-qa_lab [class*='_predict'][class*='_skip'] button"


def skip_prediction(tab, charts: int | None = None, timeout_ms: int = 60_000) -> None:
    """Skip the open tab's predict-then-run question, if it asks one (its results wait). With
    ``charts``, first wait until the tab shows either its question or that many chart places
    (a loaded machine may still be drawing the tab when this is called)."""
    if charts is not None:
        tab.wait_for_function(
            """([skip, n]) => document.querySelector(skip)
                 || document.querySelectorAll('.qa-charts > div').length === n""",
            arg=[SKIP_PREDICTION, charts],
            timeout=timeout_ms,
        )
    button = tab.locator(SKIP_PREDICTION)
    if button.count():
        button.first.click()


def open_tab(tab, label: str, charts: int, timeout_ms: int = 60_000, skip: bool = True) -> None:
    """Click an experiment's tab (ui.layout.experiment_tabs) and wait until its ``charts``
    Plotly charts have replaced the last tab's and are drawn; unless told not to (``skip``),
    skip the tab's predict-then-run question first (its results wait for it)."""
    tab.get_by_role("tab", name=label, exact=True).click()
    if skip:
        settle(tab, timeout_ms=timeout_ms)
        skip_prediction(tab, charts, timeout_ms)
    tab.wait_for_function(
        "n => document.querySelectorAll('.qa-charts > div').length === n",
        arg=charts,
        timeout=timeout_ms,
    )
    settle(tab, timeout_ms=timeout_ms)
    wait_for_charts(tab, charts, timeout_ms)
