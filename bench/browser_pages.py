"""Browser probe — every page in Debian's Chromium against a real server (issue #11).

First render: a new visitor's navigation to the drawn page (script run finished, no skeleton
left, every chart on the screen drawn; those below it are drawn as the reader scrolls), median
of ``repeats`` fresh contexts after one warm-up visit per page (the server's caches hold the
default experiments then, as in a classroom). Redraw: a key press on the
page's slider to the painted chart with new data, median of ``repeats`` presses alternating
right and left. Targets: any page's first render ≤ 3 s; the activation explorer's redraw
≤ 250 ms (other pages' redraws have no stated target and are reported against 1 s).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.browser import (
    PAGES,
    RENDERED_JS,
    VIEWPORT,
    NoRedraw,
    chromium,
    first_render_s,
    slider_label,
    slider_redraw_s,
)
from bench.common import Row
from scripts.local_app import ROOT, settle, streamlit_server
from ui.i18n import lookup

NAME = "browser: first render and slider redraw per page"
FIRST_RENDER_LIMIT_S = 3.0
REDRAW_LIMIT_S = {"activations": 0.25, "optimizers": 0.25}  # optimizers: issue 28
OTHER_REDRAW_LIMIT_S = 1.0


def page_rows(
    browser, url: str, path: str, tab_label: str | None, slider: int, repeats: int
) -> list[Row]:
    name = path or "home"
    page_url = f"{url}/{path}?lang=en"
    first_render_s(browser, page_url)  # warm-up: module imports and cached experiments
    renders = [first_render_s(browser, page_url) for _ in range(repeats)]
    rows = [
        Row(
            f"first render: {name}",
            statistics.median(renders),
            limit_s=FIRST_RENDER_LIMIT_S,
            notes=(f"min {min(renders):.2f} s, max {max(renders):.2f} s",),
        )
    ]
    if slider < 0:
        return rows
    context = browser.new_context(viewport=VIEWPORT)
    try:
        tab = context.new_page()
        tab.goto(page_url)
        settle(tab, ready="h1")
        if tab_label:  # the experiment whose slider redraws is in another tab
            tab.get_by_role("tab", name=lookup(tab_label, "en"), exact=True).click()
            settle(tab)
        tab.evaluate(RENDERED_JS)  # the screen drawn (settle has drawn the charts below it too)
        index, label = first_redrawing_slider(tab, slider)
        keys = ["ArrowLeft", "ArrowRight"]  # back and forth around the default
        redraws = [slider_redraw_s(tab, index, keys[i % 2]) for i in range(repeats)]
    finally:
        context.close()
    rows.append(
        Row(
            f"slider → redrawn chart: {name}",
            statistics.median(redraws),
            limit_s=REDRAW_LIMIT_S.get(path, OTHER_REDRAW_LIMIT_S),
            notes=(
                f"slider “{label}”; min {min(redraws) * 1e3:.0f} ms, "
                f"max {max(redraws) * 1e3:.0f} ms",
            ),
        )
    )
    return rows


def first_redrawing_slider(tab, start: int, tries: int = 4) -> tuple[int, str]:
    """The first slider from ``start`` on whose move redraws a chart by itself (some sliders
    only set up an experiment that a button then runs); its index and label."""
    for index in range(start, start + tries):
        try:
            slider_redraw_s(tab, index, "ArrowRight", timeout_ms=60_000)
        except NoRedraw:
            continue
        return index, slider_label(tab, index)
    raise RuntimeError(f"none of sliders {start}…{start + tries - 1} redraws a chart")


def run(repeats: int) -> list[Row]:
    log = ROOT / "artifacts" / "bench" / "browser_pages.log"
    rows: list[Row] = []
    with streamlit_server(Path(log)) as (url, _process), chromium() as browser:
        for path, (tab_label, slider) in PAGES.items():
            print(f"  {path or 'home'} …", flush=True)
            try:
                rows += page_rows(browser, url, path, tab_label, slider, repeats)
            except Exception as err:  # one page's failure must not hide the others' figures
                rows.append(Row(f"{path or 'home'}: failed", float("nan"), ok=False,
                                notes=(f"{type(err).__name__}: {err}"[:300],)))  # fmt: skip
    return rows
