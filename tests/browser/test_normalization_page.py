"""The normalisation page in a real browser: reached from the home page through the sidebar,
each experiment's tab draws its charts, KaTeX renders, nothing raises, both languages; picking
another norm redraws the highlighted cells; the page also draws in a dark colour scheme and on a
phone without sideways scrolling. Screenshots go to artifacts/."""

import pytest

from tests.browser.conftest import open_tab, screenshot, settle, wait_for_charts
from ui.i18n import lookup

pytestmark = pytest.mark.browser

EXPERIMENTS = ("axes", "sweep", "modes", "lr", "place")
CHARTS = (1, 2, 1, 1, 1)
SLOW_MS = 180_000


def open_page(tab, server_url: str, lang: str) -> None:
    """Home in ``lang``, then the topic's link in the sidebar; wait for the first tab's chart."""
    tab.goto(f"{server_url}/?lang={lang}")
    settle(tab, timeout_ms=SLOW_MS)
    nav = lookup("normalization.nav_title", lang)
    tab.locator("[data-testid='stSidebarNavLink']", has_text=nav).first.click()
    settle(tab, ready=".js-plotly-plot", timeout_ms=SLOW_MS)
    wait_for_charts(tab, CHARTS[0], timeout_ms=SLOW_MS)
    settle(tab, timeout_ms=SLOW_MS)
    assert f"lang={lang}" in tab.url and "normalization" in tab.url


HIGHLIGHTED_JS = (
    "() => Array.from(document.querySelectorAll('.js-plotly-plot')[0]._fullData[0].z)"
    ".flatMap(row => Array.from(row)).filter(v => v === 1).length"
)


def highlighted(tab) -> int:
    """How many cells of the axes heatmap are coloured (z = 1)."""
    return tab.evaluate(HIGHLIGHTED_JS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_normalization_page_draws_every_experiment(server_url, page, lang):
    open_page(page, server_url, lang)
    assert page.locator("h1").first.inner_text() == lookup("normalization.title", lang)
    labels = [lookup(f"normalization.exp_{k}", lang) for k in EXPERIMENTS]
    assert page.get_by_role("tab").all_inner_texts() == labels
    assert page.locator(".katex").count() > 20
    for index, (label, charts) in enumerate(zip(labels, CHARTS, strict=True)):
        if index:
            open_tab(page, label, charts, timeout_ms=SLOW_MS)
        assert page.locator(".js-plotly-plot").count() == charts, label
        assert page.locator("[data-testid='stException']").count() == 0
        screenshot(page, f"normalization-{lang}-{index}-{EXPERIMENTS[index]}")


def test_picking_layer_norm_redraws_the_highlighted_cells(server_url, page):
    open_page(page, server_url, "en")
    assert highlighted(page) == 16  # BatchNorm: a channel across 4 examples × 2 × 2 positions
    page.get_by_role("radio", name=lookup("normalization.norm_layer", "en"), exact=True).click()
    page.wait_for_function(f"() => ({HIGHLIGHTED_JS})() === 24", timeout=60_000)
    settle(page)
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_page_in_a_dark_scheme_and_on_a_phone(server_url, browser):
    for name, options in (
        ("light", {"viewport": {"width": 1400, "height": 1000}}),
        ("dark", {"viewport": {"width": 1400, "height": 1000}, "color_scheme": "dark"}),
        ("phone", {"viewport": {"width": 390, "height": 844}, "is_mobile": True,
                   "has_touch": True}),
        ("phone-dark", {"viewport": {"width": 390, "height": 844}, "is_mobile": True,
                        "has_touch": True, "color_scheme": "dark"}),
    ):  # fmt: skip
        context = browser.new_context(**options)
        tab = context.new_page()
        tab.goto(f"{server_url}/normalization?lang=en")
        settle(tab, ready="h1", timeout_ms=SLOW_MS)
        for index in (0, 2):  # the heatmap, and the train-vs-eval points
            label = lookup(f"normalization.exp_{EXPERIMENTS[index]}", "en")
            tab.get_by_role("tab", name=label, exact=True).click()
            settle(tab, timeout_ms=SLOW_MS)
            wait_for_charts(tab, CHARTS[index], timeout_ms=SLOW_MS)
            tab.get_by_role("tab", name=label, exact=True).scroll_into_view_if_needed()
            overflow = tab.evaluate(
                "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                " - window.innerWidth"
            )
            assert overflow <= 0, (name, overflow)
            assert tab.locator("[data-testid='stException']").count() == 0
            screenshot(tab, f"normalization-{name}-{EXPERIMENTS[index]}")
        context.close()
