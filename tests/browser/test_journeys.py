"""A learner's path in each language: home, every topic in teaching order, then the playground.

The learner moves through the sidebar navigation (never by typing a URL). On each page they move
one slider, flip one toggle (or the page's closest equivalent) and run the page's experiment
where it has a run button; every step that should redraw a chart must change the charts' data.
Each page must render its formulas, show its Q&A text (the question headings, which the app
draws as h2, each anchored at its question id: ui/content.py) and raise no exception.

Untranslated strings are scanned on every page after the interactions (so that labels which
only appear after a run are seen too):

* English pages: the visible text of the main area and the sidebar, plus every chart's title,
  axis titles, legend entries and annotations, contain no CJK character — except the strings in
  ``EN_ALLOWED_CJK`` (the language switch's "中文", its bilingual label, the app's bilingual
  page title).
* Chinese pages: Chinese prose may cite English terms, so the scan looks at UI labels only —
  widget labels, radio options, selectbox values, button texts, tab labels, metric labels,
  expander headers, and the charts' titles, axis titles, legend entries and annotations (icon
  ligatures and KaTeX formulas removed). A label counts as left in English when
    - it has no CJK character and contains an English word (2+ letters) that is not in
      ``ZH_ALLOWED_WORDS`` (technical terms and proper names: ReLU, Sigmoid, Adam, Xavier, …), or
    - it has CJK characters but also an English phrase (two or more words in a row) with a word
      that is not in ``ZH_ALLOWED_WORDS`` (an untranslated fragment inside a Chinese label).
  Single English terms inside a Chinese label ("正态初始化的标准差 std", "轮次（epoch）"), and a
  term's English name in full-width brackets right after it ("随机深度（stochastic depth）"), pass:
  they are deliberate glossary terms. Plotly's placeholder titles ("Click to enter X axis
  title") are not drawn unless a chart is editable, so they are ignored.

Every request the page makes during the journey (HTTP and WebSocket) must go to the local
server, and the favicon the document links to must be local too (the browser fetches it
outside the page, where request events do not see it): nothing is fetched from the network.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import pytest

from scripts.local_app import CHART_DIGEST_JS, PLOTS_JS
from tests.browser.conftest import chart_count, screenshot, settle, wait_for_charts
from ui.content import load_topic
from ui.i18n import lookup

pytestmark = pytest.mark.browser

SLOW_MS = 240_000  # a page's first visit computes its default experiments on a shared machine
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
NO_HOST_SCHEMES = {"data", "blob", "about"}
EN_ALLOWED_CJK = ("语言 · Language", "中文", "深度学习问答 · Deep Learning Q&A Lab")
ZH_ALLOWED_WORDS = {
    # activations, layers, optimisers, initialisations, libraries and file formats
    "relu", "leaky", "prelu", "rrelu", "elu", "gelu", "silu", "softplus", "sigmoid", "tanh",
    "softmax", "dropout", "bn", "batchnorm", "adam", "sgd", "xavier", "he", "lecun", "numpy",
    "csv",
    # losses and number formats: names read the same in both languages
    "logit", "mse", "mae", "huber", "ece", "float",
    # notation that reads the same in both languages
    "lr", "std", "max", "min", "sin", "cos", "exp", "log", "ln", "epoch",
    # the language switch: its options and its bilingual label
    "english", "language",
}  # fmt: skip
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
EN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")
GLOSS = re.compile(r"(?<=[\u3400-\u9fff])（[A-Za-z][A-Za-z '-]*）")  # a term's English name
EN_PHRASE = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?:[ '-]+[A-Za-z]{2,})+(?![A-Za-z])")


# -- what a learner does on each page ---------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    """Press an arrow key ``presses`` times on a slider's thumb (small moves: cheap runs)."""

    key: str
    arrow: str
    presses: int | dict[str, int] = 1  # by language where the two must differ
    redraws: bool = True  # False: the page waits for its run button (or form) to apply it

    def times(self, lang: str) -> int:
        return self.presses[lang] if isinstance(self.presses, dict) else self.presses


@dataclass(frozen=True)
class Flip:
    """Click a toggle (or checkbox)."""

    key: str
    redraws: bool = True


@dataclass(frozen=True)
class Predict:
    """Commit to the first option of a predict-then-run question; the answer is revealed with
    the ``charts`` it held back (an answer runs the settings it was given for: a chart must
    change)."""

    key: str
    charts: int = 0


@dataclass(frozen=True)
class Open:
    """Click an experiment's tab (ui.layout.experiment_tabs): its charts replace the last's."""

    label: str  # the tab's i18n key
    charts: int  # Plotly charts the tab draws


@dataclass(frozen=True)
class Press:
    """Press a run / train button: a chart must change."""

    key: str


@dataclass(frozen=True)
class Visit:
    page: str
    charts: int = 0  # Plotly charts drawn on arrival, in the first tab (at least)
    actions: tuple = field(default=())
    topic: bool = True  # a topic page: Q&A text beside the experiments

    @property
    def nav_key(self) -> str:
        return "common.nav_home" if self.page == "home" else f"{self.page}.nav_title"


JOURNEY = (
    Visit("home", topic=False),
    Visit("activations", 2, (Slide("activations_z", "ArrowLeft", 2), Flip("activations_log_y"))),
    Visit(
        "vanishing_gradients",
        2,
        # no toggle on this page: the predict-then-run question is its two-way switch
        (
            Slide("vanishing_gradients_sat_depth", "ArrowLeft", 2),
            Open("vanishing_gradients.exp_sweep", 0),  # the sweeps wait for the prediction
            Predict("vanishing_gradients_predict", 2),
            Open("vanishing_gradients.exp_layers", 1),
            # 1 SGD step (en), 5 (zh): results are cached server-wide, and the train button
            # only shows for settings that have not run yet
            Slide(
                "vanishing_gradients_layer_steps", "ArrowRight", {"en": 1, "zh": 2}, redraws=False
            ),
            Press("vanishing_gradients_layer_train"),
        ),
    ),
    Visit(
        "relu",
        1,
        (
            Slide("relu_time_n", "ArrowLeft", 2, redraws=False),  # 10⁶ → 10⁵ elements
            Press("relu_time_run"),
            Open("relu.exp_saturation", 1),
            Slide("relu_sat_z", "ArrowRight", 2),
            Flip("relu_sat_log"),
        ),
    ),
    Visit(
        "losses",
        2,
        (
            Slide("losses_grad_range", "ArrowLeft", 1),  # ±10 → ±5: new curves
            Flip("losses_grad_log"),
            Open("losses.exp_overflow", 2),
            Slide("losses_of_high", "ArrowLeft", 1),
        ),
    ),
    Visit(
        "normalization",
        1,
        (
            Slide("normalization_axes_c", "ArrowLeft", 2),  # 6 → 4 channels: a new tensor
            Open("normalization.exp_place", 1),
            Slide("normalization_place_depth", "ArrowRight", 4),
            Flip("normalization_place_log"),
        ),
    ),
    Visit(
        "overfitting",
        0,  # the remedies' results wait for the prediction
        # the remedies: switch early stopping on, shorten its patience, then predict, which
        # trains them: 6 runs × (map + curves) + accuracy bars (the ensemble's chart is folded)
        (
            Flip("overfitting_on_early_stop", redraws=False),
            Slide("overfitting_patience", "ArrowLeft", 5, redraws=False),
            Predict("overfitting_predict", 13),
        ),
    ),
    Visit(
        "dropout",
        1,
        (
            Open("dropout.exp_hurts", 1),
            Slide("dropout_hurt_width", "ArrowLeft", 1, redraws=False),
            Flip("dropout_hurt_wide", redraws=False),  # off: only the narrow network trains
            Press("dropout_hurt_run"),
        ),
    ),
    Visit(
        "batch_norm",
        1,
        (
            Open("batch_norm.exp_training", 0),  # the curves wait for the prediction
            Slide("batch_norm_t_epochs", "ArrowLeft", 1, redraws=False),  # 20 → 15 epochs
            Predict("batch_norm_predict_training", 2),  # trains the 15 epochs
            Flip("batch_norm_t_log"),
        ),
    ),
    Visit(
        "playground",
        4,
        (
            Slide("playground_noise", "ArrowRight", 1),
            Flip("playground_show_test"),
            Press("playground_fast"),
        ),
        topic=False,
    ),
)


# -- reading the page -------------------------------------------------------------------------

# Text of an element without icon ligatures ("play_arrow") and without KaTeX (formulas).
CLEAN_JS = """
  const clean = (el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll(["[data-testid='stIconMaterial']", "[data-testid='stExpanderIcon']",
      "[data-testid='stTooltipIcon']", ".katex", "svg"].join(', ')).forEach(n => n.remove());
    return c.textContent.replace(/\\s+/g, ' ').trim();
  };
  const strip = (s) => String(s || '').replace(/<[^>]*>/g, '').replace(/\\s+/g, ' ').trim();
"""

CHART_TEXT_JS = """() => {
  CLEAN
  const out = [];
  for (const gd of (PLOTS)()) {
    const L = gd._fullLayout || {};
    const placeholders = new Set(Object.values(L._dfltTitle || {}).map(strip));
    const add = (s) => { s = strip(s); if (s && !placeholders.has(s)) out.push(s); };
    if (L.title) add(L.title.text);
    for (const k of Object.keys(L)) if (/^[xyz]axis\\d*$/.test(k) && L[k].title) add(L[k].title.text);
    for (const a of (L.annotations || [])) if (a.visible !== false) add(a.text);
    gd.querySelectorAll('.legendtext').forEach(e => add(e.textContent));
  }
  return out;
}""".replace("CLEAN", CLEAN_JS).replace("PLOTS", PLOTS_JS)

UI_LABELS_JS = """() => {
  CLEAN
  const roots = [document.querySelector("[data-testid='stMain']"),
                 document.querySelector("[data-testid='stSidebar']")].filter(Boolean);
  const selectors = ["[data-testid='stWidgetLabel']", "[data-testid='stRadioOption']",
    "[data-tag] [title]", "button", "[role='tab']", "[data-testid='stMetricLabel']",
    "[data-testid='stExpander'] summary", "[data-testid='stSidebarNavLink']",
    "[data-testid='stNavSectionHeader']", "[data-testid='stPageLink']"];
  const out = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll(selectors.join(', '))) out.push(clean(el));
    // a selectbox shows its value in a text input
    for (const el of root.querySelectorAll("input[role='combobox']")) out.push(el.value.trim());
  }
  return out.filter(Boolean);
}""".replace("CLEAN", CLEAN_JS)

VISIBLE_TEXT_JS = """() => ["[data-testid='stMain']", "[data-testid='stSidebar']"]
  .map(s => document.querySelector(s)).filter(Boolean).map(e => e.innerText).join('\\n')"""

FAVICONS_JS = """() => [...document.querySelectorAll("link[rel~='icon'], link[rel='shortcut icon']")]
  .map(l => l.href)"""


def digest(tab) -> str:
    return tab.evaluate(CHART_DIGEST_JS)


def wait_for_new_digest(tab, old: str, what: str) -> str:
    """Wait for the charts' data to differ from ``old``; fail naming the step if it never does."""
    try:
        tab.wait_for_function(
            f"() => ({CHART_DIGEST_JS})() !== {json.dumps(old)}", polling=250, timeout=SLOW_MS
        )
    except Exception as err:  # the timeout, reported as the step that did not redraw
        errors = tab.locator("[data-testid='stException']").all_inner_texts()
        pytest.fail(f"{what}: no chart changed ({type(err).__name__}); exceptions: {errors}")
    settle(tab, timeout_ms=SLOW_MS)
    new = digest(tab)
    assert new != old, what
    return new


def keyed(tab, key: str):
    """The element Streamlit wraps around a widget created with ``key=``."""
    return tab.locator(f".st-key-{key}")


def thumb(tab, key: str):
    """A slider's first thumb: a visually hidden ``<input type=range>``."""
    return keyed(tab, key).locator("input[type='range']").first


def slider_value(tab, key: str) -> str:
    return thumb(tab, key).get_attribute("aria-valuetext")


def shows_new(tab, key: str, selector: str, read: str, old) -> None:
    """Give the widget a moment to show its new value (no failure here: the caller asserts)."""
    script = f"""([key, old]) => {{
      const el = document.querySelector(`.st-key-${{key}} {selector}`);
      return el && el.{read} !== old;
    }}"""
    with contextlib.suppress(Exception):
        tab.wait_for_function(script, arg=[key, old], timeout=15_000)


def toggled(tab, key: str) -> bool:
    return keyed(tab, key).locator("input[type='checkbox']").is_checked()


# -- the language scans -----------------------------------------------------------------------


def cjk_left(text: str) -> list[str]:
    for allowed in EN_ALLOWED_CJK:
        text = text.replace(allowed, " ")
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


def english_left(label: str) -> bool:
    """A Chinese page's UI label that was left in English (the rule in the module docstring)."""
    if not CJK.search(label):
        return any(w.lower() not in ZH_ALLOWED_WORDS for w in EN_WORD.findall(label))
    unglossed = GLOSS.sub("", label)  # "随机深度（stochastic depth）": the English is a gloss
    return any(
        any(w.lower() not in ZH_ALLOWED_WORDS for w in EN_WORD.findall(phrase))
        for phrase in EN_PHRASE.findall(unglossed)
    )


def test_the_scan_rules_flag_what_they_should():
    assert english_left("Run timing") and english_left("Epochs") and english_left("训练 some run")
    assert not english_left("Leaky ReLU") and not english_left("sigmoid σ(z)")
    assert not english_left("正态初始化的标准差 std") and not english_left("轮次（epoch）")
    assert not english_left("x1") and not english_left("lr=0.3 · 无 BN")
    assert not english_left("什么是随机深度（stochastic depth）？")  # a gloss after its term
    assert english_left("随机深度 stochastic depth") and english_left("（stochastic depth）")
    assert cjk_left("中文\nEnglish\n语言 · Language\nRun") == []
    assert cjk_left("Run\n运行") == ["运行"]


def untranslated(tab, lang: str) -> list[str]:
    labels = tab.evaluate(UI_LABELS_JS) + tab.evaluate(CHART_TEXT_JS)
    assert labels, "the scan found no labels at all"
    if lang == "en":
        texts = [tab.evaluate(VISIBLE_TEXT_JS), *labels]
        return sorted({line for text in texts for line in cjk_left(text)})
    return sorted({label for label in labels if english_left(label)})


# -- one page of the journey ------------------------------------------------------------------


def arrive(tab, visit: Visit, lang: str, click: bool = True) -> None:
    """Click the page's sidebar link and wait until its title and charts are drawn."""
    if click:
        link = tab.locator("[data-testid='stSidebarNavLink']", has_text=lookup(visit.nav_key, lang))
        link.click()  # strict: exactly one link carries the page's name
    title = lookup("common.app_title" if visit.page == "home" else f"{visit.page}.title", lang)
    tab.wait_for_function(
        "t => { const h = document.querySelector('h1'); return h && h.innerText.trim() === t; }",
        arg=title,
        timeout=SLOW_MS,
    )
    settle(tab, timeout_ms=SLOW_MS)
    if visit.charts:
        wait_for_charts(tab, visit.charts, timeout_ms=SLOW_MS)
        settle(tab, timeout_ms=SLOW_MS)
    path = urlparse(tab.url).path.strip("/")
    assert path == ("" if visit.page == "home" else visit.page), tab.url
    assert f"lang={lang}" in tab.url


def act(tab, visit: Visit, lang: str) -> None:
    """The learner's moves on the page, each checked for its effect."""
    before = digest(tab)
    for action in visit.actions:
        what = f"{visit.page}: {action}"
        if isinstance(action, Slide):
            old = slider_value(tab, action.key)
            thumb(tab, action.key).focus()
            for _ in range(action.times(lang)):
                tab.keyboard.press(action.arrow)
            shows_new(tab, action.key, "input[type='range']", "getAttribute('aria-valuetext')", old)
            if not action.redraws:  # (else the wait for the redraw below settles)
                settle(tab, timeout_ms=SLOW_MS)
            assert slider_value(tab, action.key) != old, what
        elif isinstance(action, Flip):
            old = toggled(tab, action.key)
            keyed(tab, action.key).locator("label").first.click()
            shows_new(tab, action.key, "input[type='checkbox']", "checked", old)
            if not action.redraws:
                settle(tab, timeout_ms=SLOW_MS)
            assert toggled(tab, action.key) != old, what
        elif isinstance(action, Predict):
            keyed(tab, action.key).locator("[data-testid='stRadioOption']").first.click()
            settle(tab, timeout_ms=SLOW_MS)
            reveal = tab.get_by_text(lookup("common.predict_reveal", lang), exact=True)
            reveal.wait_for(timeout=SLOW_MS)
            before = wait_for_new_digest(tab, before, what)
            wait_for_charts(tab, action.charts, timeout_ms=SLOW_MS)
            settle(tab, timeout_ms=SLOW_MS)
        elif isinstance(action, Press):
            button = keyed(tab, action.key).locator("button").first  # (a tooltip wraps a copy)
            button.wait_for(timeout=SLOW_MS)
            button.click()
        elif isinstance(action, Open):
            tab.get_by_role("tab", name=lookup(action.label, lang), exact=True).click()
        if isinstance(action, (Press, Open)) or getattr(action, "redraws", False):
            before = wait_for_new_digest(tab, before, what)
        else:
            before = digest(tab)
        if isinstance(action, Open):
            wait_for_charts(tab, action.charts, timeout_ms=SLOW_MS)
            settle(tab, timeout_ms=SLOW_MS)
            before = digest(tab)


def check_page(tab, visit: Visit, lang: str) -> None:
    assert tab.locator("[data-testid='stException']").count() == 0, visit.page
    if visit.page == "home":
        for topic in JOURNEY[1:]:
            heading = tab.get_by_role("heading", name=lookup(topic.nav_key, lang), exact=True)
            assert heading.first.is_visible(), topic.page
        assert tab.locator("[data-testid='stPageLink']").count() >= len(JOURNEY) - 1
        return
    assert tab.locator(".katex").count() > 0, visit.page  # every page below has formulas
    assert chart_count(tab) >= 1, visit.page
    if visit.topic:
        questions = [q.heading for q in load_topic(visit.page, lang).questions]
        shown = [h.strip() for h in tab.locator(".st-key-qa_text h2").all_inner_texts()]
        missing = [q for q in questions if q not in shown]
        assert questions and not missing, (visit.page, missing)
        first = tab.locator(".st-key-qa_text h2", has_text=questions[0]).first
        assert first.is_visible(), visit.page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_learners_path_through_every_page(server_url, page, lang):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda socket: requests.append(socket.url))
    page.goto(f"{server_url}/?lang={lang}")
    settle(page, ready="h1", timeout_ms=SLOW_MS)

    leftovers: dict[str, list[str]] = {}
    favicons: set[str] = set()
    for i, visit in enumerate(JOURNEY):
        arrive(page, visit, lang, click=i > 0)  # the journey starts on the home page
        act(page, visit, lang)
        check_page(page, visit, lang)
        if found := untranslated(page, lang):
            leftovers[visit.page] = found
        favicons.update(page.evaluate(FAVICONS_JS))
        screenshot(page, f"journey-{lang}-{i:02d}-{visit.page}")

    assert not leftovers, f"untranslated strings on {lang} pages: {leftovers}"
    fetched = requests + sorted(favicons)
    assert len(requests) > len(JOURNEY)  # the recorder saw the journey
    remote = [
        url
        for url in fetched
        if urlparse(url).scheme not in NO_HOST_SCHEMES and urlparse(url).hostname not in LOCAL_HOSTS
    ]
    assert not remote, f"fetched from the network: {sorted(set(remote))}"
    # Every chart is drawn by the app's component with plotly.js's cartesian bundle, fetched
    # once; Streamlit's own chart code (full plotly.js, 4.7 MB) is never loaded.
    scripts = [urlparse(url).path.rsplit("/", 1)[-1] for url in requests]
    assert scripts.count("plotly-cartesian.min.js") == 1, scripts
    assert not [name for name in scripts if name.startswith("PlotlyChart")], scripts


# -- a shared link ----------------------------------------------------------------------------

# The value every playground widget shows, by key (sliders: each thumb's text).
PLAYGROUND_WIDGETS_JS = """() => {
  const out = {};
  for (const el of document.querySelectorAll("[class*='st-key-playground_']")) {
    const key = [...el.classList].find(c => c.startsWith('st-key-playground_')).slice('st-key-'.length);
    const ranges = el.querySelectorAll("input[type='range']");
    const box = el.querySelector("input[type='checkbox']");
    const combo = el.querySelector("input[role='combobox']");
    const number = el.querySelector("input[type='number']");
    const radio = el.querySelector("input[type='radio']:checked");
    if (ranges.length) out[key] = [...ranges].map(r => r.getAttribute('aria-valuetext'));
    else if (box) out[key] = box.checked;
    else if (combo) out[key] = combo.value;
    else if (number) out[key] = number.value;
    else if (radio) out[key] = radio.closest("[data-testid='stRadioOption']").innerText.trim();
  }
  return out;
}"""


def open_playground(tab) -> None:
    wait_for_charts(tab, 4, timeout_ms=SLOW_MS)
    settle(tab, timeout_ms=SLOW_MS)


def query_value(tab, key: str) -> str | None:
    return tab.evaluate("k => new URLSearchParams(location.search).get(k)", key)


def wait_for_query(tab, key: str, value: str | None, changed: bool = False) -> None:
    """Wait until the URL's ``key`` is ``value`` (or, with ``changed``, is no longer ``value``).
    A run writes the URL before it trains or draws, so a minute is ample."""
    tab.wait_for_function(
        "([k, v, changed]) => (new URLSearchParams(location.search).get(k) === v) !== changed",
        arg=[key, value, changed],
        timeout=60_000,
    )
    settle(tab, timeout_ms=SLOW_MS)


def neutral(widgets: dict) -> dict:
    """The language-neutral part of a widget snapshot: sliders, switches, numbers."""
    return {k: v for k, v in widgets.items() if not isinstance(v, str) or re.fullmatch(r"-?\d+", v)}


def test_shared_url_opens_as_shared(server_url, browser, page):
    """Set the playground up by hand, switch to English, share the URL: a new browser context
    opens the same set-up, in English. (test_playground_page opens a URL built by the core's
    encoder; this is the round trip from the widgets through the address bar.)

    The first context is compared with the second on language-neutral values (sliders,
    switches, numbers) and on the URL's query: after a language switch Streamlit 1.67 keeps
    showing a selectbox's or radio's option label in the old language (the displayed value is
    the formatted label), so the first context's labels are not a reference. The second context
    must be English throughout (the same scan as the journey's) and show the chosen data set."""
    page.goto(f"{server_url}/?lang=zh")
    settle(page, ready="h1", timeout_ms=SLOW_MS)
    arrive(page, JOURNEY[-1], "zh")
    open_playground(page)
    default = page.evaluate(PLAYGROUND_WIDGETS_JS)
    assert len(default) >= 15, default

    # each change is written to the URL by the run it starts: wait for it before the next one
    page.locator(".st-key-playground_dataset input[role='combobox']").click()
    page.get_by_role("option", name=lookup("playground.ds_xor", "zh"), exact=True).click()
    wait_for_query(page, "dataset", "xor")
    noise = query_value(page, "noise")
    thumb(page, "playground_noise").focus()
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    wait_for_query(page, "noise", noise, changed=True)
    settle(page)  # the URL is written early in the run: click once the run is over, as a person
    keyed(page, "playground_discretize").locator("label").first.click()
    wait_for_query(page, "discrete", "1")
    settle(page)
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="English").click()
    page.wait_for_function(
        "t => document.querySelector('h1').innerText.trim() === t",
        arg=lookup("playground.title", "en"),
        timeout=SLOW_MS,
    )
    open_playground(page)
    shared = page.evaluate(PLAYGROUND_WIDGETS_JS)
    changed = {k for k in shared if shared[k] != default.get(k)}
    assert {"playground_dataset", "playground_noise", "playground_discretize"} <= changed, changed
    url = page.url
    query = parse_qs(urlparse(url).query)
    assert query["lang"] == ["en"] and query["dataset"] == ["xor"], url
    charts = digest(page)

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    try:
        tab = other.new_page()
        tab.goto(url)
        settle(tab, ready="h1", timeout_ms=SLOW_MS)
        open_playground(tab)
        assert tab.locator("h1").first.inner_text() == lookup("playground.title", "en")
        assert parse_qs(urlparse(tab.url).query) == query
        opened = tab.evaluate(PLAYGROUND_WIDGETS_JS)
        assert shared.keys() <= opened.keys()  # (a radio whose label changed shows no choice)
        assert neutral(opened) == neutral(shared)
        assert opened["playground_dataset"] == lookup("playground.ds_xor", "en")
        assert untranslated(tab, "en") == []
        assert digest(tab) == charts  # same data, same initial network: the same charts
        assert tab.locator("[data-testid='stException']").count() == 0
        screenshot(tab, "journey-shared-url-en")
    finally:
        other.close()
