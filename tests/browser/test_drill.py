"""The interview drill and the home search in Chromium (issue 26): progress lives in the
browser's localStorage (``dlqa.progress``) and survives a reload; a card graded Good is not
asked again at once; export → clear → import restores the progress; a corrupt file is refused
with a message and changes nothing; Space and 1–4 work as in Anki (not while typing); the
home page's search finds questions in both languages. Screenshots on a desktop and a phone,
in the light and the dark theme."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot, settle
from ui.content import load_topic
from ui.i18n import lookup
from ui.topics import TOPICS

pytestmark = pytest.mark.browser

SLOW_MS = 120_000
STORED_JS = "() => localStorage.getItem('dlqa.progress')"
CARD = ".st-key-drill_card"
HEADING = f"{CARD} h3"
VIEWS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport=VIEWS["desktop"], locale="en-US")
    page = context.new_page()
    yield page
    context.close()


def open_drill(tab, server_url: str, lang: str = "en") -> None:
    tab.goto(f"{server_url}/drill?lang={lang}")
    settle(tab, ready=HEADING, timeout_ms=SLOW_MS)


def stored(tab) -> dict:
    text = tab.evaluate(STORED_JS)
    return json.loads(text) if text else {}


def wait_stored(tab, condition: str) -> None:
    """Until the stored progress (parsed, as ``p``) satisfies ``condition``: the component
    writes it as soon as the run that changed it reaches the browser."""
    tab.wait_for_function(
        f"() => {{ const t = localStorage.getItem('dlqa.progress');"
        f" const p = t ? JSON.parse(t) : {{}}; return {condition}; }}",
        timeout=30_000,
    )


def heading(tab) -> str:
    return tab.locator(HEADING).inner_text().strip()


def wait_other_card(tab, shown: str) -> None:
    """Until the card on screen is not the one headed ``shown`` (the run after a grade)."""
    tab.wait_for_function(
        "([selector, shown]) => { const h = document.querySelector(selector);"
        " return h && h.innerText.trim() !== shown; }",
        arg=[HEADING, shown],
        timeout=30_000,
    )


def click(tab, key: str) -> None:
    tab.locator(f".st-key-{key} button").first.click()
    settle(tab, timeout_ms=SLOW_MS)


def grade_by_mouse(tab, rating: int) -> None:
    click(tab, "drill_show")
    click(tab, f"drill_grade_{rating}")


def first_key(lang: str = "en") -> str:
    topic = TOPICS[0].id
    return f"{topic}/{load_topic(topic, lang).questions[0].id}"


def test_a_grade_survives_a_reload_and_the_card_is_not_asked_again_at_once(server_url, tab):
    open_drill(tab, server_url)
    graded = heading(tab)
    assert graded == load_topic(TOPICS[0].id, "en").questions[0].heading
    assert tab.evaluate(STORED_JS) is None  # a new browser: nothing kept yet
    grade_by_mouse(tab, 3)
    key = first_key()
    wait_stored(tab, f"p['{key}'] && p['{key}'].reviews === 1")
    assert stored(tab)[key]["last_rating"] == 3
    wait_other_card(tab, graded)
    tab.reload()
    settle(tab, ready=HEADING, timeout_ms=SLOW_MS)
    assert heading(tab) != graded  # the reload read it back: not a new card any more
    progress = tab.locator(".st-key-drill_transfer").inner_text()
    assert "1 of" in progress, progress
    tab.goto(f"{server_url}/?lang=en")  # home counts it from the same store
    settle(tab, ready=".st-key-home_drill", timeout_ms=SLOW_MS)
    line = lookup("drill.topic_counts", "en").split("{")[0]
    counts = [c for c in tab.locator("[data-testid='stCaptionContainer']").all_inner_texts()]
    assert any(f"{line}1 of" in c for c in counts), counts


def test_export_clear_import_restores_the_progress(server_url, tab, tmp_path):
    open_drill(tab, server_url)
    grade_by_mouse(tab, 3)
    grade_by_mouse(tab, 1)
    wait_stored(tab, "Object.keys(p).length === 2")
    before = stored(tab)
    with tab.expect_download() as download:
        tab.locator(".st-key-drill_export button").click()
    path = tmp_path / "progress.json"
    download.value.save_as(path)
    assert json.loads(path.read_text())["progress"] == before
    tab.get_by_role("button", name=lookup("drill.clear", "en")).click()
    click(tab, "drill_clear")
    wait_stored(tab, "Object.keys(p).length === 0")
    assert tab.evaluate(STORED_JS) is None
    assert heading(tab) == load_topic(TOPICS[0].id, "en").questions[0].heading  # new again
    tab.locator(".st-key-drill_transfer input[type='file']").set_input_files(str(path))
    settle(tab, timeout_ms=SLOW_MS)
    wait_stored(tab, "Object.keys(p).length === 2")
    assert stored(tab) == before
    message = lookup("drill.imported", "en").format(n=2, changed=2)
    assert message in tab.locator("[data-testid='stAlert']").all_inner_texts()[-1]
    # the sitting starts from the imported progress: the card graded Good is not asked now
    assert heading(tab) != load_topic(TOPICS[0].id, "en").questions[0].heading
    screenshot(tab, "drill-imported-desktop")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{ this is not json", "refused_not_json"),
        (b'{"deck": "someone else\'s", "cards": [1, 2, 3]}', "refused_foreign"),
        (
            b'{"format": "dlqa.progress", "version": 1, "progress": {"relu/dying": {}}}',
            "refused_bad_entry",
        ),
    ],
)
def test_a_corrupt_or_foreign_file_is_refused_and_changes_nothing(
    server_url, tab, tmp_path, content, reason
):
    open_drill(tab, server_url)
    grade_by_mouse(tab, 3)
    wait_stored(tab, "Object.keys(p).length === 1")
    before = tab.evaluate(STORED_JS)
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    tab.locator(".st-key-drill_transfer input[type='file']").set_input_files(str(path))
    tab.wait_for_selector(".st-key-drill_transfer [data-testid='stAlert']", timeout=30_000)
    settle(tab, timeout_ms=SLOW_MS)
    alerts = tab.locator("[data-testid='stAlert']").all_inner_texts()
    refused = lookup("drill.refused", "en").split("{")[0]
    said = lookup(f"drill.{reason}", "en").split("{")[0]
    assert any(a.startswith(refused) and said in a for a in alerts), alerts
    tab.wait_for_timeout(500)
    assert tab.evaluate(STORED_JS) == before


def test_space_shows_the_answer_and_digits_grade_but_not_while_typing(server_url, tab):
    open_drill(tab, server_url)
    graded = heading(tab)
    box = tab.locator(f"{CARD} textarea")
    box.click()
    box.type("1 2 sigmoid 3")  # typing: no key acts
    tab.wait_for_timeout(800)
    assert box.input_value() == "1 2 sigmoid 3"
    assert tab.locator(".st-key-drill_grade_1").count() == 0 and tab.evaluate(STORED_JS) is None
    tab.locator("h1").click()  # leave the text box
    tab.keyboard.press("Space")
    settle(tab, ready=".st-key-drill_grade_2", timeout_ms=SLOW_MS)
    tab.keyboard.press("2")  # Hard
    key = first_key()
    wait_stored(tab, f"p['{key}'] && p['{key}'].last_rating === 2")
    wait_other_card(tab, graded)
    settle(tab, ready=".st-key-drill_show", timeout_ms=SLOW_MS)
    assert tab.locator(f"{CARD} textarea").input_value() == ""  # a fresh box for a new card
    tab.keyboard.press("Space")
    settle(tab, ready=".st-key-drill_grade_4", timeout_ms=SLOW_MS)
    tab.keyboard.press("4")  # Easy
    wait_stored(tab, "Object.keys(p).length === 2")
    assert sorted(entry["last_rating"] for entry in stored(tab).values()) == [2, 4]


@pytest.mark.parametrize(
    ("lang", "query", "topic", "question"),
    [("en", "dying", "relu", "dying"), ("zh", "饱和", "activations", "saturation")],
)
def test_search_finds_the_question_and_links_to_it(server_url, tab, lang, query, topic, question):
    tab.goto(f"{server_url}/?lang={lang}")
    settle(tab, ready=".st-key-home_search", timeout_ms=SLOW_MS)
    box = tab.locator(".st-key-home_search input")
    box.fill(query)
    box.press("Enter")
    settle(tab, timeout_ms=SLOW_MS)
    wanted = next(q for q in load_topic(topic, lang).questions if q.id == question).heading
    hits = tab.locator(".st-key-home_search [data-testid='stPageLink-NavLink']")
    labels = [label.split("\n")[-1].strip() for label in hits.all_inner_texts()]  # no icon
    assert wanted in labels[:2], labels
    link = hits.filter(has_text=wanted).first
    href = urlparse(link.get_attribute("href"))
    assert href.path.rsplit("/", 1)[-1] == topic, href
    assert parse_qs(href.query) == {"lang": [lang], "q": [question]}, href
    screenshot(tab, f"search-{lang}-desktop")
    link.click()
    settle(tab, ready="h1", timeout_ms=SLOW_MS)
    assert tab.url.split("?")[0].endswith(f"/{topic}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_screenshots_of_the_drill_and_the_search(server_url, browser, view, scheme):
    phone = view == "phone"
    context = browser.new_context(
        viewport=VIEWS[view], is_mobile=phone, has_touch=phone, color_scheme=scheme
    )
    tab = context.new_page()
    try:
        for lang in ("zh", "en"):
            open_drill(tab, server_url, lang)
            assert (
                tab.evaluate("() => document.documentElement.scrollWidth") <= VIEWS[view]["width"]
            )
            click(tab, "drill_show")
            grades = tab.locator(".st-key-drill_grades")
            assert grades.is_visible()
            box = grades.bounding_box()  # kept on screen at the bottom while the answer is long
            assert box["y"] + box["height"] <= VIEWS[view]["height"] + 1, box
            screenshot(tab, f"drill-{lang}-{view}-{scheme}")
            tab.goto(f"{server_url}/?lang={lang}")
            settle(tab, ready=".st-key-home_search", timeout_ms=SLOW_MS)
            box = tab.locator(".st-key-home_search input")
            box.fill("饱和" if lang == "zh" else "dying")
            box.press("Enter")
            settle(tab, ready=".st-key-home_search [data-testid='stPageLink-NavLink']")
            tab.locator(".st-key-home_search").scroll_into_view_if_needed()
            screenshot(tab, f"search-{lang}-{view}-{scheme}")
    finally:
        context.close()


def test_two_tabs_stay_in_step(server_url, tab):
    """A grade in one tab reaches the other tab's home page (the storage event), without a
    reload."""
    tab.goto(f"{server_url}/?lang=en")
    settle(tab, ready=".st-key-home_drill", timeout_ms=SLOW_MS)
    none_yet = lookup("drill.home_none", "en").split("{")[0]
    assert none_yet in tab.locator(".st-key-home_drill").inner_text()
    other = tab.context.new_page()
    open_drill(other, server_url)
    grade_by_mouse(other, 3)
    wait_stored(other, "Object.keys(p).length === 1")
    line = lookup("drill.topic_counts", "en").split("{")[0]
    tab.wait_for_function(
        "text => document.body.innerText.includes(text)", arg=f"{line}1 of", timeout=30_000
    )
    assert none_yet not in tab.locator(".st-key-home_drill").inner_text()
    other.close()


def test_the_language_switch_keeps_the_card_and_try_it_opens_its_experiment(server_url, tab):
    open_drill(tab, server_url, "en")
    first = load_topic(TOPICS[0].id, "zh").questions[0]
    tab.get_by_text(lookup("drill.choices", "en"), exact=True).click()
    tab.locator(".st-key-drill_mode button", has_text=lookup("drill.mode_cram", "en")).click()
    settle(tab, timeout_ms=SLOW_MS)
    tab.locator("[data-testid='stSidebar']").get_by_text("中文", exact=True).click()
    settle(tab, ready=HEADING, timeout_ms=SLOW_MS)
    assert heading(tab) == first.heading  # the same card, now in Chinese
    chips = tab.locator(".st-key-drill_topics_zh span[data-tag]").all_text_contents()
    assert len(chips) == len(TOPICS), chips  # every topic still chosen, named in Chinese
    chosen = tab.locator(".st-key-drill_mode [aria-checked='true']").all_text_contents()
    assert chosen == [lookup("drill.mode_cram", "zh")], chosen
    click(tab, "drill_show")
    button = tab.locator(f"{CARD} [class*='st-key-drill_try_'] button").first
    label = button.inner_text().split("\n")[-1].strip()  # "动手试试 · <tab>", after its icon
    experiment = label.split(" · ", 1)[1]
    button.click()
    settle(tab, ready=".st-key-qa_lab [role='tab'][aria-selected='true']", timeout_ms=SLOW_MS)
    assert urlparse(tab.url).path.endswith(f"/{TOPICS[0].id}")
    open_tab = tab.locator(".st-key-qa_lab [role='tab'][aria-selected='true']").inner_text()
    assert open_tab.strip() == experiment
