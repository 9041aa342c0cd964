"""The ReLU page in a real browser: every experiment draws, formulas render, no exception."""

import pytest

from tests.browser.conftest import screenshot, settle, wait_for_charts

pytestmark = pytest.mark.browser

TITLES = {"zh": "ReLU 及其变体", "en": "ReLU and its variants"}
SECTIONS = {
    "zh": ["计算开销实测", "不饱和", "稀疏性", "神经元死亡实况", "变体对比"],
    "en": [
        "Cheap to compute",
        "Non-saturating",
        "Sparsity",
        "Dying ReLU, live",
        "The variants side by side",
    ],
}
# timing; f′; zero shares; firing map; dead units; accuracy; PReLU a; f(z); accuracy; a(t)
N_CHARTS = 10
SLOW_MS = 240_000  # the first visit trains every default experiment on a shared 2-core machine


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_relu_page_renders_every_chart_and_katex(server_url, page, lang):
    page.goto(f"{server_url}/relu?lang={lang}")
    wait_for_charts(page, N_CHARTS, timeout_ms=SLOW_MS)
    settle(page, ready=".js-plotly-plot", timeout_ms=SLOW_MS)
    assert page.locator("h1").first.inner_text() == TITLES[lang]
    assert [h.inner_text() for h in page.locator("h3").all()] == SECTIONS[lang]
    assert page.locator(".js-plotly-plot").count() == N_CHARTS
    assert page.locator(".katex").count() > 20
    assert page.locator("[data-testid='stException']").count() == 0
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(d => (d.data || []).length)"
    )
    assert all(n > 0 for n in drawn), drawn
    screenshot(page, f"relu-{lang}")
    for i, heading in enumerate(page.locator("h3").all()):
        heading.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
        screenshot(page, f"relu-{lang}-{i + 1}")
