"""Every page on a 390×844 phone (touch, mobile emulation), in both languages: the sidebar starts
collapsed, nothing scrolls sideways, and one tap takes the learner from the answers to the
experiments (their tabs come into view, the open tab's chart below them)."""

import pytest

from qa_core.labs import playground as pg
from tests.browser.conftest import screenshot, settle, skip_prediction
from ui.i18n import lookup
from ui.topics import ALL_TOPICS, TOPICS

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PAGES = ["", "drill", "glossary", *(topic.id for topic in ALL_TOPICS)]


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def sideways_overflow(tab) -> int:
    """How many px the page is wider than the screen (0: nothing scrolls sideways)."""
    return tab.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_a_phone_sees_the_page_with_the_sidebar_folded_and_nothing_sideways(
    server_url, phone, path, lang
):
    phone.goto(f"{server_url}/{path}?lang={lang}")
    settle(phone, ready="h1")
    nav = phone.locator("[data-testid='stSidebarNavLink']").first
    box = nav.bounding_box()  # a folded sidebar is moved off the screen
    assert box is None or box["x"] + box["width"] <= 0 or not nav.is_visible(), box
    assert sideways_overflow(phone) <= 0
    assert phone.locator("[data-testid='stException']").count() == 0


TABS_IN_VIEW_JS = """() => {
  const tabs = document.querySelector('.st-key-qa_lab [data-testid="stTabs"]');
  if (!tabs) return false;
  const top = tabs.getBoundingClientRect().top;
  return top >= 0 && top < window.innerHeight * 0.4;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("topic", [topic.id for topic in TOPICS])
def test_one_tap_takes_a_phone_from_the_answers_to_the_experiments(server_url, phone, topic, lang):
    phone.goto(f"{server_url}/{topic}?lang={lang}")
    settle(phone, ready="h1")
    assert not phone.evaluate(TABS_IN_VIEW_JS)  # below the text at first
    phone.get_by_role("button", name=lookup("common.jump_to_experiments", lang)).tap()
    phone.wait_for_function(TABS_IN_VIEW_JS, timeout=30_000)
    screenshot(phone, f"phone-{topic}-{lang}-experiments")
    skip_prediction(phone)  # the results may wait for a prediction
    chart = phone.locator(".st-key-qa_lab .qa-charts").first  # the open tab's first chart
    chart.scroll_into_view_if_needed()
    chart.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    assert sideways_overflow(phone) <= 0


def top_of(tab, selector: str) -> float:
    """The page-y of an element's top (the page scrolls inside Streamlit's main block)."""
    return tab.evaluate(
        "s => { const e = document.querySelector(s); const m = document.querySelector("
        "\"[data-testid='stMain']\"); return e.getBoundingClientRect().top + m.scrollTop; }",
        selector,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_playground_on_a_phone_keeps_play_the_output_and_the_loss_together(
    server_url, phone, lang
):
    phone.goto(f"{server_url}/playground?lang={lang}")
    settle(phone, ready=".st-key-playground_loss_fig .js-plotly-plot")
    play = top_of(phone, ".st-key-playground_play")
    output = top_of(phone, ".st-key-playground_output_fig")
    loss = top_of(phone, ".st-key-playground_loss_fig")
    loss_bottom = loss + phone.locator(".st-key-playground_loss_fig").bounding_box()["height"]
    assert play < output < loss and loss_bottom < 2 * PHONE["viewport"]["height"]
    assert output < top_of(phone, ".st-key-playground_diagram")  # the map before the diagram
    assert loss < top_of(phone, ".st-key-playground_layers")  # the settings after the picture
    assert loss < top_of(phone, ".st-key-playground_problem")
    assert loss < top_of(phone, ".st-key-playground_lr")
    # the features in TensorFlow Playground's order, reading the screen top to bottom
    boxes = [phone.locator(f".st-key-playground_f_{f}").bounding_box() for f in pg.FEATURES]
    assert sorted(boxes, key=lambda b: (round(b["y"]), b["x"])) == boxes
    assert sideways_overflow(phone) <= 0
    screenshot(phone, f"phone-playground-{lang}")
