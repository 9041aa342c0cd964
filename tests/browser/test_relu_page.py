"""The ReLU page in a real browser: every experiment's tab draws its charts, formulas render,
no exception."""

import pytest

from tests.browser.conftest import open_tab, screenshot, settle, wait_for_charts
from ui.i18n import lookup

pytestmark = pytest.mark.browser

TITLES = {"zh": "ReLU 及其变体", "en": "ReLU and its variants"}
SECTIONS = {
    lang: [
        lookup(f"relu.exp_{k}", lang)
        for k in ("timing", "saturation", "sparsity", "dying", "variants")
    ]
    for lang in ("zh", "en")
}
# timing; f′; zero shares and firing map; dead units, accuracy and PReLU a; f(z), accuracy, a(t)
CHARTS = (1, 1, 2, 3, 3)
SLOW_MS = 240_000  # the first visit trains every default experiment on a shared 2-core machine


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_relu_page_renders_every_chart_and_katex(server_url, page, lang):
    page.goto(f"{server_url}/?lang={lang}")  # the deep link needs st.navigation registered once
    settle(page, ready="h1", timeout_ms=SLOW_MS)
    page.goto(f"{server_url}/relu?lang={lang}")
    wait_for_charts(page, CHARTS[0], timeout_ms=SLOW_MS)
    settle(page, ready=".js-plotly-plot", timeout_ms=SLOW_MS)
    assert page.locator("h1").first.inner_text() == TITLES[lang]
    assert page.get_by_role("tab").all_inner_texts() == SECTIONS[lang]
    assert page.locator(".katex").count() > 20
    for index, (section, charts) in enumerate(zip(SECTIONS[lang], CHARTS, strict=True)):
        if index:
            open_tab(page, section, charts, timeout_ms=SLOW_MS)
        assert page.locator(".js-plotly-plot").count() == charts, section
        assert page.locator("[data-testid='stException']").count() == 0
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')].map(d => (d.data || []).length)"
        )
        assert all(n > 0 for n in drawn), (section, drawn)
        screenshot(page, f"relu-{lang}-{index + 1}")
