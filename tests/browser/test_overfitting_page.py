"""The overfitting page in a real browser: the decision-boundary grid, the curves, KaTeX and
the tables render in both languages without an exception.

The page is reached from ``/?lang=<lang>`` through the sidebar navigation: opening
``/overfitting?lang=en`` directly currently lands in Streamlit's pages-directory mode (the page
runs without app.py, so without the language switch) — a shell issue the other page tests
work around the same way."""

import pytest

from tests.browser.conftest import open_tab, screenshot, settle, wait_for_charts

pytestmark = pytest.mark.browser

TITLES = {"zh": "过拟合及其补救", "en": "Overfitting and its remedies"}
SECTIONS = {
    "zh": ("补救方法并排对比", "正则化下的权重"),
    "en": ("Remedies side by side", "Weights under regularisation"),
}
# 5 runs × (decision map + loss curves) + accuracy bars (the ensemble's curves are folded away)
MIN_CHARTS = 11
NAV = {"zh": "过拟合", "en": "Overfitting"}  # overfitting.nav_title


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overfitting_page_renders_the_decision_boundary_grid(server_url, page, lang):
    page.goto(f"{server_url}/?lang={lang}")
    settle(page)
    page.locator("[data-testid='stSidebarNavLink']", has_text=NAV[lang]).first.click()
    skip = page.locator(".st-key-overfitting_predict_skip button")  # results wait for it
    skip.wait_for(timeout=240_000)
    skip.click()
    settle(page, ready=".js-plotly-plot", timeout_ms=240_000)
    wait_for_charts(page, MIN_CHARTS, timeout_ms=240_000)
    settle(page)
    assert f"lang={lang}" in page.url and "overfitting" in page.url
    assert page.locator("h1").first.inner_text() == TITLES[lang]
    assert page.get_by_role("tab").all_inner_texts() == list(SECTIONS[lang])
    # Decision maps: a heatmap with a contour line, drawn by Plotly.
    assert page.locator(".js-plotly-plot .contourlayer").count() >= 5
    assert page.locator(".katex").count() > 10
    assert page.locator("[data-testid='stMarkdownContainer'] table").count() >= 2
    assert page.locator("[data-testid='stDownloadButton']").count() == 2
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"overfitting-{lang}")
    # The app scrolls inside its main container: capture each part in view as well.
    plots = page.locator(".js-plotly-plot")
    parts = {
        "remedies": page.get_by_role("tab", name=SECTIONS[lang][0]),
        "maps": plots.nth(0),
        "maps2": plots.nth(4),
        "maps3": plots.nth(8),
        "table": page.locator("[data-testid='stMarkdownContainer'] table").first,
    }
    for name, locator in parts.items():
        locator.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(600)
        screenshot(page, f"overfitting-{lang}-{name}")
    open_tab(page, SECTIONS[lang][1], 1, timeout_ms=240_000)  # the weight histogram
    assert page.locator(".js-plotly-plot .barlayer").count() == 1
    screenshot(page, f"overfitting-{lang}-weights")
