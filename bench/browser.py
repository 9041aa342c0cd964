"""What the browser benchmarks share: the pages in learner order, Chromium, and in-page timers.

Times are taken inside the page (``performance.now()``) so Playwright's round trips do not
count: a redraw is timed from the key press to the first animation frame after every chart
that changes has its new data; a first render from navigation start to the frame after the
script run has finished and every chart on screen is drawn.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from scripts.local_app import CHART_DIGEST_JS, CHROMIUM_ARGS, IDLE, chromium_path

# url path → the main-area slider (its index on the page) whose move redraws a chart by
# itself and cheaply, as a learner would first try; -1: the page has none (home).
PAGES: dict[str, int] = {
    "": -1,
    "activations": 0,  # range of z
    "vanishing_gradients": 0,  # depth of the saturation experiment
    "relu": 0,  # number of elements N (sparsity)
    "overfitting": 14,  # L1 λ of the weight-histogram runs (retrains them, then redraws)
    "dropout": 0,  # drop probability of the mask picture
    "batch_norm": 4,  # original mean μ of the γ/β picture
    "playground": 5,  # noise: new data, new picture
}
VIEWPORT = {"width": 1400, "height": 1000}

# Resolves with the ms from the next key press to the painted frame in which the chart data
# last changed, once the run is over and nothing has changed for 300 ms; null if the data
# ended as it began (a rerun may blank a chart for a moment, so the end state decides).
ARM_REDRAW_JS = (
    """(timeoutMs) => {
  const digest = """
    + CHART_DIGEST_JS
    + """;
  const before = digest();
  const app = document.querySelector("[data-testid='stApp']");
  const idle = () => app.dataset.testScriptState === 'notRunning';
  window.__redraw = new Promise((resolve, reject) => {
    let t0 = null, ran = false, endedAt = null, last = before, changedAt = null, paintedAt = null;
    document.addEventListener('keydown', () => { t0 = performance.now(); },
                              {capture: true, once: true});
    // The run is noticed by the attribute's change itself (it changes only as a run starts
    // or ends): a short run can start and end between two polls.
    const seen = new MutationObserver(() => {
      if (t0 === null) return;
      ran = true;
      if (idle()) endedAt = performance.now();
    });
    seen.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    const started = performance.now();
    const tick = () => {
      const now = performance.now();
      if (t0 !== null) {
        const d = digest();
        if (d !== last) {
          last = d; changedAt = now; paintedAt = null;
          requestAnimationFrame(() => { if (changedAt === now) paintedAt = performance.now(); });
        }
        // Charts in a component frame are drawn after the run's last message: wait 300 ms
        // past both the last change and the run's end.
        const quiet = now - Math.max(changedAt ?? t0, endedAt ?? t0) > 300;
        if (ran && idle() && quiet && (changedAt === null || paintedAt !== null)) {
          seen.disconnect();
          return resolve(last === before ? null : paintedAt - t0);
        }
      }
      if (now - started > timeoutMs) {
        seen.disconnect();
        return reject(new Error(t0 === null ? 'no key press seen' : 'no rerun ended'));
      }
      setTimeout(tick, 4);
    };
    tick();
  });
}"""
)

# Resolves with ms since navigation start once the run is over and every chart is drawn
# (the live-charts frame's too: ui/charts/live.py).
RENDERED_JS = """() => new Promise(resolve => {
  const done = () => {
    const app = document.querySelector("[data-testid='stApp']");
    const charts = Array.from(document.querySelectorAll("[data-testid='stPlotlyChart']"));
    const frames = Array.from(document.querySelectorAll("iframe[src*='live_charts']"));
    const drawn = frame => {
      const inner = frame.contentDocument;
      return inner && inner.querySelector('.js-plotly-plot .main-svg');
    };
    return app && app.dataset.testScriptState === 'notRunning' && document.querySelector('h1')
      && charts.every(chart => chart.querySelector('.main-svg')) && frames.every(drawn);
  };
  const tick = () => done()
    ? requestAnimationFrame(() => resolve(performance.now()))
    : setTimeout(tick, 4);
  tick();
})"""


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (Debian's where installed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def first_render_s(browser, url: str) -> float:
    """Seconds from navigation to the drawn page, in a fresh context (a new visitor)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="commit")
        tab.wait_for_selector("h1", timeout=120_000)  # the run has begun
        return tab.evaluate(RENDERED_JS) / 1e3
    finally:
        context.close()


class NoRedraw(RuntimeError):
    """The slider moved and the page reran, but no chart ended with different data."""


SLIDERS = "[data-testid='stMain'] [data-testid='stSlider'] input[type='range']"


def slider_label(tab, index: int) -> str:
    return tab.locator(SLIDERS).nth(index).get_attribute("aria-label") or f"slider {index}"


def slider_redraw_s(tab, index: int, key: str, timeout_ms: int = 30_000) -> float:
    """Seconds from a key press on the ``index``-th main-area slider to the redrawn chart
    (NoRedraw if no chart changed)."""
    tab.locator(SLIDERS).nth(index).focus()
    tab.evaluate(ARM_REDRAW_JS, timeout_ms)
    tab.keyboard.press(key)
    elapsed_ms = tab.evaluate("() => window.__redraw")
    tab.wait_for_selector(IDLE)
    if elapsed_ms is None:
        raise NoRedraw(slider_label(tab, index))
    return elapsed_ms / 1e3
