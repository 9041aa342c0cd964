"""The residual page in a real browser: reached from the home page through the sidebar, each
experiment's tab draws its charts (the symmetry chart's traces all end on one value, the
orthogonal spectrum is flat at 1), KaTeX renders, nothing raises, both languages; a slider move
redraws the spectrum; the page also draws in a dark colour scheme and on a phone. Screenshots
go to artifacts/."""

import pytest

from tests.browser.conftest import open_tab, screenshot, settle, wait_for_charts
from ui.i18n import lookup

pytestmark = pytest.mark.browser

EXPERIMENTS = ("symmetry", "degradation", "depth", "order", "zero", "isometry")
CHARTS = (1, 1, 2, 2, 2, 1)
SLOW_MS = 180_000
PLOTS = "[...document.querySelectorAll('.js-plotly-plot')]"


def open_page(tab, server_url: str, lang: str) -> None:
    """Home in ``lang``, then the topic's link in the sidebar; wait for the first tab's chart."""
    tab.goto(f"{server_url}/?lang={lang}")
    settle(tab, timeout_ms=SLOW_MS)
    nav = lookup("residual.nav_title", lang)
    tab.locator("[data-testid='stSidebarNavLink']", has_text=nav).first.click()
    settle(tab, ready=".js-plotly-plot", timeout_ms=SLOW_MS)
    wait_for_charts(tab, CHARTS[0], timeout_ms=SLOW_MS)
    settle(tab, timeout_ms=SLOW_MS)
    assert f"lang={lang}" in tab.url and "residual" in tab.url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_residual_page_draws_every_experiment(server_url, page, lang):
    open_page(page, server_url, lang)
    assert page.locator("h1").first.inner_text() == lookup("residual.title", lang)
    labels = [lookup(f"residual.exp_{k}", lang) for k in EXPERIMENTS]
    assert page.get_by_role("tab").all_inner_texts() == labels
    assert page.locator(".katex").count() > 20
    ends = page.evaluate(f"() => {PLOTS}[0]._fullData.map(d => d.y[d.y.length - 1])")
    assert len(ends) == 8  # every unit's weight ends where the others do
    assert max(ends) - min(ends) <= 1e-9 * max(abs(v) for v in ends)
    for index, (label, charts) in enumerate(zip(labels, CHARTS, strict=True)):
        if index:
            open_tab(page, label, charts, timeout_ms=SLOW_MS)
        assert page.locator(".js-plotly-plot").count() == charts, label
        assert page.locator("[data-testid='stException']").count() == 0
        screenshot(page, f"residual-{lang}-{index}-{EXPERIMENTS[index]}")
    orthogonal = page.evaluate(f"() => {PLOTS}[0]._fullData[2].y")
    assert all(abs(v - 1) < 1e-9 for v in orthogonal)


def test_moving_the_depth_redraws_the_spectrum(server_url, page):
    open_page(page, server_url, "en")
    open_tab(page, lookup("residual.exp_isometry", "en"), 1, timeout_ms=SLOW_MS)

    def xavier_smallest() -> float:
        return page.evaluate(f"() => Math.min(...{PLOTS}[0]._fullData[0].y)")

    before = xavier_smallest()
    slider = page.get_by_role("slider", name=lookup("residual.iso_depth", "en"))
    slider.focus()
    page.keyboard.press("Home")  # one layer: far less spread
    page.wait_for_function(
        f"b => Math.min(...{PLOTS}[0]._fullData[0].y) > 1000 * b", arg=before, timeout=60_000
    )
    settle(page)
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_page_in_a_dark_scheme_and_on_a_phone(server_url, browser):
    for name, options in (
        ("dark", {"viewport": {"width": 1400, "height": 1000}, "color_scheme": "dark"}),
        ("phone", {"viewport": {"width": 390, "height": 844}, "is_mobile": True,
                   "has_touch": True}),
        ("phone-dark", {"viewport": {"width": 390, "height": 844}, "is_mobile": True,
                        "has_touch": True, "color_scheme": "dark"}),
    ):  # fmt: skip
        context = browser.new_context(**options)
        tab = context.new_page()
        tab.goto(f"{server_url}/residual?lang=en")
        settle(tab, ready="h1", timeout_ms=SLOW_MS)
        tab.get_by_role("tab", name=lookup("residual.exp_zero", "en"), exact=True).click()
        settle(tab, timeout_ms=SLOW_MS)
        wait_for_charts(tab, 2, timeout_ms=SLOW_MS)
        overflow = tab.evaluate(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - window.innerWidth"
        )
        assert overflow <= 0, (name, overflow)
        assert tab.locator("[data-testid='stException']").count() == 0
        screenshot(tab, f"residual-{name}")
        context.close()
