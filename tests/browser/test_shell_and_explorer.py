"""The app in a real browser: home and explorer render in both languages, the switch works."""

import pytest

from scripts.local_app import PLOTS_JS
from tests.browser.conftest import (
    chart_count,
    screenshot,
    settle,
    skip_prediction,
    streamlit_server,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

TITLES = {"zh": "深度学习问答", "en": "Deep Learning Q&A Lab"}
EXPLORER = {"zh": "激活函数及其导数", "en": "Activation functions and their derivatives"}
EXPLORER_NAV = {"zh": "激活函数", "en": "Activation functions"}  # activations.nav_title


def assert_no_exception(tab):
    assert tab.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_renders_with_questions_and_formulas(server_url, page, lang):
    page.goto(f"{server_url}/?lang={lang}")
    settle(page, ready="[data-testid='stPageLink']")
    assert page.locator("h1").first.inner_text() == TITLES[lang]
    assert page.locator("[data-testid='stPageLink']").count() >= 7  # one per question
    assert_no_exception(page)
    screenshot(page, f"home-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explorer_renders_charts_and_katex(server_url, page, lang):
    page.goto(f"{server_url}/activations?lang={lang}")
    settle(page, ready=".js-plotly-plot")
    wait_for_charts(page, 2)  # f and f′ (the identity has its own tab)
    assert page.locator("h1").first.inner_text() == EXPLORER[lang]
    assert chart_count(page) == 2
    assert page.locator(".katex").count() > 20
    assert_no_exception(page)
    screenshot(page, f"explorer-{lang}")


def test_language_switch_is_kept_in_the_url_across_pages_and_reloads(page):
    # On a freshly started server, so that the home page is the first run of the process: its
    # first click must count too (app.py reruns once after registering the navigation).
    with streamlit_server("streamlit-fresh-home.log") as server_url:
        switch_languages_across_pages(server_url, page)


def switch_languages_across_pages(server_url, page):
    page.goto(server_url)
    settle(page)
    assert page.locator("h1").first.inner_text() == TITLES["zh"]
    page.get_by_role("radio", name="English").click()
    settle(page)
    assert page.locator("h1").first.inner_text() == TITLES["en"]
    assert "lang=en" in page.url
    page.locator("[data-testid='stSidebarNavLink']", has_text=EXPLORER_NAV["en"]).click()
    settle(page)
    assert page.locator("h1").first.inner_text() == EXPLORER["en"]
    assert "lang=en" in page.url
    page.reload()
    settle(page)
    assert page.locator("h1").first.inner_text() == EXPLORER["en"]


def summary_rows(tab) -> list[list[str]]:
    """The explorer's summary table, drawn by the chart component under f and f′: headings,
    then rows."""
    return tab.evaluate(
        "() => [...document.querySelectorAll('.st-key-activations_live .qa-table tr')]"
        ".map(tr => [...tr.cells].map(cell => cell.textContent))"
    )


def test_moving_a_slider_redraws_the_derivative_chart_in_place(server_url, page):
    page.goto(f"{server_url}/activations?lang=en")
    settle(page, ready=".js-plotly-plot")
    wait_for_charts(page, 2)  # f and f′ (the identity has its own tab)

    def first_x_range():
        return page.evaluate(f"() => ({PLOTS_JS})()[1]._fullLayout.xaxis.range")

    # Tag the f′ chart's node: the chart component updates it with Plotly.react, where
    # st.plotly_chart would replace it with a new one on every slider move.
    page.evaluate(f"() => {{ ({PLOTS_JS})()[1].dataset.tagged = 'yes'; }}")
    before = first_x_range()
    table_before = summary_rows(page)
    assert [row[0] for row in table_before[1:]] == ["Sigmoid", "Tanh", "ReLU"]
    assert table_before[1][1:3] == ["0.25", "0"]  # σ′ peaks at 1/4, at z = 0
    # The z-range slider's lower thumb is a visually hidden <input type=range>.
    page.locator(".st-key-activations_z input[type='range']").first.focus()
    for _ in range(6):
        page.keyboard.press("ArrowLeft")
    settle(page)
    page.wait_for_timeout(500)
    after = first_x_range()
    assert after[0] < before[0] - 2.0, (before, after)
    assert page.evaluate(f"() => ({PLOTS_JS})()[1].dataset.tagged") == "yes"
    # the summary under the charts follows: more of a wider range is saturated
    table_after = summary_rows(page)
    for old, new in zip(table_before[1:], table_after[1:], strict=True):
        assert float(new[3].rstrip("%")) > float(old[3].rstrip("%")), (old, new)
    assert_no_exception(page)


def test_a_deep_link_works_on_a_freshly_started_server(page):
    # Before app.py has run once, Streamlit would run pages/<page>.py on its own (old-style
    # multipage mode): no navigation, no language switch. The page guard routes it through app.py.
    with streamlit_server("streamlit-fresh.log") as url:
        page.goto(f"{url}/activations?lang=zh")
        settle(page, ready=".js-plotly-plot")
        assert page.locator("h1").first.inner_text() == EXPLORER["zh"]
        assert page.locator("[data-testid='stSidebarNavLink']").count() >= 2
        assert_no_exception(page)
        # The very first click of the first session must count (it once was lost: the first
        # run's widgets were keyed under the page's script hash, later runs under app.py's).
        page.get_by_role("radio", name="English").click()
        settle(page, ready=".js-plotly-plot")
        assert page.locator("h1").first.inner_text() == EXPLORER["en"]


def test_the_qa_text_stays_in_view_while_the_experiments_scroll(server_url, page):
    page.goto(f"{server_url}/overfitting?lang=en")  # the remedies' tab is screens long
    settle(page, ready=".st-key-overfitting_predict_box", timeout_ms=240_000)
    skip_prediction(page)  # the results, which make the tab long, wait for a prediction
    settle(page, ready=".js-plotly-plot", timeout_ms=240_000)
    page.mouse.move(1000, 600)  # over the experiments column
    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(800)
    assert page.locator("h1").first.bounding_box()["y"] < 0  # the page did scroll
    text = page.locator(".st-key-qa_text").bounding_box()
    assert text["y"] >= 0 and text["y"] + text["height"] <= 1000  # the window's height
    heading = page.locator(".st-key-qa_text :is(h2, h3, h4)").first.bounding_box()
    assert 0 <= heading["y"] <= 1000  # the first question is on screen
    screenshot(page, "sticky-qa-en")
