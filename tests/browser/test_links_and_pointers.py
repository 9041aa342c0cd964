"""From a question to its experiment in one click, in both languages, on a desktop and on a
phone (390×844, where the Q&A column and the experiments stack):

- every internal link carries the reader's language, and the ReLU text's playground preset
  opens (in a new browser tab) in the reader's language (issue 24, item 3);
- the home page shows each question's label whole and opens its question on the topic page:
  the heading at the top of the Q&A column, on screen, with the question id as its anchor
  (item 8);
- a "Try it" pointer opens its tab, sets the values it names and brings the experiments on
  screen, whether the reader was on another tab or far down the page (item 9).
"""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot, settle
from ui.content import load_topic
from ui.i18n import lookup

pytestmark = pytest.mark.browser

SLOW_MS = 240_000  # a page's first visit computes its default experiments on a shared machine
VIEWS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
# The top of the page Streamlit's toolbar leaves free, and how far down a jump may leave its
# target (the upper part of the screen, where the reader's eyes go).
FREE_TOP_JS = """() => { const h = document.querySelector("[data-testid='stHeader']");
  return h ? Math.max(0, h.getBoundingClientRect().bottom) : 0; }"""
# Every link in the main area that goes to a page of this app (not an #anchor).
INTERNAL_LINKS_JS = """() => [...document.querySelectorAll("[data-testid='stMain'] a[href]")]
  .filter(a => !a.getAttribute('href').startsWith('#'))
  .map(a => new URL(a.href, location.href))
  .filter(u => u.origin === location.origin)
  .map(u => u.pathname + u.search)"""
# Page-link labels cut short (one line, ellipsis): wider inside than they are shown.
CUT_LABELS_JS = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] [data-testid='stPageLink-NavLink']")]
  .filter(a => [...a.querySelectorAll('span, p')].some(e => e.scrollWidth > e.clientWidth + 1))
  .map(a => a.innerText.trim())"""
# Where an element is, and the Q&A column's scrolling box around it (if any).
PLACE_JS = """e => { const r = e.getBoundingClientRect();
  const box = e.closest('.st-key-qa_text'); const b = box ? box.getBoundingClientRect() : r;
  return {top: r.top, bottom: r.bottom, boxTop: b.top, boxBottom: b.bottom,
          height: window.innerHeight}; }"""
IN_UPPER_PART_JS = """([selector, freeTop]) => {
  const e = document.querySelector(selector); if (!e) return false;
  const top = e.getBoundingClientRect().top;
  return top >= freeTop - 1 && top <= window.innerHeight * 0.5; }"""


@pytest.fixture(params=list(VIEWS))
def view(request) -> str:
    return request.param


@pytest.fixture
def tab(browser, view):
    phone = view == "phone"
    context = browser.new_context(
        viewport=VIEWS[view], locale="en-US", is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    yield page
    context.close()


def visit(tab, server_url: str, path: str, lang: str) -> None:
    tab.goto(f"{server_url}/?lang={lang}")  # a deep link needs st.navigation registered once
    settle(tab, ready="h1", timeout_ms=SLOW_MS)
    if path:
        tab.goto(f"{server_url}/{path}?lang={lang}")
        settle(tab, ready="h1", timeout_ms=SLOW_MS)


def settled(tab, condition: str, arg) -> None:
    """Wait (a few seconds at most) until ``condition`` holds; the assertions after it say
    what is wrong if it never does."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        tab.wait_for_function(condition, arg=arg, timeout=10_000)


def assert_links_carry(tab, lang: str, where: str) -> None:
    links = tab.evaluate(INTERNAL_LINKS_JS)
    assert links, where
    wrong = [link for link in links if parse_qs(urlparse(link).query).get("lang") != [lang]]
    assert not wrong, (where, wrong)


# -- item 3: links keep the language ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_internal_link_carries_the_language(server_url, tab, view, lang):
    visit(tab, server_url, "", lang)
    assert_links_carry(tab, lang, "home")
    for path in ("relu", "glossary"):
        tab.goto(f"{server_url}/{path}?lang={lang}")
        settle(tab, ready="h1", timeout_ms=SLOW_MS)
        assert_links_carry(tab, lang, path)
    # the playground preset in the ReLU text opens in a new browser tab: a new session
    tab.goto(f"{server_url}/relu?lang={lang}")
    settle(tab, ready="h1", timeout_ms=SLOW_MS)
    preset = tab.locator(".st-key-qa_text a[href*='preset=relu-dies']")
    preset.scroll_into_view_if_needed()
    with tab.context.expect_page() as opened:
        preset.click()
    playground = opened.value
    settle(playground, ready="h1", timeout_ms=SLOW_MS)
    assert parse_qs(urlparse(playground.url).query)["lang"] == [lang]
    assert playground.locator("h1").first.inner_text() == lookup("playground.title", lang)
    screenshot(playground, f"links-preset-{lang}-{view}")
    playground.close()


# -- item 8: home's questions, whole, each opening its question ---------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_home_question_opens_at_its_question(server_url, tab, view, lang):
    visit(tab, server_url, "", lang)
    assert tab.evaluate(CUT_LABELS_JS) == []
    screenshot(tab, f"links-home-{lang}-{view}")
    question = next(q for q in load_topic("relu", lang).questions if q.id == "dying")
    link = tab.locator("[data-testid='stMain'] [data-testid='stPageLink-NavLink']").filter(
        has_text=question.heading
    )
    link.scroll_into_view_if_needed()
    link.click()
    settle(tab, ready="h1", timeout_ms=SLOW_MS)
    assert urlparse(tab.url).path == "/relu"
    heading = tab.locator(".st-key-qa_text :is(h2, h4)").filter(has_text=question.heading)
    free_top = tab.evaluate(FREE_TOP_JS)
    settled(  # the jump re-aligns while the page draws
        tab,
        """([e, freeTop, phone]) => { const r = e.getBoundingClientRect();
          const b = e.closest('.st-key-qa_text').getBoundingClientRect();
          const top = phone ? freeTop : b.top;
          return r.top >= top - 1 && r.top <= top + 24 && r.top >= freeTop - 1; }""",
        [heading.element_handle(), free_top, view == "phone"],
    )
    place = heading.evaluate(PLACE_JS)
    # atop the column; on a phone, whose text scrolls with the page, atop the screen
    top = free_top if view == "phone" else place["boxTop"]
    assert top - 1 <= place["top"] <= top + 24, place
    assert free_top - 1 <= place["top"] and place["bottom"] <= place["height"], place  # on screen
    assert heading.get_attribute("id") == "dying"  # an anchor the same in both languages
    settled(tab, "() => location.hash === '#dying'", None)
    assert urlparse(tab.url).fragment == "dying"  # the address now names the question
    screenshot(tab, f"links-question-{lang}-{view}")


# -- item 9: a pointer opens its experiment ------------------------------------------------------


def click_pointer(tab, key: str) -> None:
    box = tab.locator(f".st-key-{key}")
    assert box.count() == 1, f"no pointer button {key}"
    button = box.locator("button:visible")
    button.scroll_into_view_if_needed()
    button.click()
    settle(tab, timeout_ms=SLOW_MS)


def assert_experiment_shown(tab, lang: str, tab_key: str) -> None:
    label = lookup(f"activations.{tab_key}", lang)
    selected = tab.locator(".st-key-qa_lab [role='tab'][aria-selected='true']")
    assert selected.inner_text().strip() == label
    tabs = ".st-key-qa_lab [data-testid='stTabs']"
    free_top = tab.evaluate(FREE_TOP_JS)
    settled(tab, IN_UPPER_PART_JS, [tabs, free_top])
    top = tab.locator(tabs).evaluate("e => e.getBoundingClientRect().top")
    height = tab.evaluate("() => window.innerHeight")
    assert free_top - 1 <= top <= height * 0.5, (top, free_top, height)  # on screen, up top


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_try_it_pointer_opens_its_experiment_with_its_values(server_url, tab, view, lang):
    visit(tab, server_url, "activations", lang)
    # the derivative check: another tab, with the table's function and step h set
    click_pointer(tab, "activations_try_derivative-check")
    assert_experiment_shown(tab, lang, "exp_check")
    step = tab.locator(".st-key-activations_check_h [data-testid='stSliderThumbValue']")
    assert step.inner_text().strip() == "1e-02"
    screenshot(tab, f"pointer-check-{lang}-{view}")
    # SELU, from far down the page: back to the first tab, with SELU alone chosen
    tab.evaluate("() => { const m = document.querySelector(\"[data-testid='stMain']\");"
                 "m.scrollTop = m.scrollHeight; }")  # fmt: skip
    click_pointer(tab, "activations_try_selu")
    assert_experiment_shown(tab, lang, "exp_plot")
    chosen = tab.locator(".st-key-activations_names [data-tag]").all_inner_texts()
    assert [c.strip() for c in chosen] == ["SELU"]
    screenshot(tab, f"pointer-selu-{lang}-{view}")
