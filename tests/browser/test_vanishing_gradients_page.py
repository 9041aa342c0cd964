"""The vanishing-gradient page in a real browser: each experiment's tab draws its charts,
formulas are typeset, no exception."""

import pytest

from tests.browser.conftest import open_tab, screenshot, settle, wait_for_charts

pytestmark = pytest.mark.browser

TITLES = {"zh": "梯度消失", "en": "Vanishing gradients"}
SECTIONS = {
    "zh": ("饱和区特写", "深度扫描", "逐层梯度范数", "逐层激活统计"),
    "en": ("Saturation", "Depth sweep", "Per-layer norms", "Activation stats"),
}
# histogram and flat share; two sweeps; per-layer norms; box plots and spread
CHARTS = (2, 2, 1, 2)
WAIT_MS = 300_000  # the first visit computes the default sweeps; the machine may be shared


def open_page(page, server_url, lang):
    """Home first: on a fresh server, Streamlit serves a direct page URL as a bare script
    (no navigation, no language) until some session has run app.py's st.navigation."""
    page.goto(f"{server_url}/?lang={lang}")
    settle(page)
    page.goto(f"{server_url}/vanishing_gradients?lang={lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_tab_renders_its_charts_and_formulas(server_url, page, lang):
    open_page(page, server_url, lang)
    settle(page, ready=".js-plotly-plot", timeout_ms=WAIT_MS)
    wait_for_charts(page, CHARTS[0], timeout_ms=WAIT_MS)
    assert page.locator("h1").first.inner_text() == TITLES[lang]
    assert page.get_by_role("tab").all_inner_texts() == list(SECTIONS[lang])
    for index, (section, charts) in enumerate(zip(SECTIONS[lang], CHARTS, strict=True)):
        if index:
            open_tab(page, section, charts, timeout_ms=WAIT_MS)
        assert page.locator(".js-plotly-plot").count() == charts, section
        # every chart has drawn data (bars, lines or boxes), not an empty frame
        drawn = page.evaluate(
            "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
            ".map(d => d.querySelectorAll('.trace, .boxlayer path, .barlayer path').length)"
        )
        assert all(n > 0 for n in drawn), (section, drawn)
        assert page.locator(".katex").count() > 20  # the Q&A text and the experiment's formulas
        assert page.locator("[data-testid='stException']").count() == 0
        screenshot(page, f"vanishing_gradients-{lang}-{index}")


def test_a_prediction_is_revealed_with_the_measured_ratio(server_url, page):
    open_page(page, server_url, "en")
    settle(page, ready=".js-plotly-plot", timeout_ms=WAIT_MS)
    page.get_by_role("tab", name=SECTIONS["en"][1], exact=True).click()
    settle(page, timeout_ms=WAIT_MS)
    page.get_by_text("Smaller, by more than 10⁶×").click()  # the results wait for a prediction
    settle(page, timeout_ms=WAIT_MS)
    wait_for_charts(page, CHARTS[1], timeout_ms=WAIT_MS)
    verdict = page.get_by_text("You predicted it")
    verdict.wait_for(timeout=60_000)
    verdict.scroll_into_view_if_needed()
    assert page.get_by_text("a ratio of").count() >= 1
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "vanishing_gradients-predicted-en")
