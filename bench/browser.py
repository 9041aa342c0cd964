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
from ui.topics import ALL_TOPICS

# The slider whose move each page's redraw is timed on: (the experiment tab to open first, or
# None for the first tab; the main-area slider, by its index in that tab, whose move redraws a
# chart by itself and cheaply, as a learner would first try). A topic not listed here is timed
# on the first slider of its first tab.
TIMED_SLIDERS: dict[str, tuple[str | None, int]] = {
    "activations": (None, 5),  # range of z (after the 4 parameters, folded away, and the threshold)
    "vanishing_gradients": (None, 0),  # depth of the saturation experiment
    "relu": ("relu.exp_saturation", 0),  # start of the range of z (the first tab times on Run)
    "overfitting": ("overfitting.exp_weights", 7),  # L1 λ (after the set-up form's 7); retrains
    "dropout": (None, 0),  # hidden layers of the mask picture
    "batch_norm": ("batch_norm.exp_linear", 0),  # original mean μ of the γ/β picture
    "playground": (None, 5),  # noise: new data, new picture
}
# url path → what to time: home (no slider: -1), then every registered topic in learner order.
PAGES: dict[str, tuple[str | None, int]] = {
    "": (None, -1),
    **{topic.id: TIMED_SLIDERS.get(topic.id, (None, 0)) for topic in ALL_TOPICS},
}
VIEWPORT = {"width": 1400, "height": 1000}

# Resolves with the ms from the next key press to the frame that first paints the chart data
# as it last changed, once the run is over and nothing has changed for 300 ms; null if the data
# ended as it began (a rerun may blank a chart for a moment, so the end state decides).
# The probe shares the page's main thread, so it must cost next to nothing while it waits:
# the chart digest is taken once per animation frame in which the DOM changed (a
# MutationObserver on the page, where ui/components/live_charts draws every chart), never on a timer;
# a slow timer only checks whether the run is over.
ARM_REDRAW_JS = (
    """(timeoutMs) => {
  const digest = """
    + CHART_DIGEST_JS
    + """;
  const before = digest();
  const app = document.querySelector("[data-testid='stApp']");
  const idle = () => app.dataset.testScriptState === 'notRunning';
  window.__redraw = new Promise((resolve, reject) => {
    let t0 = null, ran = false, endedAt = null, last = before, changedAt = null;
    let pending = false;
    // In an animation frame callback: the frame about to be painted is the first to show
    // what changed.
    const check = () => {
      pending = false;
      const d = digest();
      if (d !== last) { last = d; changedAt = performance.now(); }
    };
    const changed = () => {
      if (t0 === null || pending) return;
      pending = true;
      requestAnimationFrame(check);
    };
    const dom = new MutationObserver(changed);
    dom.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    document.addEventListener('keydown', () => { t0 = performance.now(); },
                              {capture: true, once: true});
    // The run is noticed by the attribute's change itself (it changes only as a run starts
    // or ends); a run too short to flip it still shows as changed chart data.
    const seen = new MutationObserver(() => {
      if (t0 === null) return;
      ran = true;
      if (idle()) endedAt = performance.now();
    });
    seen.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    const started = performance.now();
    const stop = () => { seen.disconnect(); dom.disconnect(); };
    const tick = () => {
      const now = performance.now();
      if (t0 !== null) {
        // The chart component draws after the run's last message: wait 300 ms
        // past both the last change and the run's end.
        const quiet = now - Math.max(changedAt ?? t0, endedAt ?? t0) > 300;
        const over = ran || changedAt !== null || now - t0 > 3000;
        if (over && idle() && quiet && !pending) {
          stop();
          return resolve(last === before ? null : changedAt - t0);
        }
      }
      if (now - started > timeoutMs) {
        stop();
        return reject(new Error(t0 === null ? 'no key press seen' : 'no rerun ended'));
      }
      setTimeout(tick, 50);
    };
    tick();
  });
}"""
)

# Resolves with ms since navigation start once the run is over, no element is still a
# skeleton (Streamlit shows one while an element's code is fetched: widgets, charts, tables),
# and every chart on the screen is drawn (ui/components/live_charts's component marks its box
# data-drawn="yes"; an st.plotly_chart has its SVG). A chart off the screen is drawn once
# scrolled near; its box says data-drawn="later", accepted only while it is really off-screen.
# Checked once per animation frame in which the DOM changed, not on a fast timer, so that the
# probe does not slow the load it times.
RENDERED_JS = """() => new Promise(resolve => {
  const offScreen = box => {
    const r = box.getBoundingClientRect();
    return r.top >= window.innerHeight || r.bottom <= 0 || !box.checkVisibility();
  };
  const done = () => {
    const app = document.querySelector("[data-testid='stApp']");
    const charts = Array.from(document.querySelectorAll("[data-testid='stPlotlyChart']"));
    const live = Array.from(document.querySelectorAll(".qa-charts"));
    return app && app.dataset.testScriptState === 'notRunning' && document.querySelector('h1')
      && !document.querySelector("[data-testid='stSkeleton']")
      && charts.every(chart => chart.querySelector('.main-svg'))
      && live.every(box => box.dataset.drawn === 'yes' || (box.dataset.drawn === 'later' && offScreen(box)));
  };
  let pending = false, finished = false;
  const dom = new MutationObserver(() => schedule());
  const check = now => {
    pending = false;
    if (finished) return;
    if (done()) { finished = true; dom.disconnect(); resolve(now); }
  };
  const schedule = () => {
    if (pending || finished) return;
    pending = true;
    requestAnimationFrame(check);
  };
  const slow = () => { if (!finished) { schedule(); setTimeout(slow, 50); } };
  dom.observe(document, {subtree: true, childList: true, attributes: true});
  slow();
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
