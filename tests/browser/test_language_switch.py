"""A language switch keeps every choice, in Chromium (issue 24, items 1 and 2).

Streamlit sends a choice widget's value back from the browser as its *shown* label; after a
switch the browser still held the old language's label, which no option matched any more: a
radio came back with nothing chosen, a selectbox kept showing the old label and lost the choice
on the next click, and the playground crashed on its next run (``KeyError: 'Classification'``).
AppTest does not see this (it sends values, not labels), so these run in a real browser.

On every page of the registry, tab by tab: one choice is moved off its default (a select slider
where the tab has no other choice) and every predict-then-run question is answered, the language
is switched with the tab open, and the choice and the answer must be shown, in the new language,
with the results still revealed and no exception box; at the end every tab is opened again (its
choice and answer were kept through the later switches, closed). One switch lands mid-run (the
overfitting remedies training at a large set-up, started by answering their question). The playground is also switched while playing: play, step and
every choice still work.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import screenshot, settle
from tests.browser.test_playground_page import EPOCH_JS, poll
from ui.i18n import LANG_NAMES, lookup
from ui.topics import ALL_TOPICS

pytestmark = pytest.mark.browser

SLOW = 180_000  # ms: two shared cores, several builders' servers and browsers at once
SIDEBAR = "[data-testid='stSidebar']"
EXCEPTION = "[data-testid='stException']"


@dataclass(frozen=True)
class Choice:
    """One widget (by key) and the option to choose, as it is shown in a language."""

    key: str
    shown: Callable[[str], str]
    answer: bool = False  # a predict-then-run question (ui.widgets.predict_then_run)


def named(key: str, text_key: str, **fmt: object) -> Choice:
    """An option shown by its translated name (``text_key`` in the strings files)."""
    return Choice(key, lambda lang: lookup(text_key, lang).format(**fmt))


def same(key: str, text: str) -> Choice:
    """An option whose name is the same in both languages (a number, a function's name)."""
    return Choice(key, lambda lang: text)


def answer(key: str, text_key: str) -> Choice:
    """The learner's prediction: the option named ``text_key``. Answered, the question shows it
    as text (the radio gone) and reveals the measured answer below."""
    return Choice(key, lambda lang: lookup(text_key, lang), answer=True)


# One entry per experiment tab, in the tabs' order (the test checks that every tab has one).
CHOICES: dict[str, list[list[Choice]]] = {
    "activations": [
        [same("activations_names", "ELU")],  # multiselect: one more
        [],  # tanh vs sigmoid: a range slider only (the tab must still survive the switch)
        [same("activations_check_name", "Tanh")],
    ],
    "vanishing_gradients": [
        [named("vanishing_gradients_sat_init", "vanishing_gradients.init_he")],
        [
            same("vanishing_gradients_sweep_depth", "30"),
            answer("vanishing_gradients_predict", "vanishing_gradients.predict_smaller"),
        ],
        [named("vanishing_gradients_layer_init", "vanishing_gradients.init_lecun")],
        [same("vanishing_gradients_stats_act", "ReLU")],
    ],
    "relu": [
        [named("relu_time_kernels", "relu.kernels_engine")],
        [],  # non-saturating: a range slider only
        [
            named("relu_sparse_stage", "relu.stage_init"),
            named("relu_sparse_layer", "relu.layer_short", i=2),
        ],
        [
            answer("relu_dying_predict", "relu.dying_opt_some"),
            named("relu_dying_measure", "relu.measure_inactive"),
        ],
        [same("relu_var_noise", "0.5")],
    ],
    "overfitting": [
        [same("overfitting_l2", "0.1"), answer("overfitting_predict", "overfitting.rem_l2")],
        [named("overfitting_w_layer", "overfitting.layer_option", i=2, n_in=16, n_out=16)],
    ],
    "dropout": [
        [same("dropout_mask_depth", "3")],
        [
            same("dropout_conv_masks", "100,000"),
            answer("dropout_conv_predict", "dropout.conv_opt_double"),
        ],
        [
            named("dropout_ens_data", "dropout.ds_xor"),
            answer("dropout_ens_predict", "dropout.ens_opt_50"),
        ],
        [named("dropout_over_metric", "dropout.over_acc")],  # segmented control
        [same("dropout_hurt_width", "8")],
    ],
    "batch_norm": [
        [named("batch_norm_b_layer", "common.layer", i=3)],
        [answer("batch_norm_predict_linear", "batch_norm.predict_linear_p70")],
        [
            same("batch_norm_t_act", "Sigmoid"),
            answer("batch_norm_predict_training", "batch_norm.predict_training_both"),
        ],
        [named("batch_norm_r_layer", "common.layer", i=1)],
    ],
    "losses": [
        [named("losses_grad_y", "losses.target_0")],  # segmented control
        [named("losses_race_opt", "losses.opt_adam")],
        [named("losses_of_kind", "losses.kind_sigmoid"), same("losses_of_high", "1,000")],
        [named("losses_heads_labels", "losses.heads_class", k=2)],  # multiselect: one more
        [same("losses_ls_eps", "0.2")],
        [same("losses_rb_n", "5")],
    ],
    "normalization": [
        [same("normalization_axes_kind", "GroupNorm"), same("normalization_axes_ch", "3")],
        [same("normalization_sweep_epochs", "15")],
        [same("normalization_modes_m", "8")],
        [same("normalization_lr_depth", "4")],
        [same("normalization_place_width", "32")],
    ],
    "optimizers": [
        [named("optimizers_surface", "optimizers.surface_saddle")],
        [same("optimizers_beta2", "0.99")],
        [same("optimizers_l2", "0.003")],
        [named("optimizers_schedule_opt", "optimizers.opt_adam")],  # segmented control
        [named("optimizers_scaling_opt", "optimizers.opt_momentum")],
    ],
    "residual": [
        [named("residual_sym_init", "residual.init_orthogonal"), same("residual_sym_width", "16")],
        [same("residual_deg_shallow", "4")],
        [same("residual_depth_depths", "35"), same("residual_depth_epochs", "20")],
        [same("residual_order_blocks", "8")],
        [same("residual_zero_epochs", "20")],
        [same("residual_iso_depth", "40")],
    ],
    "playground": [
        [
            named("playground_norm", "playground.norm_layer"),
            named("playground_problem", "playground.problem_regression"),
            named("playground_dataset", "playground.ds_reg_gauss"),
            named("playground_reg", "playground.reg_l2"),
            named("playground_opt", "playground.opt_momentum"),
            named("playground_diag", "playground.diag_dead"),
        ]
    ],
}

# What a choice widget shows now: its kind (by Streamlit's test id) and its chosen label(s).
SHOWN_JS = """key => {
  const box = document.querySelector('.st-key-' + key);
  if (!box) return null;
  const text = e => e.innerText.trim();
  const kind = box.querySelector('[data-testid]').dataset.testid;
  if (kind === 'stRadio')
    return [kind, [...box.querySelectorAll('label[data-selected=true]')].map(text)];
  if (kind === 'stSelectbox') return [kind, [box.querySelector('input').value]];
  if (kind === 'stButtonGroup')
    return [kind, [...box.querySelectorAll('[role=radio][aria-checked=true]')].map(text)];
  if (kind === 'stMultiSelect')
    return [kind, [...box.querySelectorAll('[data-tag]')].map(e => e.getAttribute('aria-label'))];
  const thumbs = [...box.querySelectorAll('input[type=range]')];
  if (thumbs.length) return ['stSlider', thumbs.map(i => i.getAttribute('aria-valuetext'))];
  return [kind, []];
}"""


def shown(page, key: str) -> tuple[str, list[str]]:
    with contextlib.suppress(PlaywrightTimeout):  # a widget still drawing shows a skeleton
        page.wait_for_function(
            """key => { const e = document.querySelector('.st-key-' + key + ' [data-testid]');
                        return e && e.dataset.testid !== 'stSkeleton'; }""",
            arg=key,
            timeout=SLOW,
        )
    value = page.evaluate(SHOWN_JS, key)
    assert value is not None, f"no widget keyed {key} on {page.url}"
    return value[0], value[1]


def answered(page, choice: Choice, lang: str) -> str:
    """What the question ``choice.key`` says the learner predicted ("" while it asks), once
    the measured answer is revealed below it (the run the answer starts has finished)."""
    box = page.locator(f".st-key-{choice.key}_box")
    said = f"{lookup('common.your_prediction', lang)}: {choice.shown(lang)}"
    page.wait_for_function(
        """([key, said, reveal]) => {
          const box = document.querySelector('.st-key-' + key + '_box');
          const summaries = [...document.querySelectorAll('[data-testid=stExpander] summary')];
          return box && box.innerText.includes(said)
            && summaries.some(s => s.innerText.includes(reveal));
        }""",
        arg=[choice.key, said, lookup("common.predict_reveal", lang)],
        timeout=SLOW,
    )
    return box.inner_text()


def choose(page, choice: Choice, lang: str, wait: bool = True) -> None:
    """Pick ``choice`` as a learner would, and (``wait``) wait for the run it starts."""
    box = page.locator(f".st-key-{choice.key}")
    if choice.answer:
        box.locator("label[data-testid='stRadioOption']", has_text=choice.shown(lang)).click()
        if wait:
            settle(page, timeout_ms=SLOW)
            answered(page, choice, lang)
        return
    kind, _ = shown(page, choice.key)
    label = choice.shown(lang)
    if kind == "stRadio":
        box.locator("label[data-testid='stRadioOption']", has_text=label).click()
    elif kind in ("stSelectbox", "stMultiSelect"):
        option = page.get_by_role("option", name=label, exact=True)
        for _ in range(3):  # a first click may only focus the box (just after a redraw)
            box.locator("input").first.click()
            with contextlib.suppress(PlaywrightTimeout):
                option.wait_for(timeout=3_000)
                break
        option.click()
        page.keyboard.press("Escape")
    elif kind == "stButtonGroup":
        box.get_by_role("radio", name=label, exact=True).click()
    elif kind == "stSlider":
        box.locator("input[type=range]").first.focus()
        for key in ("ArrowRight", "ArrowLeft"):  # towards the end, then back if it is not there
            value = None
            while (now := shown(page, choice.key)[1][0]) not in (label, value):
                value = now
                page.keyboard.press(key)
    else:
        raise AssertionError(f"{choice.key}: no way to choose in a {kind}")
    settle(page, timeout_ms=SLOW)
    assert label in shown(page, choice.key)[1], (choice.key, label, shown(page, choice.key))


def switch_language(page, lang: str) -> None:
    page.locator(SIDEBAR).get_by_role("radio", name=LANG_NAMES[lang]).click()
    page.wait_for_function(
        "lang => new URLSearchParams(location.search).get('lang') === lang", arg=lang, timeout=SLOW
    )
    settle(page, timeout_ms=SLOW)


def experiment_tabs(page):
    return page.locator("[data-testid='stTabs']").first.get_by_role("tab")


def assert_kept(page, choices: list[Choice], lang: str, where: str) -> None:
    for choice in choices:
        if choice.answer:  # still answered (not asked again), named in the new language
            try:
                answered(page, choice, lang)
            except Exception as err:  # the timeout, reported as what the question shows
                box = page.locator(f".st-key-{choice.key}_box")
                text = box.inner_text() if box.count() else "no question"
                raise AssertionError(
                    f"{where}: {choice.key} shows {text!r} after the switch, not the answer "
                    f"{choice.shown(lang)!r} with its reveal ({type(err).__name__})"
                ) from None
            continue
        kind, labels = shown(page, choice.key)
        assert choice.shown(lang) in labels, (
            f"{where}: {choice.key} ({kind}) shows {labels} after the switch, "
            f"not {choice.shown(lang)!r}"
        )
    assert page.locator(EXCEPTION).count() == 0, f"{where}: an exception box after the switch"


def other_language(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


@pytest.mark.parametrize("topic", [topic.id for topic in ALL_TOPICS])
def test_a_language_switch_keeps_every_tabs_choice(server_url, page, topic):
    """Tab by tab: choose, switch with the tab open, check; then every tab again (closed tabs
    kept their values through the later switches). Pages start in alternate languages."""
    lang = "en" if [t.id for t in ALL_TOPICS].index(topic) % 2 else "zh"
    page.goto(f"{server_url}/{topic}?lang={lang}")
    settle(page, ready="h1", timeout_ms=SLOW)
    tabs = experiment_tabs(page)
    per_tab = CHOICES[topic]
    n_tabs = max(tabs.count(), 1)  # the playground is one page, no tabs
    assert len(per_tab) == n_tabs, f"{topic} has {n_tabs} tabs: give each its choice here"

    for index, choices in enumerate(per_tab):
        where = f"{topic} tab {index + 1}"
        if tabs.count():
            tabs.nth(index).click()
            settle(page, timeout_ms=SLOW)
        for choice in choices:
            choose(page, choice, lang)
        lang = other_language(lang)
        switch_language(page, lang)
        if tabs.count():  # the open tab stays open
            assert tabs.nth(index).get_attribute("aria-selected") == "true", where
        assert_kept(page, choices, lang, f"{where} (open while switching)")
    screenshot(page, f"language-switch-{topic}-{lang}")

    for index, choices in enumerate(per_tab[: len(per_tab) - 1]):
        tabs.nth(index).click()
        settle(page, timeout_ms=SLOW)
        assert_kept(page, choices, lang, f"{topic} tab {index + 1} (after later switches)")


def slide_to_end(page, key: str) -> None:
    """A slider's thumb to its largest value (the End key), waiting for the run it starts."""
    page.locator(f".st-key-{key} input[type=range]").first.focus()
    page.keyboard.press("End")
    settle(page, timeout_ms=SLOW)


def test_a_switch_mid_run_keeps_the_answer_and_the_settings(server_url, page):
    """Overfitting: the default set-up's results first (the question skipped), then a large
    set-up (400 examples, 600 epochs: its remedies train for about 10 s); "Predict again", and
    answering starts the runs. The language is switched while their progress
    bar shows: the runs finish in the new language for the answer and the set-up chosen, and
    no notice says the results are for other settings."""
    page.goto(f"{server_url}/overfitting?lang=en")
    settle(page, ready="h1", timeout_ms=SLOW)
    page.locator(".st-key-overfitting_predict_skip button").click()
    settle(page, timeout_ms=SLOW)
    dataset = named("overfitting_ds", "overfitting.ds_circles")
    choose(page, dataset, "en")
    slide_to_end(page, "overfitting_n_train")
    slide_to_end(page, "overfitting_epochs")
    setup = [dataset, same("overfitting_n_train", "400"), same("overfitting_epochs", "600")]
    assert_kept(page, setup, "en", "overfitting set-up")
    page.locator(".st-key-overfitting_predict_again button").click()  # (a skip stays skipped)
    settle(page, timeout_ms=SLOW)
    question = answer("overfitting_predict", "overfitting.rem_dropout")
    choose(page, question, "en", wait=False)
    page.locator("[data-testid='stProgress']").first.wait_for(timeout=SLOW)
    switch_language(page, "zh")
    assert_kept(page, [*setup, question], "zh", "overfitting, switched mid-run")
    stale = lookup("common.settings_changed", "zh").split("{")[0]
    assert page.get_by_text(stale).count() == 0, "the results are for other settings"
    screenshot(page, "language-switch-overfitting-mid-run-zh")


# -- the playground: a switch before and while playing -----------------------------------------

PLAY = ".st-key-playground_play button"


def epoch(page) -> int | None:
    return page.evaluate(EPOCH_JS)


def test_play_works_after_a_switch(server_url, page):
    """Issue 24's report, step by step: open it in English, switch to 中文, press 播放.
    Regression: ``KeyError: 'Classification'`` replaced the whole page."""
    page.goto(f"{server_url}/playground?lang=en")
    settle(page, ready=".js-plotly-plot", timeout_ms=SLOW)
    switch_language(page, "zh")
    page.locator(PLAY).first.click()
    assert poll(page, EPOCH_JS, lambda e: e is not None and e > 0) > 0, "播放 did not play"
    assert page.locator(EXCEPTION).count() == 0
    assert shown(page, "playground_problem")[1] == [
        lookup("playground.problem_classification", "zh")
    ]


def test_a_switch_while_playing_keeps_the_run_and_every_choice(server_url, page):
    """Switch the language twice while the run plays (its fragment reruns every 0.2 s): it
    goes on playing with the choices made before, then Pause and Step work."""
    page.goto(f"{server_url}/playground?lang=zh")
    settle(page, ready=".js-plotly-plot", timeout_ms=SLOW)
    choices = CHOICES["playground"][0]
    for choice in choices:
        choose(page, choice, "zh")
    page.locator(PLAY).first.click()
    assert poll(page, EPOCH_JS, lambda e: e is not None and e > 0) > 0
    for lang in ("en", "zh"):
        switch_language(page, lang)
        playing = epoch(page)
        assert poll(page, EPOCH_JS, lambda e, n=playing: e is not None and e > n) > playing, (
            f"the run stopped playing after the switch to {lang}"
        )
        assert_kept(page, choices, lang, f"playground, playing, switched to {lang}")
    screenshot(page, "language-switch-playground-playing")

    page.locator(PLAY).first.click()  # pause
    label = lookup("playground.play", "zh")
    poll(page, f"() => document.querySelector('{PLAY}').innerText", lambda text: label in text)
    settle(page, timeout_ms=SLOW)
    page.wait_for_timeout(1_000)  # a redraw already under way may still land
    paused = epoch(page)
    page.locator(".st-key-playground_step button").first.click()
    assert poll(page, EPOCH_JS, lambda e: e == paused + 1) == paused + 1, "Step did not step"
    assert_kept(page, choices, "zh", "playground, paused and stepped")


# -- what a link's language and playground values become (issue 24, item 4) --------------------


def test_a_links_language_in_any_case_and_an_unknown_one_said_in_both(server_url, page):
    page.goto(f"{server_url}/relu?lang=EN")
    settle(page, ready="h1", timeout_ms=SLOW)
    assert page.locator("h1").first.inner_text().strip() == lookup("relu.title", "en")
    assert "lang=en" in page.url  # written back as the app writes it

    garbage = "lr=abc&act=nope&problem=classification&dataset=plane&noise=9"
    page.goto(f"{server_url}/playground?lang=xx&{garbage}")
    settle(page, ready=".js-plotly-plot", timeout_ms=SLOW)
    assert page.locator("h1").first.inner_text().strip() == lookup("playground.title", "zh")
    alerts = page.locator("[data-testid='stAlert']").all_inner_texts()
    said = [lookup("common.lang_unknown", lang).split("`")[0] for lang in ("zh", "en")]
    assert sum(all(s in a for s in said) for a in alerts) == 1, alerts  # one, in both
    heading = lookup("playground.url_heading", "zh").split("{")[0]
    (links,) = [a for a in alerts if heading in a]  # one message for the link's values
    for key in ("lr", "act", "dataset", "noise"):
        assert f"{key}=" in links, links
    assert lookup("playground.ds_circle", "zh") in links  # by its name ("circle | xor" no more)
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, "language-unknown-playground-garbage-zh")
