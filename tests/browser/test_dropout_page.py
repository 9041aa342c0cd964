"""The Dropout page in a real browser: the network diagram is drawn, KaTeX renders, a new mask
redraws the diagram, the ensemble's tab draws the k-curves in place of the mask's, and the mask's
settings are still there on the way back; both languages."""

import pytest

from tests.browser.conftest import chart_count, open_tab, screenshot, settle, wait_for_charts
from ui.i18n import lookup

pytestmark = pytest.mark.browser

TITLES = {"zh": "Dropout：随机关掉单元", "en": "Dropout: switching units off at random"}
SAMPLE = {"zh": "抽一个新掩码", "en": "Sample a new mask"}
EXPERIMENTS = ("mask", "conventions", "ensemble", "overfit", "hurts")


def plot_summary(tab, index):
    """Trace count, point count of each trace and title of the index-th drawn Plotly chart."""
    return tab.evaluate(
        """(i) => {
            const d = document.querySelectorAll('.js-plotly-plot')[i];
            return {title: d._fullLayout.title.text,
                    points: d._fullData.map(t => (t.x || []).length)};
        }""",
        index,
    )


SLOW_MS = 300_000  # the first visit trains three experiments; the test machine is shared


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dropout_page_draws_diagram_and_k_curves(server_url, page, lang):
    # A fresh server serves a deep link from the pages/ folder directly (without app.py's
    # navigation and language switch) until some session has run st.navigation: open the
    # home page first.
    page.goto(f"{server_url}/?lang={lang}")
    settle(page, ready="h1", timeout_ms=SLOW_MS)
    page.goto(f"{server_url}/dropout?lang={lang}")
    settle(page, ready=".js-plotly-plot", timeout_ms=SLOW_MS)
    wait_for_charts(page, 1, timeout_ms=SLOW_MS)
    settle(page, timeout_ms=SLOW_MS)
    assert page.locator("h1").first.inner_text() == TITLES[lang]
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == [lookup(f"dropout.exp_{k}", lang) for k in EXPERIMENTS]
    assert chart_count(page) == 1  # only the open tab's experiment is drawn
    diagram = plot_summary(page, 0)
    assert len(diagram["points"]) == 6 and sum(diagram["points"]) > 0
    assert page.locator(".katex").count() > 20
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"dropout-{lang}")

    page.get_by_role("button", name=SAMPLE[lang]).click()
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot')[0]._fullLayout.title.text"
        ".includes('2')",
        timeout=SLOW_MS,
    )
    sampled = plot_summary(page, 0)
    assert sampled["title"] != diagram["title"]

    open_tab(page, lookup("dropout.exp_ensemble", lang), 3, timeout_ms=SLOW_MS)
    assert plot_summary(page, 0)["points"] == [100, 100, 100]  # the k-curves
    screenshot(page, f"dropout-ensemble-{lang}")

    open_tab(page, lookup("dropout.exp_mask", lang), 1, timeout_ms=SLOW_MS)
    assert plot_summary(page, 0)["title"] == sampled["title"]  # the sampled mask is kept
    assert page.locator("[data-testid='stException']").count() == 0
