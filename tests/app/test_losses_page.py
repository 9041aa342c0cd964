"""The losses page through AppTest, in both languages: one tab per experiment, each drawing
what the lab computes for its settings; every control changes what is plotted; the messages at
the widgets' ends say what happened."""

import math

import pytest

from qa_core.labs.losses import escape, gradients, robust, stability
from tests.app.conftest import assert_clean, markdown_tables, open_tab, plotly_specs
from ui.i18n import lookup

PAGE = "pages/losses.py"
EXPERIMENTS = ("gradient", "escape", "overflow", "heads", "smoothing", "robust")
GRADIENT, ESCAPE, OVERFLOW, HEADS, SMOOTHING, ROBUST = range(6)
CHARTS_PER_TAB = (2, 4, 2, 1, 2, 2)  # the escape tab draws its two loss curves side by side


def label(lang, index):
    return lookup(f"losses.exp_{EXPERIMENTS[index]}", lang)


def tab(at, lang, index):
    return open_tab(at, "losses", label(lang, index))


def trace(spec, name):
    found = [t for t in spec["data"] if t.get("name") == name]
    assert found, (name, [t.get("name") for t in spec["data"]])
    return found[0]


def metrics(at):
    return {m.label: str(m.value) for m in at.metric}


def test_one_tab_per_experiment_each_with_titled_charts(page, lang):
    assert [t.label for t in page.tabs] == [label(lang, i) for i in range(6)]
    for index, charts in enumerate(CHARTS_PER_TAB):
        tab(page, lang, index)
        specs = plotly_specs(page)
        assert len(specs) == charts, label(lang, index)
        assert all(spec["layout"]["title"]["text"] for spec in specs)
        assert all(t.get("hovertemplate") or t.get("hoverinfo") for s in specs for t in s["data"])


def test_the_gradient_tab_plots_the_lab_curves_and_reads_z0(page, lang):
    spec = plotly_specs(page)[0]
    ce = trace(spec, lookup("losses.name_ce", lang))
    mse = trace(spec, lookup("losses.name_mse", lang))
    curves = gradients.gradient_curves(1, 10.0)
    assert ce["y"] == pytest.approx(abs(curves["ce_grad"]).tolist())  # log axis: |∂L/∂z|
    assert mse["y"] == pytest.approx(abs(curves["mse_grad"]).tolist())
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert page.warning  # z0 = −6 with y = 1: confidently wrong
    assert metrics(page)[lookup("losses.m_ratio", lang)] == "203×"

    page.segmented_control(key="losses_grad_y").set_value(0)
    page.slider(key="losses_grad_z0").set_value(8.0)
    page.toggle(key="losses_grad_log").set_value(False)
    page.run()
    assert_clean(page)
    spec = plotly_specs(page)[0]
    assert "type" not in spec["layout"]["yaxis"] or spec["layout"]["yaxis"]["type"] != "log"
    assert min(trace(spec, lookup("losses.name_ce", lang))["y"]) >= 0  # y = 0: p − 0 ≥ 0
    assert page.warning  # z0 = 8 with y = 0: confidently wrong again
    page.slider(key="losses_grad_z0").set_value(-8.0).run()
    assert not page.warning and page.info  # now right


def test_the_escape_tab_races_both_losses_from_the_wrong_start(page, lang):
    tab(page, lang, ESCAPE)
    result = escape.race()
    values = metrics(page)
    reach = {
        key: values[
            lookup("losses.race_reach", lang).format(loss=lookup(f"losses.name_{key}", lang))
        ]
        for key in ("mse", "ce")
    }
    assert reach == {"mse": str(result.epochs_to("mse")), "ce": str(result.epochs_to("ce"))}
    acc = plotly_specs(page)[2]
    assert len(acc["data"]) == 2 and len(acc["data"][0]["x"]) == 201

    page.slider(key="losses_race_start").set_value(0.0).run()
    assert_clean(page)
    assert any(lookup("losses.race_neutral", lang)[:10] in i.value for i in page.info)
    page.segmented_control(key="losses_race_opt").set_value("adam").run()
    page.slider(key="losses_race_start").set_value(12.0).run()
    assert_clean(page)
    assert any(lookup("losses.race_adam", lang)[:10] in i.value for i in page.info)
    page.select_slider(key="losses_race_epochs").set_value(50).run()
    assert len(plotly_specs(page)[2]["data"][0]["x"]) == 51


def test_the_overflow_tab_marks_where_the_naive_form_breaks(page, lang):
    tab(page, lang, OVERFLOW)
    spec = plotly_specs(page)[0]
    limit = stability.naive_limit("softmax", "float64")
    assert spec["layout"]["shapes"][0]["x0"] == pytest.approx(limit)
    assert f"{limit:.2f}" == "709.78" and "709.78" in spec["layout"]["annotations"][0]["text"]
    naive = trace(spec, lookup("losses.of_naive", lang))["y"]
    assert any(v is None or math.isnan(v) for v in naive)  # a gap past 709.78
    assert page.warning

    page.segmented_control(key="losses_of_kind").set_value("sigmoid")
    page.segmented_control(key="losses_of_dtype").set_value("float32")
    page.run()
    assert_clean(page)
    assert metrics(page)[lookup("losses.of_m_limit", lang)] == "16.64"
    page.select_slider(key="losses_of_high").set_value(10).run()
    assert_clean(page)
    assert not page.warning and page.info  # s never reaches the breaking point


def test_the_heads_tab_shows_softmax_summing_to_one_and_multi_label_without_softmax(page, lang):
    tab(page, lang, HEADS)
    assert metrics(page)[lookup("losses.heads_sum_softmax", lang)] == "1.000"
    before = plotly_specs(page)[0]
    page.slider(key="losses_heads_shift").set_value(5.0).run()
    after = plotly_specs(page)[0]
    assert after["data"][0]["y"] == pytest.approx(before["data"][0]["y"])  # softmax unchanged
    assert after["data"][1]["y"] != pytest.approx(before["data"][1]["y"])  # sigmoids moved
    page.multiselect(key="losses_heads_labels").set_value([1, 2]).run()
    assert_clean(page)
    assert metrics(page)[lookup("losses.heads_ce", lang)] == "—"
    assert page.info
    page.multiselect(key="losses_heads_labels").set_value([]).run()
    assert_clean(page)


def test_the_smoothing_tab_trains_the_sweep_and_compares_with_no_smoothing(page, lang):
    tab(page, lang, SMOOTHING)
    table = markdown_tables(page)[0]
    assert len(table) == 7
    rel = plotly_specs(page)[0]
    assert len(rel["data"]) == 3  # diagonal, ε = 0, ε = 0.1
    page.select_slider(key="losses_ls_eps").set_value(0.0).run()
    assert_clean(page)
    assert len(plotly_specs(page)[0]["data"]) == 2
    assert page.info
    page.select_slider(key="losses_ls_eps").set_value(0.3).run()
    assert_clean(page)
    assert page.warning  # underconfident at ε = 0.3


def test_the_robust_tab_fits_the_three_lines_and_says_when_huber_is_mse(page, lang):
    tab(page, lang, ROBUST)
    fit = robust.fit_lines()
    spec = plotly_specs(page)[0]
    mse_line = trace(spec, "MSE")
    a, b = fit.lines["mse"]
    assert mse_line["y"] == pytest.approx([-2 * a + b, 2 * a + b])
    page.select_slider(key="losses_rb_delta").set_value(10.0).run()
    assert_clean(page)
    assert page.info  # δ above every residual: Huber = MSE/2
    page.slider(key="losses_rb_n").set_value(0).run()
    assert_clean(page)
    page.slider(key="losses_rb_n").set_value(8)
    page.slider(key="losses_rb_offset").set_value(30.0)
    page.select_slider(key="losses_rb_delta").set_value(0.05)
    page.run()
    assert_clean(page)
    assert page.warning  # eight high-leverage outliers break even MAE
