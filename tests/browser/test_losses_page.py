"""The losses page in a real browser: reached from the home page through the sidebar, each
experiment's tab draws its charts (the overflow chart's naive line stops at 709.78), KaTeX
renders, nothing raises, both languages; a slider move redraws the gradient chart; the page
also draws in a dark colour scheme and on a phone. Screenshots go to artifacts/."""

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import open_tab, screenshot, settle, wait_for_charts
from ui.i18n import lookup

pytestmark = pytest.mark.browser

EXPERIMENTS = ("gradient", "escape", "overflow", "heads", "smoothing", "robust")
CHARTS = (2, 4, 2, 1, 2, 2)
SLOW_MS = 180_000


def open_page(tab, server_url: str, lang: str) -> None:
    """Home in ``lang``, then the topic's link in the sidebar; wait for the first tab's charts."""
    tab.goto(f"{server_url}/?lang={lang}")
    settle(tab, timeout_ms=SLOW_MS)
    nav = lookup("losses.nav_title", lang)
    link = tab.locator("[data-testid='stSidebarNavLink']", has_text=nav).first
    for _ in range(3):  # a click just after a redraw may be lost on a loaded machine
        link.click()
        with contextlib.suppress(PlaywrightTimeout):
            tab.wait_for_url(lambda url: "/losses" in url, timeout=10_000)
            break
    settle(tab, ready=".js-plotly-plot", timeout_ms=SLOW_MS)
    wait_for_charts(tab, CHARTS[0], timeout_ms=SLOW_MS)
    settle(tab, timeout_ms=SLOW_MS)
    assert f"lang={lang}" in tab.url and "losses" in tab.url


def titles(tab) -> list[str]:
    return tab.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".map(d => d._fullLayout ? d._fullLayout.title.text : '')"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_losses_page_draws_every_experiment(server_url, page, lang):
    open_page(page, server_url, lang)
    assert page.locator("h1").first.inner_text() == lookup("losses.title", lang)
    labels = [lookup(f"losses.exp_{k}", lang) for k in EXPERIMENTS]
    assert page.get_by_role("tab").all_inner_texts() == labels
    assert page.locator(".katex").count() > 40
    for index, (label, charts) in enumerate(zip(labels, CHARTS, strict=True)):
        if index:
            open_tab(page, label, charts, timeout_ms=SLOW_MS)
        assert page.locator(".js-plotly-plot").count() == charts, label
        assert page.locator("[data-testid='stException']").count() == 0
        if label == lookup("losses.exp_overflow", lang):
            naive = page.evaluate(
                "() => document.querySelectorAll('.js-plotly-plot')[0]._fullData[2].y"
                ".filter(v => v !== null && !Number.isNaN(v)).length"
            )
            assert 0 < naive < 300  # drawn up to 709.78, not beyond
        screenshot(page, f"losses-{lang}-{index}-{EXPERIMENTS[index]}")


def test_moving_z0_redraws_the_gradient_chart(server_url, page):
    open_page(page, server_url, "en")

    def marker() -> float:
        return page.evaluate(
            "() => document.querySelectorAll('.js-plotly-plot')[0]._fullLayout.shapes[0].x0"
        )

    assert marker() == -6.0
    slider = page.get_by_role("slider", name=lookup("losses.z0", "en"))
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # step 0.5: z0 = −4
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot')[0]._fullLayout.shapes[0].x0 === -4",
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
        tab.goto(f"{server_url}/losses?lang=en")
        settle(tab, ready="h1", timeout_ms=SLOW_MS)
        tab.get_by_role("tab", name=lookup("losses.exp_robust", "en"), exact=True).click()
        settle(tab, timeout_ms=SLOW_MS)
        wait_for_charts(tab, 2, timeout_ms=SLOW_MS)
        overflow = tab.evaluate(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - window.innerWidth"
        )
        assert overflow <= 0, (name, overflow)
        assert tab.locator("[data-testid='stException']").count() == 0
        screenshot(tab, f"losses-{name}")
        context.close()
