"""The residual page through AppTest, in both languages: one tab per experiment, each drawing
what the lab computes for its settings; the controls change what is plotted; bad settings
(deep not deeper than shallow, no depth chosen) give a message naming the setting."""

import numpy as np
import pytest

from qa_core.labs.residual import depth, isometry, order, zero_init
from tests.app.conftest import assert_clean, markdown_tables, open_tab, plotly_specs
from ui.i18n import lookup

PAGE = "pages/residual.py"
EXPERIMENTS = ("symmetry", "degradation", "depth", "order", "zero", "isometry")
SYMMETRY, DEGRADATION, DEPTH, ORDER, ZERO, ISOMETRY = range(6)
CHARTS_PER_TAB = (1, 1, 2, 2, 2, 1)


def label(lang, index):
    return lookup(f"residual.exp_{EXPERIMENTS[index]}", lang)


def tab(at, lang, index):
    return open_tab(at, "residual", label(lang, index))


def metrics(at):
    return {m.label: str(m.value) for m in at.metric}


def first_layer(lang, name):
    return lookup("residual.first_layer", lang).format(net=lookup(f"residual.name_{name}", lang))


def test_one_tab_per_experiment_each_with_titled_charts(page, lang):
    assert [t.label for t in page.tabs] == [label(lang, i) for i in range(6)]
    for index, charts in enumerate(CHARTS_PER_TAB):
        tab(page, lang, index)
        specs = plotly_specs(page)
        assert len(specs) == charts, label(lang, index)
        assert all(spec["layout"]["title"]["text"] for spec in specs)
        assert all(t.get("hovertemplate") for s in specs for t in s["data"])


def test_equal_weights_stay_tied_and_a_random_start_separates_them(page, lang):
    spec = plotly_specs(page)[0]
    ends = [trace["y"][-1] for trace in spec["data"]]
    assert len(ends) == 8 and np.ptp(ends) <= 1e-9 * np.max(np.abs(ends))
    assert metrics(page)[lookup("residual.sym_distinct", lang)] == "1 / 8"
    assert page.warning
    page.segmented_control(key="residual_sym_init").set_value("he").run()
    assert_clean(page)
    assert metrics(page)[lookup("residual.sym_distinct", lang)] == "8 / 8"
    assert not page.warning and page.info
    ends = [trace["y"][-1] for trace in plotly_specs(page)[0]["data"]]
    assert np.ptp(ends) > 0.1
    page.select_slider(key="residual_sym_width").set_value(32).run()
    assert len(plotly_specs(page)[0]["data"]) == 32


def test_degradation_shows_the_deep_plain_net_behind_and_refuses_equal_depths(page, lang):
    tab(page, lang, DEGRADATION)
    table = markdown_tables(page)[0]
    assert len(table) == 4
    assert page.warning  # the 40-layer plain net trains worse than the 6-layer one
    assert len(plotly_specs(page)[0]["data"]) == 4
    page.slider(key="residual_deg_shallow").set_value(20)
    page.slider(key="residual_deg_deep").set_value(20)
    page.run()
    assert page.info  # settings changed: the Run button applies them
    page.button(key="residual_deg_run").click().run()
    assert not page.exception
    assert page.error and "deep must be greater" in page.error[0].value


def test_the_depth_sweep_draws_the_labs_gradients_and_names_a_missing_depth(page, lang):
    tab(page, lang, DEPTH)
    result = depth.depth_sweep()
    g = result.layers.pivot(index="layer", columns="net", values="grad_norm")
    values = metrics(page)
    assert values[first_layer(lang, "plain")] == f"{g['plain'].iloc[0]:.2g}"
    assert values[first_layer(lang, "residual")] == f"{g['residual'].iloc[0]:.2g}"
    grads, losses = plotly_specs(page)
    assert grads["layout"]["yaxis"]["type"] == "log"
    assert len(grads["data"][0]["x"]) == 51
    assert len(losses["data"][0]["x"]) == len(depth.DEFAULT_DEPTHS)
    page.multiselect(key="residual_depth_depths").set_value([])
    page.button(key="residual_depth_run").click().run()
    assert not page.exception
    assert page.error and "depths must hold" in page.error[0].value
    page.multiselect(key="residual_depth_depths").set_value([1, 2])
    page.select_slider(key="residual_depth_epochs").set_value(10)
    page.button(key="residual_depth_run").click().run()
    assert_clean(page)
    assert page.info  # no whole block below 3 hidden layers


def test_block_order_and_zero_init_show_the_labs_numbers(page, lang):
    tab(page, lang, ORDER)
    result = order.order_runs()
    g = result.grads.pivot(index="layer", columns="order", values="grad_norm")
    values = metrics(page)
    assert values[first_layer(lang, "post")] == f"{g['post'].iloc[0]:.2g}"
    assert values[first_layer(lang, "pre")] == f"{g['pre'].iloc[0]:.2g}"
    assert g["post"].iloc[0] < 1e-6 < g["pre"].iloc[0]
    page.slider(key="residual_order_blocks").set_value(2).run()
    assert_clean(page)
    assert len(plotly_specs(page)[0]["data"][0]["x"]) == 6  # stem, 2 blocks of 2, output

    tab(page, lang, ZERO)
    result = zero_init.zero_init_runs()
    start = result.curves[result.curves["epoch"] == 0].set_index("start")["train_loss"]
    values = metrics(page)
    name = lookup("residual.start_loss", lang)
    assert values[name.format(name=lookup("residual.name_zero", lang))] == f"{start['zero']:.3g}"
    assert values[name.format(name=lookup("residual.name_default", lang))] == "175"
    bars = plotly_specs(page)[1]["data"]
    assert max(bars[0]["y"]) == 0 and min(bars[1]["y"]) > 0.5
    page.toggle(key="residual_zero_log").set_value(False).run()
    assert plotly_specs(page)[0]["layout"]["yaxis"].get("type") != "log"


def test_orthogonal_weights_keep_the_spectrum_at_one(page, lang):
    tab(page, lang, ISOMETRY)
    spec = plotly_specs(page)[0]
    orthogonal = spec["data"][2]["y"]
    assert orthogonal == pytest.approx([1.0] * 128)
    table = markdown_tables(page)[0]
    assert len(table) == 3
    page.slider(key="residual_iso_gain").set_value(2.0)
    page.slider(key="residual_iso_depth").set_value(10)
    page.run()
    assert_clean(page)
    expected = isometry.isometry_spectra(10, "linear", 128, 2.0)
    assert plotly_specs(page)[0]["data"][2]["y"] == pytest.approx([2.0**10] * 128)
    assert len(expected) == 3 * 128
