"""The ReLU page through AppTest in both languages: every experiment draws, widgets change the
plotted data, extreme settings give warnings instead of exceptions."""

import json

import numpy as np
import pytest

from tests.app.conftest import (
    _decode,
    assert_clean,
    live_charts,
    markdown_tables,
    open_tab,
    skip_predictions,
)
from ui.i18n import lookup

PAGE = "pages/relu.py"
SECTIONS = {
    lang: [
        lookup(f"relu.exp_{k}", lang)
        for k in ("timing", "saturation", "sparsity", "dying", "variants")
    ]
    for lang in ("zh", "en")
}
CHART_KEYS = (  # by tab
    ("relu_time_fig",),
    ("relu_sat_fig",),
    ("relu_sparse_fig", "relu_sparse_map"),
    ("relu_dying_fig", "relu_dying_acc", "relu_dying_slope"),
    ("relu_var_functions", "relu_var_acc", "relu_var_slopes"),
)
TIMING, SATURATION, SPARSITY, DYING, VARIANTS = range(5)


def chart(at, key):
    """The decoded figure JSON of the chart drawn with ``key``."""
    for element in live_charts(at):
        if element.proto.id.endswith(f"-{key}"):
            (figure,) = json.loads(element.proto.json)["figures"]
            return _decode(json.loads(figure))
    raise AssertionError(f"no chart with key {key!r}")


def tab(at, lang, index):
    return open_tab(at, "relu", SECTIONS[lang][index])


def traces(at, key):
    return [(t.get("name"), t.get("x"), t.get("y"), t.get("z")) for t in chart(at, key)["data"]]


def test_every_experiment_is_drawn_in_its_own_tab(page, lang):
    assert [tb.label for tb in page.tabs] == SECTIONS[lang]
    assert not page.subheader  # the tab names the experiment
    timing = traces(page, "relu_time_fig")[0]
    assert len(timing[1]) == 6 and all(v > 0 for v in timing[2])  # six activations, positive
    for index, chart_keys in enumerate(CHART_KEYS):
        tab(page, lang, index)
        keys = [e.proto.id.rsplit("-", 1)[1] for e in live_charts(page)]
        assert tuple(keys) == chart_keys
        for key in chart_keys:
            assert chart(page, key)["data"], key
        assert not page.warning  # the defaults neither diverge nor fail


def test_timing_and_saturation_widgets_change_the_plotted_data(page, lang):
    before = traces(page, "relu_time_fig")
    page.select_slider(key="relu_time_n").set_value(10_000).run()
    assert traces(page, "relu_time_fig") == before  # moving a widget does not measure ...
    stale = lookup("common.settings_changed", lang).format(button=lookup("relu.timing_run", lang))
    assert stale in [i.value for i in page.info]  # ... it says so, as every Run gate does
    page.button(key="relu_time_run").click().run()
    assert_clean(page)
    after = traces(page, "relu_time_fig")
    assert before[0][2] != after[0][2]
    assert "10,000" in chart(page, "relu_time_fig")["layout"]["title"]["text"]
    assert not page.info
    page.button(key="relu_time_run").click().run()  # the same settings, measured afresh
    assert traces(page, "relu_time_fig")[0][2] != after[0][2]

    tab(page, lang, SATURATION)
    page.slider(key="relu_sat_z").set_value((-40.0, 30.0)).run()
    page.toggle(key="relu_sat_log").set_value(True).run()
    assert_clean(page)
    fig = chart(page, "relu_sat_fig")
    xs = next(x for _, x, _, _ in traces(page, "relu_sat_fig") if x and len(x) > 10)
    assert min(xs) == pytest.approx(-40.0) and max(xs) == pytest.approx(30.0)
    assert fig["layout"]["yaxis"]["type"] == "log"


def test_sparsity_follows_the_activation_and_the_layer(page, lang):
    tab(page, lang, SPARSITY)
    relu_bars = [y for _, _, y, _ in traces(page, "relu_sparse_fig")]
    assert all(0.2 < v < 0.9 for bars in relu_bars for v in bars)  # ReLU: many exact zeros
    first_map = traces(page, "relu_sparse_map")[0][3]
    page.selectbox(key="relu_sparse_layer").set_value(3).run()
    assert traces(page, "relu_sparse_map")[0][3] != first_map
    page.selectbox(key="relu_sparse_act").set_value("tanh").run()
    assert_clean(page)
    tanh_bars = [y for _, _, y, _ in traces(page, "relu_sparse_fig")]
    assert all(v == 0 for bars in tanh_bars for v in bars)  # tanh: never exactly zero
    assert np.all(np.array(traces(page, "relu_sparse_map")[0][3]) == 1)


def test_dying_relu_measure_prediction_and_an_extreme_learning_rate(page, lang):
    open_tab(page, "relu", SECTIONS[lang][DYING], skip=False)
    assert not live_charts(page) and not page.table  # nothing measured shows before a prediction
    measured = lookup("relu.dying_verdict_dead", lang).split("**")[1]
    assert not any(measured in m.value for m in page.markdown)
    question = next(m.value for m in page.markdown if "30" in m.value and "0.2" in m.value)
    page.slider(key="relu_dying_epochs").set_value(40).run()  # the question follows the settings
    assert question.replace("30", "40") in [m.value for m in page.markdown]
    page.slider(key="relu_dying_epochs").set_value(30).run()
    none_option = page.radio(key="relu_dying_predict").options[2]
    page.radio(key="relu_dying_predict").set_value("none").run()  # answering runs and reveals
    assert_clean(page)
    assert page.success and none_option in page.success[0].value
    dead = traces(page, "relu_dying_fig")
    relu_l1 = next(y for name, _, y, _ in dead if name.startswith("ReLU"))
    leaky_l1 = next(y for name, _, y, _ in dead if name.startswith("Leaky"))
    assert relu_l1[-1] > 0.1 and max(leaky_l1) == 0  # ReLU dies, Leaky ReLU does not

    page.radio(key="relu_dying_measure").set_value("inactive").run()
    inactive = traces(page, "relu_dying_fig")
    leaky_inactive = next(y for name, _, y, _ in inactive if name.startswith("Leaky"))
    assert max(leaky_inactive) > 0  # units with z <= 0 exist, but they are not dead

    before = traces(page, "relu_dying_acc")
    page.select_slider(key="relu_dying_lr").set_value(8.0)
    page.slider(key="relu_dying_shift").set_value(0.0)
    page.slider(key="relu_dying_epochs").set_value(10)
    page.button(key="relu_dying_run").click().run()
    assert not page.exception and not live_charts(page)  # new settings: a new question
    skip_predictions(page)
    assert page.warning  # diverged runs are reported ...
    annotations = chart(page, "relu_dying_acc")["layout"].get("annotations", [])
    assert annotations  # ... and marked on the chart
    assert traces(page, "relu_dying_acc") != before


def test_variants_alpha_redraws_the_curve_and_run_recomputes_the_comparison(page, lang):
    tab(page, lang, VARIANTS)
    page.slider(key="relu_var_alpha").set_value(0.3).run()
    assert_clean(page)
    leaky = next(t for t in chart(page, "relu_var_functions")["data"] if "0.3" in t.get("name", ""))
    z, f = np.array(leaky["x"]), np.array(leaky["y"])
    assert np.allclose(f[z < 0], 0.3 * z[z < 0])

    before = traces(page, "relu_var_acc")
    page.slider(key="relu_var_seeds").set_value(1)
    page.button(key="relu_var_run").click().run()
    assert_clean(page)
    after = traces(page, "relu_var_acc")
    assert before != after
    dots = after[-1]
    assert len(dots[2]) == 4  # one seed per activation now
    one_seed = lookup("relu.verdict_one_seed", lang)
    assert any(one_seed in m.value for m in page.markdown)  # no verdict from a single seed


def test_at_learning_rate_8_diverged_variants_are_named_not_counted_as_alive(page, lang):
    """PReLU and RReLU diverge at epoch 1: the verdict says so instead of "0 % dead", and the
    table shows no measurement of their broken networks (no 1e+107 "max move")."""
    tab(page, lang, DYING)
    page.select_slider(key="relu_dying_lr").set_value(8.0)
    page.slider(key="relu_dying_epochs").set_value(10)
    page.button(key="relu_dying_run").click().run()
    assert not page.exception
    skip_predictions(page)  # once skipped, the question stays skipped
    measured = lookup("relu.dying_verdict_dead", lang).split("**")[1]
    verdict = next(m.value for m in page.markdown if measured in m.value)
    for name in ("PReLU", "RReLU"):
        said = lookup("relu.variant_diverged", lang).format(name=name, epoch=1)
        assert said in verdict
        assert f"{name} 0%" not in verdict
    heading = lookup("relu.col_diverged", lang)
    table = next(f for f in markdown_tables(page) if heading in f.columns)
    rows = table.set_index(table.columns[0])
    for name in ("PReLU", "RReLU"):
        assert rows.loc[name, heading] == "1"
        assert set(rows.loc[name].drop(heading)) == {"—"}
    assert rows.loc["ReLU", heading] == "—" and rows.loc["ReLU"].iloc[0] != "—"
    assert not any("e+" in cell for cell in table.to_numpy().ravel())
    assert not any(lookup("relu.variants_zero", lang) in c.value for c in page.caption)
