"""Every page on a 390×844 phone (touch, mobile emulation), in both languages: the sidebar starts
collapsed, nothing scrolls sideways, and one tap takes the learner from the answers to the
experiments (the first chart comes into view)."""

import pytest

from tests.browser.conftest import screenshot, settle
from ui.i18n import lookup
from ui.topics import ALL_TOPICS, TOPICS

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PAGES = ["", "glossary", *(topic.id for topic in ALL_TOPICS)]


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


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("topic", [topic.id for topic in TOPICS])
def test_one_tap_takes_a_phone_from_the_answers_to_a_chart(server_url, phone, topic, lang):
    phone.goto(f"{server_url}/{topic}?lang={lang}")
    settle(phone, ready="h1")
    chart = phone.locator(".qa-charts").first
    assert not chart.is_visible() or chart.bounding_box()["y"] > 844  # below the text at first
    phone.get_by_role("button", name=lookup("common.jump_to_experiments", lang)).tap()
    phone.wait_for_function(
        "() => { const b = document.querySelector('.qa-charts'); if (!b) return false;"
        " const r = b.getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; }",
        timeout=30_000,
    )
    screenshot(phone, f"phone-{topic}-{lang}-experiments")
