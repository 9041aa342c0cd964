"""The normalisation page through AppTest, in both languages: one tab per experiment, each
drawing what the lab computes for its settings; the controls change what is plotted; the
messages at the widgets' ends say what happened."""

import numpy as np
import pytest

from qa_core.labs.normalization import axes, modes, placement, stability, sweep
from tests.app.conftest import assert_clean, markdown_tables, open_tab, plotly_specs
from ui.i18n import lookup

PAGE = "pages/normalization.py"
EXPERIMENTS = ("axes", "sweep", "modes", "lr", "place")
AXES, SWEEP, MODES, LR, PLACE = range(5)
CHARTS_PER_TAB = (1, 2, 1, 1, 1)


def label(lang, index):
    return lookup(f"normalization.exp_{EXPERIMENTS[index]}", lang)


def tab(at, lang, index):
    return open_tab(at, "normalization", label(lang, index))


def metrics(at):
    return {m.label: str(m.value) for m in at.metric}


def test_one_tab_per_experiment_each_with_titled_charts_and_hover(page, lang):
    assert [t.label for t in page.tabs] == [label(lang, i) for i in range(5)]
    for index, charts in enumerate(CHARTS_PER_TAB):
        tab(page, lang, index)
        specs = plotly_specs(page)
        assert len(specs) == charts, label(lang, index)
        assert all(spec["layout"]["title"]["text"] for spec in specs)
        assert all(t.get("hovertemplate") for s in specs for t in s["data"])


def test_the_axes_tab_highlights_the_lab_selection_and_shows_its_statistics(page, lang):
    spec = plotly_specs(page)[0]
    v = axes.view("batch", 4, 6, 2, 2, (0, 0))
    z = np.array(spec["data"][0]["z"])
    np.testing.assert_array_equal(z, v.selected.reshape(4, 24).astype(float))
    shown = metrics(page)
    assert shown[lookup("normalization.m_values", lang)] == "16"
    assert shown[lookup("normalization.m_sets", lang)] == "6"
    assert shown[lookup("normalization.m_mean", lang)] == f"{v.mean:.3f}"

    page.segmented_control(key="normalization_axes_kind").set_value("group").run()
    page.selectbox(key="normalization_axes_groups").set_value(4)  # 4 does not divide 6
    page.selectbox(key="normalization_axes_ch").set_value(5).run()
    assert_clean(page)
    assert any(lookup("normalization.axes_groups_used", lang).split("{")[0] in i.value
               for i in page.info)  # fmt: skip
    v = axes.view("group", 4, 6, 2, 2, (0, 4))  # gcd(4, 6) = 2 groups
    z = np.array(plotly_specs(page)[0]["data"][0]["z"])
    np.testing.assert_array_equal(z, v.selected.reshape(4, 24).astype(float))
    assert metrics(page)[lookup("normalization.m_values", lang)] == "12"

    page.segmented_control(key="normalization_axes_kind").set_value("rms")
    page.slider(key="normalization_axes_n").set_value(2)
    page.selectbox(key="normalization_axes_ex").set_value(5).run()  # beyond 2 examples
    assert_clean(page)
    v = axes.view("rms", 2, 6, 2, 2, (1, 4))
    assert metrics(page)[lookup("normalization.m_ms", lang)] == f"{v.var:.3f}"
    assert metrics(page)[lookup("normalization.m_mean", lang)] == "—"
    assert any(lookup("normalization.axes_cell_used", lang).split("{")[0] in i.value
               for i in page.info)  # fmt: skip
    table = markdown_tables(page)[0]
    assert len(table) == len(axes.KINDS)


def test_instance_norm_with_one_position_warns(page, lang):
    page.segmented_control(key="normalization_axes_kind").set_value("instance")
    page.slider(key="normalization_axes_hw").set_value(1).run()
    assert_clean(page)
    assert page.warning[0].value == lookup("normalization.axes_instance_one", lang)


def test_the_sweep_tab_plots_the_lab_sweep_and_waits_for_run(page, lang):
    tab(page, lang, SWEEP)
    frame = sweep.batch_size_sweep(epochs=10)
    acc, gap = plotly_specs(page)
    names = [t["name"] for t in acc["data"]]
    assert names == [lookup(f"normalization.norm_{n}", lang) for n in sweep.SWEEP_NORMS]
    bn = frame[frame["norm"] == "batch"]
    assert acc["data"][0]["y"] == pytest.approx(bn["test_acc"].tolist())
    assert gap["data"][1]["y"] == pytest.approx([0.0] * 4)  # LayerNorm: no gap at all
    assert len(markdown_tables(page)[0]) == 16

    page.slider(key="normalization_sweep_epochs").set_value(5).run()
    assert any(lookup("common.settings_changed", lang).split("{")[0] in i.value for i in page.info)
    assert acc == plotly_specs(page)[0]  # nothing retrained before Run
    page.multiselect(key="normalization_sweep_norms").set_value([]).run()
    assert_clean(page)
    assert not plotly_specs(page)
    assert page.info[0].value == lookup("normalization.pick_norm", lang)


def test_the_modes_tab_shows_only_batch_norm_moving_in_training_mode(page, lang):
    tab(page, lang, MODES)
    frame = modes.probe_outputs(4, 20, 0.0)
    spread = modes.spread(frame).set_index(["norm", "mode"])["range"]
    train, evaluated = plotly_specs(page)[0]["data"]
    assert train["y"] == pytest.approx(frame[frame["mode"] == "train"]["y0"].tolist())
    assert evaluated["y"] == pytest.approx(frame[frame["mode"] == "eval"]["y0"].tolist())
    shown = metrics(page)
    name = lookup("normalization.m_range", lang)
    assert shown[name.format(norm="BatchNorm")] == f"{spread[('batch', 'train')]:.3f}"
    assert shown[name.format(norm="LayerNorm")] == "0.000"

    page.select_slider(key="normalization_modes_m").set_value(1).run()
    assert_clean(page)
    assert page.info[-1].value == lookup("normalization.modes_one", lang)
    assert metrics(page)[name.format(norm="BatchNorm")] == "0.000"


def test_the_lr_tab_reads_the_largest_rates(page, lang):
    tab(page, lang, LR)
    frame = stability.lr_sweep(depth=6, epochs=10)
    best = stability.largest(frame).set_index("norm")
    table = markdown_tables(page)[0]
    column = lookup("normalization.col_largest_training", lang)
    expected = [f"{v:g}" if v == v and v is not None else "—" for v in best["largest_training"]]
    assert table[column].tolist() == expected
    spec = plotly_specs(page)[0]
    none = spec["data"][0]
    assert none["marker"]["symbol"] == ["x" if d else "circle" for d in frame["diverged"][:7]]


def test_the_placement_tab_plots_both_stacks_and_their_ratios(page, lang):
    tab(page, lang, PLACE)
    post, pre = plotly_specs(page)[0]["data"]
    assert post["y"] == pytest.approx(placement.gradient_norms("post", 12, 16, 0).tolist())
    assert pre["y"] == pytest.approx(placement.gradient_norms("pre", 12, 16, 0).tolist())
    page.slider(key="normalization_place_depth").set_value(2)
    page.toggle(key="normalization_place_log").set_value(False).run()
    assert_clean(page)
    spec = plotly_specs(page)[0]
    assert len(spec["data"][0]["y"]) == 2 and spec["layout"]["yaxis"]["type"] == "linear"


def test_the_sweep_waits_for_a_prediction_and_reveals_batch_norm(page, lang):
    open_tab(page, "normalization", label(lang, SWEEP), skip=False)
    assert not plotly_specs(page)  # the charts answer the question
    radio = page.radio(key="normalization_sweep_predict")
    assert radio.options == [lookup(f"normalization.norm_{n}", lang) for n in sweep.SWEEP_NORMS]
    radio.set_value("layer").run()
    assert_clean(page)
    assert len(plotly_specs(page)) == 2
    answer = lookup("normalization.norm_batch", lang)
    assert [w.value for w in page.warning] == [
        lookup("common.predict_wrong", lang).format(
            choice=lookup("normalization.norm_layer", lang), answer=answer
        )
    ]
