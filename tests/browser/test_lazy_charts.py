"""Charts far below the screen wait until the reader scrolls near them (ui/components/live_charts/live_charts.js):
a first visit draws only what it shows, the charts below hold their place and are drawn on the
way down, and a rerun redraws a far chart once it comes near."""

import pytest

from scripts.local_app import wait_idle
from tests.browser.conftest import SKIP_PREDICTION, skip_prediction

pytestmark = pytest.mark.browser

SLOW_MS = 300_000

# Per chart box: its state, its height, the heights its charts hold and whether each is drawn.
BOXES_JS = """() => [...document.querySelectorAll('.qa-charts')].map(box => ({
    drawn: box.dataset.drawn || '',
    height: box.getBoundingClientRect().height,
    top: box.getBoundingClientRect().top,
    held: [...box.children].map(c => parseFloat(c.style.minHeight) || 0),
    plots: [...box.children].filter(c => c.querySelector('.main-svg')).length,
}))"""


def boxes(tab):
    return tab.evaluate(BOXES_JS)


def wait_drawn(tab, index: int) -> None:
    tab.wait_for_function(
        "i => document.querySelectorAll('.qa-charts')[i]?.dataset.drawn === 'yes'",
        arg=index,
        timeout=SLOW_MS,
    )


def open_fresh(tab, url: str) -> None:
    tab.goto(url)
    wait_idle(tab, SLOW_MS)
    # the open tab's results may wait for a prediction: its charts or its question first
    tab.wait_for_selector(f".qa-charts, {SKIP_PREDICTION}", state="attached", timeout=SLOW_MS)
    skip_prediction(tab)
    wait_idle(tab, SLOW_MS)
    tab.wait_for_selector(".qa-charts", state="attached", timeout=SLOW_MS)
    tab.wait_for_timeout(800)


def test_a_first_visit_draws_the_screen_and_the_rest_on_the_way_down(server_url, page):
    page.goto(f"{server_url}/?lang=en")  # the deep link needs st.navigation registered once
    wait_idle(page, SLOW_MS)
    open_fresh(page, f"{server_url}/dropout?lang=en")
    page.get_by_role("tab", name="Ensemble", exact=True).click()  # three tall charts
    wait_idle(page, SLOW_MS)
    skip_prediction(page, charts=3, timeout_ms=SLOW_MS)
    page.wait_for_function(
        "() => document.querySelectorAll('.qa-charts > div').length === 3", timeout=SLOW_MS
    )
    wait_idle(page, SLOW_MS)  # (not conftest.open_tab: it would draw every chart)
    wait_drawn(page, 0)
    first = boxes(page)
    assert first[0]["drawn"] == "yes" and first[0]["plots"] > 0  # near the screen
    far = [i for i, b in enumerate(first) if b["top"] > 1000 + 600 + 200]
    assert far, first
    for i in far:
        box = first[i]
        assert box["drawn"] == "later" and box["plots"] == 0, (i, box)
        assert all(h >= 150 for h in box["held"]) and box["height"] >= sum(box["held"]) / 2

    last = far[-1]
    page.locator(".qa-charts").nth(last).scroll_into_view_if_needed()
    wait_drawn(page, last)
    after = boxes(page)[last]
    assert after["plots"] == len(first[last]["held"])
    # Drawn where its place was held: the charts are as tall as the space kept for them.
    assert abs(after["height"] - first[last]["height"]) < 2, (first[last], after)
    assert page.locator("[data-testid='stException']").count() == 0


# The words a chart shows: its title, its axis titles and its trace names.
WORDS_JS = """i => {
  const gd = document.querySelectorAll('.qa-charts')[i].querySelector('.js-plotly-plot');
  const L = gd._fullLayout;
  const axes = Object.keys(L).filter(k => /^[xy]axis\\d*$/.test(k)).map(k => L[k].title.text);
  return [L.title.text, ...axes, ...gd._fullData.map(t => t.name)].filter(Boolean).join(' | ');
}"""


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_a_rerun_redraws_a_far_chart_when_it_comes_near(server_url, page):
    page.goto(f"{server_url}/?lang=en")
    wait_idle(page, SLOW_MS)
    open_fresh(page, f"{server_url}/batch_norm?lang=en")
    page.get_by_role("tab", name="Train vs eval", exact=True).click()  # four charts, one far
    page.wait_for_function(
        "() => document.querySelectorAll('.qa-charts > div').length === 4", timeout=SLOW_MS
    )
    wait_idle(page, SLOW_MS)
    page.wait_for_timeout(800)
    count = len(boxes(page))
    last = count - 1
    assert boxes(page)[last]["drawn"] == "later"
    page.locator(".qa-charts").nth(last).scroll_into_view_if_needed()
    wait_drawn(page, last)
    english = page.evaluate(WORDS_JS, last)
    assert english and not has_cjk(english)

    # The language switch reruns the page and every chart's words change; the same tab stays
    # open (new labels make it a new tab container, drawn afresh). Back at the top, the far
    # chart waits until the reader returns to it.
    page.locator("[data-testid='stMain']").evaluate("main => main.scrollTo(0, 0)")
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="中文").click()
    page.wait_for_function(
        "() => /[\\u4e00-\\u9fff]/.test(document.querySelector('h1').textContent)",
        timeout=SLOW_MS,
    )
    wait_idle(page, SLOW_MS)
    page.wait_for_timeout(500)
    assert (
        page.get_by_role("tab", name="训练与评估模式", exact=True).get_attribute("aria-selected")
        == "true"
    )
    assert len(boxes(page)) == count
    assert boxes(page)[last]["drawn"] == "later"

    page.locator(".qa-charts").nth(last).scroll_into_view_if_needed()
    wait_drawn(page, last)
    assert has_cjk(page.evaluate(WORDS_JS, last))
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_chart_in_a_closed_expander_is_drawn_when_it_opens(server_url, page):
    page.goto(f"{server_url}/?lang=en")
    wait_idle(page, SLOW_MS)
    open_fresh(page, f"{server_url}/overfitting?lang=en")  # the ensemble's members, folded
    hidden = "details:not([open]) .qa-charts"
    page.wait_for_selector(hidden, state="attached", timeout=SLOW_MS)
    closed = page.locator(hidden).first
    assert closed.get_attribute("data-drawn") == "later"
    assert closed.locator(".main-svg").count() == 0
    # Even scrolled to, nothing is drawn while the expander stays closed.
    closed.locator("xpath=ancestor::details").evaluate("d => d.scrollIntoView()")
    page.wait_for_timeout(800)
    assert closed.get_attribute("data-drawn") == "later"

    closed.locator("xpath=ancestor::details/summary").click()
    page.wait_for_function(
        "() => document.querySelector('details[open] .qa-charts')?.dataset.drawn === 'yes'",
        timeout=SLOW_MS,
    )
    assert page.locator("details[open] .qa-charts .main-svg").count() > 0
    assert page.locator("[data-testid='stException']").count() == 0
