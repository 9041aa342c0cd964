"""Every widget of every page driven to its ends through AppTest: nothing may raise.

Widgets are found, not listed, so a new one is swept without touching this file; a page with
experiment tabs (ui.layout.experiment_tabs) is swept tab by tab, each opened in turn. Each
main-area widget is set to each of its ends (slider / number_input / select_slider: min and
max, a range also empty at both ends; selectbox / radio / segmented_control: every option;
multiselect: none and as many as allowed; toggle / checkbox: flipped; a text box: empty and full) and put back; widgets
that appear on the way are swept too. Then every button is pressed, once with every setting
at its low end and once at its high end. After every run: no uncaught exception, and the only
error boxes are the app's own "invalid input" message (ui/widgets.py show_bad_input).

Each change must take (the widget shows the value set). A widget that stays hidden or disabled
fails the test until ``context`` says what shows it. To keep the file quick: a page's
``cheap`` settings (sizes, epochs) are held while the others move and while buttons are
pressed, ``limits`` lowers a high end that would train for long, and the changes of
independent experiments share a run, one change each (``sections``: key prefixes, each
experiment a fragment of its own that catches its own errors; and each form).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from tests.app.conftest import open_app
from ui.i18n import LANGS, lookup
from ui.layout import tabs_key
from ui.pointers import is_pointer_key
from ui.topics import ALL_TOPICS

SETTINGS = ("slider", "select_slider", "number_input", "selectbox", "radio", "multiselect",
            "toggle", "checkbox", "button_group", "text_input", "text_area")  # fmt: skip
PRESSED = ("button",)
IGNORED = ("download_button",  # serves a file; on_click="ignore" means no rerun
           "file_uploader")  # AppTest cannot upload: the browser tests import files  # fmt: skip
BAD_INPUT = tuple(lookup("common.bad_input", lang).split("{")[0] for lang in LANGS)
Values = dict[str, object]


@dataclass(frozen=True)
class Page:
    path: str | None  # None: the home page
    langs: tuple[str, ...] = ("zh",)
    cheap: Values = field(default_factory=dict)  # held while others move and buttons are pressed
    sections: tuple[str, ...] = ()  # key prefixes of independent experiments
    context: dict[str, Values] = field(default_factory=dict)  # what shows / enables a widget
    limits: Values = field(default_factory=dict)  # a high end tried instead of the max (slow)
    last: tuple[str, ...] = ()  # buttons (key prefixes) pressed after the others
    joins: dict[str, str] = field(default_factory=dict)  # key prefix → the section it is in


PG_WIDEST = {"playground_advanced": True, "playground_layers": 6}
SETTINGS_BY_PAGE = {  # the longest first, so that two workers finish together
    "vanishing_gradients": Page(
        "pages/vanishing_gradients.py",
        cheap={
            "vanishing_gradients_sat_width": 32,
            "vanishing_gradients_sweep_width": 32,
            "vanishing_gradients_sweep_batch": 32,
            "vanishing_gradients_layer_width": 32,
            "vanishing_gradients_layer_steps": 1,
        },
        sections=(
            "vanishing_gradients_sat_",
            "vanishing_gradients_predict",
            "vanishing_gradients_sweep_",
            "vanishing_gradients_layer_",
            "vanishing_gradients_stats_",
        ),
        context={"vanishing_gradients_layer_std": {"vanishing_gradients_layer_init": "normal"}},
    ),
    "overfitting": Page(
        "pages/overfitting.py",
        cheap={
            "overfitting_epochs": 20,
            "overfitting_width": 4,
            "overfitting_depth": 1,
            "overfitting_k": 2,
            "overfitting_aug_copies": 1,
        },
        sections=("overfitting_w_",),
        limits={"overfitting_epochs": 100},  # 600 epochs of six networks: about 20 s
    ),
    "playground": Page(
        "pages/playground.py",
        ("en",),  # test_playground_page drives it in both languages
        context={f"playground_w{i}": PG_WIDEST for i in range(6)},
        last=("playground_preset_",),  # a preset replaces every setting
    ),
    "dropout": Page(
        "pages/dropout.py",
        ("en",),
        cheap={"dropout_ens_width": 16, "dropout_hurt_fine": False},
        sections=(
            "dropout_mask_",
            "dropout_conv_",
            "dropout_ens_",
            "dropout_over_",
            "dropout_hurt_",
        ),
    ),
    "relu": Page(
        "pages/relu.py",
        ("en",),
        cheap={
            "relu_time_n": 10_000,
            "relu_time_repeats": 3,
            "relu_dying_epochs": 5,
            "relu_var_seeds": 1,
        },
        sections=("relu_time_", "relu_sat_", "relu_sparse_", "relu_dying_", "relu_var_"),
        context={"relu_dying_measure": {"relu_dying_predict": "none"}},  # results after an answer
    ),
    "batch_norm": Page(
        "pages/batch_norm.py",
        ("en",),
        cheap={"batch_norm_t_epochs": 5, "batch_norm_t_depth": 2},
        sections=(
            "batch_norm_b_",
            "batch_norm_l_",
            "batch_norm_t_",
            "batch_norm_m_",
            "batch_norm_r_",
            "batch_norm_s_",
        ),
        # a prediction about an experiment is withdrawn when the settings it names change
        # (ui.widgets.predict_then_run): it moves with them, one change at a time
        joins={
            "batch_norm_predict_training": "batch_norm_t_",
            "batch_norm_predict_linear": "batch_norm_l_",
        },
        context={"batch_norm_t_log": {"batch_norm_predict_training": "both"}},
    ),
    "activations": Page("pages/activations.py", ("zh", "en")),
    "home": Page(None, ("zh", "en")),
    # the drill once the browser has sent its (empty) progress: AppTest runs no JavaScript
    "drill": Page("pages/drill.py", ("zh", "en"), cheap={"dlqa_progress": {}}),
}
# Every registered topic is swept: one not listed above is swept in English with no hints.
PAGES = SETTINGS_BY_PAGE | {
    topic.id: Page(topic.page_path, ("en",))
    for topic in ALL_TOPICS
    if topic.built and topic.id not in SETTINGS_BY_PAGE
}


# -- finding widgets and their ends -------------------------------------------------------------


def widgets(at: AppTest, kinds=SETTINGS) -> dict[str, Widget]:
    """The main area's widgets of ``kinds`` by key (the sidebar's vanish on AppTest reruns),
    but the Q&A text's "Try it" buttons: they open another tab (tests/app/test_pointers_and_links.py
    presses each)."""
    found = {}
    for node in at.main:
        if not isinstance(node, Widget) or is_pointer_key(node.key):
            continue
        assert node.type in (*SETTINGS, *PRESSED, *IGNORED), f"teach this sweep {node.type}"
        assert node.key, f"a {node.type} without a key: this sweep cannot find it again"
        if node.type in kinds:
            found[node.key] = node
    return found


def from_labels(at: AppTest, widget: Widget, labels):
    """The value the widget takes when the browser sends ``labels`` (options go as text).
    AppTest's set_value wants option values, but its tree only knows the labels: ask the
    widget's own deserializer (private, but the only place that maps labels back)."""
    state = at.session_state._state._state._new_widget_state
    return state.widget_metadata[widget.id].deserializer(labels)


def ends(at: AppTest, w: Widget, page: Page) -> list:
    """The values to try, low end first and high end last."""
    value = w.value
    ranged = isinstance(value, (list, tuple))
    if w.type in ("slider", "number_input"):
        assert w.min is not None and w.max is not None, f"{w.key}: an unbounded input"
        kind = type(value[0] if ranged else value)
        low, high = kind(w.min), kind(page.limits.get(w.key, w.max))
        return [(low, low), (high, high), (low, high)] if ranged else [low, high]
    if w.type == "select_slider":
        low, high = w.options[0], w.options[-1]
        pairs = [[low, low], [high, high], [low, high]] if ranged else [[low], [high]]
        return [from_labels(at, w, p) for p in pairs]
    if w.type in ("selectbox", "radio"):
        return [from_labels(at, w, o) for o in w.options]
    if w.type == "button_group":
        return [from_labels(at, w, [o]) for o in w.options]
    if w.type in ("text_input", "text_area"):  # empty, and as long as allowed, in both scripts
        most = w.max_chars or 1000
        return ["", ("饱和 Dying $x^*[(_ " * most)[:most]]
    if w.type == "multiselect":
        most = w.options[: w.max_selections or None]
        return [from_labels(at, w, []), from_labels(at, w, most)]
    return [False, True]  # toggle, checkbox


# -- running -------------------------------------------------------------------------------------


def check(at: AppTest, what: str) -> None:
    assert not at.exception, (what, [e.value for e in at.exception])
    errors = [e.value for e in at.error if not e.value.startswith(BAD_INPUT)]
    assert not errors, (what, errors)


def rerun(at: AppTest, what: str) -> None:
    at.run()
    check(at, what)


def apply(at: AppTest, values: dict[str, object], what: str) -> None:
    """Set the shown, enabled widgets among ``values``, submit their forms, run."""
    shown = widgets(at)
    forms = set()
    for key, value in values.items():
        if key in shown and not shown[key].disabled:
            shown[key].set_value(value)
            forms.add(shown[key].form_id)
    for button in widgets(at, PRESSED).values():
        if button.proto.is_form_submitter and button.form_id in forms:
            button.click()  # a form's widgets count only once it is submitted
    rerun(at, what)


def section_of(page: Page, w: Widget) -> str:
    if w.form_id:
        return f"form {w.form_id}"
    joined = next((s for p, s in page.joins.items() if w.key.startswith(p)), None)
    return joined or next((p for p in page.sections if w.key.startswith(p)), "")


def sweep_section(at: AppTest, page: Page, keys: list[str], done: dict[str, bool], form: bool):
    """Yield the changes for the widgets in ``keys`` (a list that may grow), one at a time:
    each widget to each of its ends and back. Each yield returns after the run that applied
    it. In a form, putting one widget back goes with the next one's first change, as a user
    edits several fields before submitting."""
    back: Values = {}
    for key in keys:
        context = page.context.get(key, {})
        shown = widgets(at)
        restore = {k: shown[k].value for k in context if k in shown}
        if context:
            yield {**back, **context}
            back = {}
        w = widgets(at).get(key)
        done[key] = w is not None and not w.disabled  # False: never shown or enabled
        if done[key]:
            original = w.value
            for value in [v for v in ends(at, w, page) if v != original]:
                yield {**back, key: value}
                back = {}
                now = widgets(at).get(key)
                assert now is None or now.value == value, (key, value, now.value)  # it took
            back |= {key: original} | restore
        if back and not form:
            yield back
            back = {}
    if back:
        yield back


def sweep(at: AppTest, page: Page) -> None:
    """Every widget to each of its ends and back; the sections' changes share runs."""
    keys: dict[str, list[str]] = {}
    done: dict[str, bool] = {}
    steps = {}
    while True:
        for key, w in widgets(at).items():  # widgets that appear on the way are swept too
            name = section_of(page, w)
            section = keys.setdefault(name, [])
            if key not in section:
                section.append(key)
            if name not in steps:
                steps[name] = sweep_section(at, page, section, done, bool(w.form_id))
        change: Values = {}
        for step in steps.values():
            change |= next(step, None) or {}
        if not change:
            break
        apply(at, change, ", ".join(f"{k}={v!r}" for k, v in change.items()))
    left = [k for section in keys.values() for k in section if not done.get(k)]
    assert not left, f"never shown or enabled: {left}; say what shows them in PAGES"


def settle_at(at: AppTest, page: Page, end: int) -> None:
    """Every setting at one end (0 low, -1 high), but the page's cheap ones; again while that
    brings in or rescales widgets (more layers, a wider maximum, new options)."""
    for _ in range(5):
        shown = widgets(at)
        targets = {k: ends(at, w, page)[end] for k, w in shown.items()
                   if k not in page.cheap and not w.disabled}  # fmt: skip
        off = {k: v for k, v in targets.items() if shown[k].value != v}
        if not off:
            return
        apply(at, {**off, **page.cheap}, f"every setting at end {end}")
    raise AssertionError(f"settings that do not stay at end {end}: {off}")


def show_tab(at: AppTest, name: str, label: str) -> None:
    """Open a tab as conftest.open_tab does, but let the app's own bad-input message stand (a
    tab may come back with its settings at an end)."""
    at.session_state[tabs_key(name)] = label
    rerun(at, f"open the tab {label}")


def press_buttons(at: AppTest, page: Page, label: str) -> set[str]:
    """Press each button once when it is enabled, in page order (``page.last`` ones last)."""
    pressed: set[str] = set()
    while True:
        shown = widgets(at, PRESSED)
        todo = [k for k, b in shown.items() if k not in pressed and not b.disabled]
        if not todo:
            return pressed
        key = min(todo, key=lambda k: k.startswith(page.last))  # the first of the earliest
        shown[key].click()
        rerun(at, f"{label}: {key}")
        pressed.add(key)


@pytest.mark.parametrize(
    ("name", "lang"), [(name, lang) for name, page in PAGES.items() for lang in page.langs]
)
def test_every_widget_at_its_ends_and_every_button_pressed(name, lang):
    page = PAGES[name]
    at = open_app(lang, timeout=300)
    for key, value in page.cheap.items():  # before the page's first run: no slow defaults
        at.session_state[key] = value
    if page.path:
        at.switch_page(page.path).run()
    check(at, "open")
    for tab in [tab.label for tab in at.tabs] or [None]:  # ui.layout.experiment_tabs
        if tab is not None:
            show_tab(at, name, tab)
        shown = widgets(at)
        assert {k: shown[k].value for k in page.cheap if k in shown} == {
            k: v for k, v in page.cheap.items() if k in shown
        }
        sweep(at, page)
        buttons = set(widgets(at, PRESSED))
        for end in (0, -1):
            settle_at(at, page, end)
            buttons -= press_buttons(at, page, f"{tab}, end {end}")
        assert not buttons, f"never enabled in {tab}: {buttons}"


TABBED = ("vanishing_gradients", "overfitting", "dropout", "relu", "batch_norm", "activations")


@pytest.mark.parametrize("name", TABBED)
def test_every_setting_in_a_tab_survives_a_visit_to_another_tab(name):
    """Each tab's widgets moved off their defaults (to an end, the page's cheap settings held),
    another tab opened and this one again: every widget shows what it showed before."""
    page = PAGES[name]
    at = open_app("en", timeout=300)
    for key, value in page.cheap.items():
        at.session_state[key] = value
    at.switch_page(page.path).run()
    labels = [tab.label for tab in at.tabs]
    assert len(labels) >= 2, "a page with experiment tabs"
    for i, label in enumerate(labels):
        show_tab(at, name, label)
        moves = {}
        for key, w in widgets(at).items():
            if key not in page.cheap and not w.disabled:
                moves[key] = next((v for v in ends(at, w, page) if v != w.value), w.value)
        apply(at, moves, f"{label}: every setting moved")
        kept = {key: w.value for key, w in widgets(at).items()}
        assert kept, f"{label} has no settings"
        show_tab(at, name, labels[(i + 1) % len(labels)])
        show_tab(at, name, label)
        assert {key: w.value for key, w in widgets(at).items()} == kept, label
