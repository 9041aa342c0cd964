"""The batch-norm page through AppTest, in both languages: every section draws, widgets change
the plotted data, Run buttons retrain, and bad settings give a message instead of a crash."""

import math
import re

import pytest

from tests.app.conftest import (
    as_number,
    assert_clean,
    markdown_tables,
    open_tab,
    plotly_specs,
)
from ui.i18n import lookup

PAGE = "pages/batch_norm.py"
SECTIONS = ("exp_batches", "exp_linear", "exp_training", "exp_modes")
BATCHES, LINEAR, TRAINING, MODES = range(4)
CHARTS_PER_TAB = (1, 1, 2, 4)  # the training tab's BN × dropout chart waits for its button


def tab(at, lang: str, index: int, skip: bool = True):
    return open_tab(at, "batch_norm", lookup(f"batch_norm.{SECTIONS[index]}", lang), skip=skip)


def chart(at, lang: str, key: str, **fmt) -> dict:
    """The figure whose title starts like the string ``batch_norm.<key>`` (before any field)."""
    text = lookup(f"batch_norm.{key}", lang)
    prefix = text.format(**fmt) if fmt else text.split("{")[0]
    for spec in plotly_specs(at):
        if spec["layout"]["title"]["text"].startswith(prefix):
            return spec
    titles = [s["layout"]["title"]["text"] for s in plotly_specs(at)]
    raise AssertionError(f"no chart titled {prefix!r} in {titles}")


def _clean(values):
    """NaN → None, so that traces compare equal when they are."""
    if not isinstance(values, list):
        return values
    return [None if isinstance(v, float) and math.isnan(v) else v for v in values]


def traces(spec: dict) -> list[tuple]:
    return [(tr.get("name"), _clean(tr.get("x")), _clean(tr.get("y"))) for tr in spec["data"]]


def metric(at, lang: str, key: str) -> str:
    label = lookup(f"batch_norm.{key}", lang)
    return next(m.value for m in at.metric if m.label == label)


def test_page_shows_the_four_experiments_in_tabs_with_their_charts(page, lang):
    assert [tb.label for tb in page.tabs] == [lookup(f"batch_norm.{k}", lang) for k in SECTIONS]
    assert not page.subheader  # the tab names the experiment
    for index, charts in enumerate(CHARTS_PER_TAB):
        tab(page, lang, index)
        assert len(plotly_specs(page)) == charts, SECTIONS[index]
        assert page.title[0].value == lookup("batch_norm.title", lang)
    tab(page, lang, TRAINING)
    # the default comparison: the plain ReLU net diverges at lr 3 and says so
    assert page.warning and "3" in page.warning[0].value
    # the verdict is computed from the runs, not written in
    verdict = lookup("batch_norm.verdict_head", lang).split("{")[0]
    assert any(md.value.startswith(verdict) for md in page.markdown)


def test_histogram_controls_change_the_recorded_batches(page, lang):
    before = traces(chart(page, lang, "batches_title"))
    page.number_input(key="batch_norm_b_unit").set_value(5).run()
    assert_clean(page)
    after = traces(chart(page, lang, "batches_title", layer=2, unit=5))
    assert before != after
    page.slider(key="batch_norm_b_n").set_value(2).run()
    spec = chart(page, lang, "batches_title", layer=2, unit=5)
    assert len(spec["data"]) == 3 * 2  # three panels × two batches
    table = markdown_tables(page)[0].map(as_number)
    assert len(table) == 2
    assert (table.iloc[:, 5] == 0).all()  # x̂ mean of every batch, as shown (3 decimals)


def test_gamma_and_beta_move_the_points_and_the_identity_restores_the_input(page, lang):
    tab(page, lang, LINEAR, skip=False)
    assert not plotly_specs(page) and not page.metric  # the shares wait for a prediction
    page.radio(key="batch_norm_predict_linear").set_value("p70").run()  # "about 70%"
    assert_clean(page)
    assert page.success  # revealed: the measured share is nearest to 70%
    share = lookup("batch_norm.frac_linear", lang)
    base = float(metric(page, lang, "frac_linear").rstrip("%"))
    assert 60.0 < base < 78.0  # about 68–69% of N(0, 1)
    page.slider(key="batch_norm_l_gamma").set_value(4.0).run()
    assert_clean(page)
    spec = chart(page, lang, "linear_title", gamma=4.0, beta=0.0)
    assert spec
    wide = float(next(m.value for m in page.metric if m.label == share).rstrip("%"))
    assert wide < base - 30
    page.slider(key="batch_norm_l_beta").set_value(3.0).run()
    assert chart(page, lang, "linear_title", gamma=4.0, beta=3.0)
    page.toggle(key="batch_norm_l_identity").set_value(True).run()
    assert_clean(page)
    assert float(metric(page, lang, "restore_error")) < 1e-12
    assert page.success
    # … on this batch only: a second batch misses, eval mode does not (Ioffe & Szegedy §3)
    head = lookup("batch_norm.identity_other", lang).split("{")[0]
    (note,) = [i.value for i in page.info if i.value.startswith(head)]
    other = float(re.search(r"(\d+\.\d{3})", note.split(head)[1]).group(1))
    assert 1e-3 < other < 0.5
    assert "Var[x]" in note and "E[x]" in note


def test_training_comparison_reruns_only_after_run_is_pressed(page, lang):
    tab(page, lang, TRAINING)
    before = traces(chart(page, lang, "loss_title"))
    assert len(before) == 6
    page.selectbox(key="batch_norm_t_act").set_value("sigmoid")
    page.multiselect(key="batch_norm_t_lrs").set_value([0.3, 1.0])
    page.slider(key="batch_norm_t_epochs").set_value(5).run()
    assert_clean(page)
    assert page.info  # settings changed: press Run
    assert traces(chart(page, lang, "loss_title")) == before
    page.button(key="batch_norm_t_run").click().run()
    assert_clean(page)
    after = traces(chart(page, lang, "loss_title"))
    assert len(after) == 4 and after != before
    assert all(len(x) == 5 for _, x, _ in after)
    assert not page.info
    runs = markdown_tables(page)[0]  # one row per run: BN off and on at each learning rate
    assert list(runs.columns[:2]) == [lookup("batch_norm.col_lr", lang), "BN"]
    assert list(runs.iloc[:, 1]) == [lookup(f"batch_norm.bn_{k}", lang) for k in ("off", "on")] * 2
    # BN × dropout at the same (now sigmoid, 5-epoch) network
    page.button(key="batch_norm_m_run").click().run()
    assert_clean(page)
    spec = chart(page, lang, "mix_title", act="Sigmoid", lr=0.3, p=0.3)
    assert len(spec["data"]) == 8  # train and test accuracy of four runs
    assert all(len(tr["x"]) == 5 for tr in spec["data"])
    assert len(markdown_tables(page)[1]) == 4


def test_running_statistics_chart_and_mode_scatter_follow_their_controls(page, lang):
    tab(page, lang, MODES)
    before = traces(chart(page, lang, "trace_title", layer=2))
    page.toggle(key="batch_norm_r_frozen").set_value(True).run()
    assert_clean(page)
    after = traces(chart(page, lang, "trace_title", layer=2))
    assert before != after
    page.select_slider(key="batch_norm_r_momentum").set_value(1.0).run()
    # k = 1 keeps only the last batch: running mean = μ_B, running var = m/(m − 1)·σ²_B
    series: dict[str, list] = {}
    for name, _, y in traces(chart(page, lang, "trace_title", layer=2)):
        series.setdefault(name, []).append(y)  # [mean panel, variance panel]
    batch = series[lookup("batch_norm.trace_batch", lang)]
    running = series[lookup("batch_norm.trace_running", lang)]
    assert running[0] == pytest.approx(batch[0])
    assert running[1] == pytest.approx([v * 16 / 15 for v in batch[1]])
    # the train/eval scatter follows the chosen batch size
    # the sweep's table carries the mean |P_train − P_eval|, largest at the smallest batch
    sweep = markdown_tables(page)[-1]
    column = lookup("batch_norm.col_disagreement", lang)
    values = [as_number(v) for v in sweep[column]]
    assert values == sorted(values, reverse=True) and values[0] > 3 * values[-1]
    before = traces(chart(page, lang, "scatter_title", m=2))
    page.selectbox(key="batch_norm_s_scatter").set_value(64).run()
    assert_clean(page)
    assert traces(chart(page, lang, "scatter_title", m=64)) != before


def test_extreme_settings_show_messages_not_exceptions(page, lang):
    tab(page, lang, TRAINING)
    page.multiselect(key="batch_norm_t_lrs").set_value([]).run()
    page.button(key="batch_norm_t_run").click().run()
    assert not page.exception
    assert any("lrs" in e.value for e in page.error)
    tab(page, lang, MODES)
    page.multiselect(key="batch_norm_s_sizes").set_value([1, 4]).run()
    page.button(key="batch_norm_s_run").click().run()
    assert not page.exception
    assert any("batch_size must be >= 2" in e.value for e in page.error)
    tab(page, lang, BATCHES)
    page.select_slider(key="batch_norm_b_lr").set_value(10.0)
    page.select_slider(key="batch_norm_b_warmup").set_value(1).run()
    assert not page.exception
    assert any("diverged" in e.value for e in page.error)
