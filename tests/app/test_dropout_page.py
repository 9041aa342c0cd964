"""The Dropout page through AppTest, in both languages: every control changes what is plotted,
expensive experiments wait for Run, odd settings are pointed out and nothing raises.

To keep the file fast, several independent widgets are changed before one rerun.
"""

import math
import re

from qa_core.labs.dropout import masks
from tests.app.conftest import assert_clean, markdown_tables, open_app, open_tab, plotly_specs
from ui.i18n import lookup
from ui.layout import tabs_key

PAGE = "pages/dropout.py"
SECTIONS = {
    lang: [
        lookup(f"dropout.exp_{k}", lang)
        for k in ("mask", "conventions", "ensemble", "overfit", "hurts")
    ]
    for lang in ("zh", "en")
}
EQUAL = {"zh": "相等", "en": "equal to it"}
MASK_TAB, CONVENTIONS_TAB, ENSEMBLE_TAB, OVERFIT_TAB, HURTS_TAB = range(5)
CHARTS_PER_TAB = (1, 1, 3, 3, 1)
# Chart order within a tab.
ENS_ACC, ENS_LOSS, ENS_GAP = range(3)
OVER_CURVES, OVER_LEFT, OVER_RIGHT = range(3)


def traces(at, index):
    """(name, x, y) of each trace of the index-th chart; NaN (the breaks in edge polylines)
    becomes None so that equal drawings compare equal."""

    def clean(values):
        if values is None:
            return None
        return [None if isinstance(v, float) and math.isnan(v) else v for v in values]

    data = plotly_specs(at)[index]["data"]
    return [(t.get("name"), clean(t.get("x")), clean(t.get("y"))) for t in data]


def metric_values(at):
    return [str(m.value) for m in at.metric]


def tab(at, lang, index, skip=True):
    return open_tab(at, "dropout", SECTIONS[lang][index], skip=skip)


def test_one_tab_per_experiment_each_with_its_charts_under_the_stated_convention(page, lang):
    assert [t.label for t in page.tabs] == SECTIONS[lang]
    assert not page.subheader  # the tab names the experiment
    for index, charts in enumerate(CHARTS_PER_TAB):
        tab(page, lang, index)
        specs = plotly_specs(page)
        assert len(specs) == charts, SECTIONS[lang][index]
        assert all(spec["layout"]["title"]["text"] for spec in specs)
        # the convention note stays above the tabs
        assert "PyTorch" in page.info[0].value and "1-p" in page.info[0].value
        if index == ENSEMBLE_TAB:  # k = 1…100 with a weight-scaling line and single networks
            acc = traces(page, ENS_ACC)
            assert len(acc) == 3 and all(len(x) == 100 for _, x, _ in acc)
    tab(page, lang, MASK_TAB)
    # Default diagram: 2 hidden layers of 5 units, so 2^10 thinned networks.
    assert any("2^10 = 1,024" in v for v in metric_values(page))


def test_cheap_controls_redraw_their_charts(page, lang):
    mask = traces(page, 0)
    page.button(key="dropout_mask_sample").click().run()
    assert_clean(page)
    assert page.slider(key="dropout_mask_n").value == 2
    assert traces(page, 0) != mask

    page.slider(key="dropout_mask_n").set_value(1)
    page.select_slider(key="dropout_mask_width").set_value(8)
    page.select_slider(key="dropout_mask_depth").set_value(3)
    page.slider(key="dropout_mask_p").set_value(0.0)
    page.run()
    assert_clean(page)
    assert any("2^24" in v for v in metric_values(page))
    assert any("24 / 24" in v for v in metric_values(page))
    assert not plotly_specs(page)[0]["data"][0].get("x")  # p = 0: no greyed-out edge

    tab(page, lang, CONVENTIONS_TAB, skip=False)
    assert not plotly_specs(page)  # the chart waits for a prediction
    page.radio(key="dropout_conv_predict").set_value("equal").run()
    conventions = traces(page, 0)
    assert page.success, "the right prediction is confirmed"
    page.select_slider(key="dropout_conv_masks").set_value(100).run()
    assert_clean(page)
    assert traces(page, 0) != conventions

    tab(page, lang, OVERFIT_TAB)
    curves = traces(page, OVER_CURVES)
    page.slider(key="dropout_over_p").set_value(0.2).run()
    assert_clean(page)
    assert traces(page, OVER_CURVES) != curves
    page.slider(key="dropout_over_p").set_value(0.0).run()
    assert_clean(page)
    assert len(page.info) == 2  # the p = 0 note besides the convention note
    series = [y for _, _, y in traces(page, OVER_CURVES)]
    assert series[0] == series[2]  # with p = 0 both runs are identical


def test_a_mask_that_empties_a_layer_is_flagged(lang):
    n = next(n for n in range(1, 201) if masks.sample_masks((2, 2, 2), 0.9, n, seed=8).empty_layers)
    at = open_app(lang, PAGE)
    at.select_slider(key="dropout_mask_width").set_value(2)
    at.select_slider(key="dropout_mask_depth").set_value(3)
    at.slider(key="dropout_mask_p").set_value(0.9)
    at.slider(key="dropout_mask_n").set_value(n)
    at.run()
    assert_clean(at)
    assert at.warning, "an emptied layer should be pointed out"


def test_expensive_experiments_wait_for_run_then_use_the_new_settings(page, lang):
    tab(page, lang, ENSEMBLE_TAB)
    ens = traces(page, ENS_ACC)
    page.select_slider(key="dropout_ens_width").set_value(16).run()
    assert_clean(page)
    assert traces(page, ENS_ACC) == ens  # nothing recomputed yet …
    assert [c for c in page.info if "Run" in c.value or "运行" in c.value]
    page.button(key="dropout_ens_run").click().run()
    assert_clean(page)
    assert traces(page, ENS_ACC) != ens  # … until Run is pressed

    tab(page, lang, HURTS_TAB)
    table = markdown_tables(page)[-1]
    page.toggle(key="dropout_hurt_wide").set_value(False)
    page.select_slider(key="dropout_hurt_width").set_value(2)
    page.run()
    assert_clean(page)
    assert markdown_tables(page)[-1].equals(table)
    assert [c for c in page.info if "Run" in c.value or "运行" in c.value]
    page.button(key="dropout_hurt_run").click().run()
    assert_clean(page)
    after = markdown_tables(page)[-1]
    assert len(after) == 5 and set(after.iloc[:, 0]) == {"2"}
    assert page.warning or len(page.info) >= 2  # the underfitting onset, or "none found"


def test_settings_survive_a_visit_to_another_tab(page, lang):
    page.slider(key="dropout_mask_p").set_value(0.3).run()
    tab(page, lang, CONVENTIONS_TAB, skip=False)
    assert not [s for s in page.slider if s.key == "dropout_mask_p"]  # only the open tab is drawn
    page.radio(key="dropout_conv_predict").set_value("equal").run()
    tab(page, lang, MASK_TAB)
    assert page.slider(key="dropout_mask_p").value == 0.3
    tab(page, lang, CONVENTIONS_TAB, skip=False)
    assert page.session_state["dropout_conv_predict"] == "equal"
    assert page.success and EQUAL[lang] in page.success[0].value  # the prediction stays answered


def test_the_open_tab_and_its_settings_survive_a_language_switch(page, lang):
    other = "en" if lang == "zh" else "zh"
    tab(page, lang, ENSEMBLE_TAB)
    page.select_slider(key="dropout_ens_width").set_value(16).run()
    page.session_state["lang_switch"] = other  # the sidebar's language switch
    page.run()
    assert_clean(page)
    assert page.session_state[tabs_key("dropout")] == SECTIONS[other][ENSEMBLE_TAB]
    assert page.select_slider(key="dropout_ens_width").value == 16


def test_the_ensemble_reveal_reports_single_networks_against_weight_scaling(page, lang):
    tab(page, lang, ENSEMBLE_TAB, skip=False)
    assert not plotly_specs(page) and not page.metric  # the scores wait for a prediction
    page.radio(key="dropout_ens_predict").set_value("10").run()
    assert_clean(page)
    assert page.success  # with the defaults the accuracy catches up within 10 samples
    head = lookup("dropout.ens_explain", lang).split("{")[0]
    (text,) = [m.value for m in page.markdown if m.value.startswith(head)]
    shares = [float(v) for v in re.findall(r"(\d+\.\d)%", text)]
    weight_scaling, single = shares[0], shares[1]
    assert single < weight_scaling  # one weight-scaled pass beats a single thinned network
    assert "{" not in text


def test_hurts_text_matches_the_default_run(page, lang):
    """Only a large p costs the width-4 net its training accuracy (the onset is at 0.8)."""
    tab(page, lang, HURTS_TAB)
    onsets = [w.value for w in page.warning]
    narrow = {"zh": "宽 4 的", "en": "width-4 "}[lang]
    assert any("p = 0.8" in w and narrow in w for w in onsets)
    assert not any(f"p = {p}" in w for w in onsets for p in ("0.2", "0.4", "0.6"))
    assert "A.1" in "".join(m.value for m in page.markdown)
