"""Browser probe — every page on a phone: Chromium's mobile emulation of a 390×844 screen (touch,
device pixel ratio 3) with the CPU throttled 4× (a mid-range phone), against a real server.

First render: as in ``browser_pages``, from navigation to the drawn page (charts on the screen
drawn; those below drawn when scrolled near), median of ``repeats`` fresh contexts after one
warm-up visit. First chart: from the moment the learner brings the first experiment's first
chart into view (the page scrolled to it, as a tap on its link or switch does) to that chart
drawn. Target: first render ≤ 4 s at 4× throttling.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.browser import PAGES, RENDERED_JS, chromium
from bench.common import Row
from scripts.local_app import ROOT, streamlit_server

NAME = "browser (phone, 4× CPU): first render and first chart per page"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}  # fmt: skip
THROTTLE = 4
FIRST_RENDER_LIMIT_S = 4.0

# Resolves with the ms from scrolling the first chart box into view to its data-drawn="yes"
# (ui/components/live_charts marks it); 0 when it was drawn already.
FIRST_CHART_JS = """() => new Promise(resolve => {
  const box = document.querySelector('.qa-charts');
  if (!box) return resolve(null);
  const t0 = performance.now();
  box.scrollIntoView({block: 'center'});
  const check = () => box.dataset.drawn === 'yes'
    ? resolve(performance.now() - t0) : requestAnimationFrame(check);
  check();
})"""


def phone_tab(browser):
    """A fresh phone context and tab with the CPU throttled."""
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    return context, tab


def visit(browser, url: str) -> tuple[float, float | None]:
    """(first render s, first chart s or None) of one new visitor on a phone."""
    context, tab = phone_tab(browser)
    try:
        tab.goto(url, wait_until="commit")
        tab.wait_for_selector("h1", timeout=240_000)
        render_ms = tab.evaluate(RENDERED_JS)
        chart_ms = tab.evaluate(FIRST_CHART_JS)
        return render_ms / 1e3, None if chart_ms is None else chart_ms / 1e3
    finally:
        context.close()


def run(repeats: int) -> list[Row]:
    rows: list[Row] = []
    log = ROOT / "artifacts" / "bench" / "browser_phone.log"
    with streamlit_server(Path(log)) as (url, _process), chromium() as browser:
        for path in PAGES:
            name = path or "home"
            print(f"  {name} …", flush=True)
            page_url = f"{url}/{path}?lang=en"
            visit(browser, page_url)  # warm-up: imports and cached experiments
            results = [visit(browser, page_url) for _ in range(repeats)]
            renders = [r for r, _ in results]
            rows.append(Row(f"phone first render: {name}", statistics.median(renders),
                            limit_s=FIRST_RENDER_LIMIT_S,
                            notes=(f"min {min(renders):.2f} s, max {max(renders):.2f} s",)))  # fmt: skip
            charts = [c for _, c in results if c is not None]
            if charts:
                rows.append(Row(f"phone first chart in view: {name}", statistics.median(charts),
                                notes=(f"max {max(charts):.2f} s",)))  # fmt: skip
    return rows
