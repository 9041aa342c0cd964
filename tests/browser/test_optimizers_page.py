"""The optimisers page in a real browser: reached from the home page through the sidebar, each
experiment's tab draws its charts, KaTeX renders, nothing raises, both languages; the step
slider redraws the race's paths; the page also draws in a dark colour scheme and on a phone.
Screenshots go to artifacts/."""

import pytest

from tests.browser.conftest import open_tab, screenshot, settle, wait_for_charts
from ui.i18n import lookup

pytestmark = pytest.mark.browser

EXPERIMENTS = ("race", "bias", "decay", "schedule", "batch")
CHARTS = (2, 2, 3, 3, 2)
SLOW_MS = 180_000


def open_page(tab, server_url: str, lang: str) -> None:
    """Home in ``lang``, then the topic's link in the sidebar; wait for the first tab's charts."""
    tab.goto(f"{server_url}/?lang={lang}")
    settle(tab, timeout_ms=SLOW_MS)
    nav = lookup("optimizers.nav_title", lang)
    tab.locator("[data-testid='stSidebarNavLink']", has_text=nav).first.click()
    settle(tab, ready=".js-plotly-plot", timeout_ms=SLOW_MS)
    wait_for_charts(tab, CHARTS[0], timeout_ms=SLOW_MS)
    settle(tab, timeout_ms=SLOW_MS)
    assert f"lang={lang}" in tab.url and "optimizers" in tab.url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_optimizers_page_draws_every_experiment(server_url, page, lang):
    open_page(page, server_url, lang)
    assert page.locator("h1").first.inner_text() == lookup("optimizers.title", lang)
    labels = [lookup(f"optimizers.exp_{k}", lang) for k in EXPERIMENTS]
    assert page.get_by_role("tab").all_inner_texts() == labels
    assert page.locator(".katex").count() > 40
    for index, (label, charts) in enumerate(zip(labels, CHARTS, strict=True)):
        if index:
            open_tab(page, label, charts, timeout_ms=SLOW_MS)
        assert page.locator(".js-plotly-plot").count() == charts, label
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator("[data-testid='stAlertContentError']").count() == 0
        screenshot(page, f"optimizers-{lang}-{index}-{EXPERIMENTS[index]}")


def test_the_step_slider_redraws_the_paths(server_url, page):
    open_page(page, server_url, "en")

    def path_length() -> int:
        return page.evaluate(
            "() => document.querySelectorAll('.js-plotly-plot')[0]._fullData[1].x.length"
        )

    assert path_length() == 151  # the ravine's 150 steps and the start
    slider = page.get_by_role("slider", name=lookup("optimizers.upto", "en"))
    slider.focus()
    page.keyboard.press("Home")  # step 0: only the start
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot')[0]._fullData[1].x.length === 1",
        timeout=60_000,
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
        tab.goto(f"{server_url}/optimizers?lang=en")
        settle(tab, ready="h1", timeout_ms=SLOW_MS)
        wait_for_charts(tab, 2, timeout_ms=SLOW_MS)
        overflow = tab.evaluate(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - window.innerWidth"
        )
        assert overflow <= 0, (name, overflow)
        assert tab.locator("[data-testid='stException']").count() == 0
        screenshot(tab, f"optimizers-{name}")
        tab.get_by_role("tab", name=lookup("optimizers.exp_decay", "en"), exact=True).click()
        settle(tab, timeout_ms=SLOW_MS)
        wait_for_charts(tab, 3, timeout_ms=SLOW_MS)
        screenshot(tab, f"optimizers-{name}-decay")
        context.close()
